import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ValidationProblem } from './errors/problem';

/** The case version from an `If-Match: "7"` header (the ETag a GET returned), if sent. */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().get('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new ValidationProblem([{ field: 'If-Match', rule: 'isVersion', message: 'If-Match must be the ETag of the case, e.g. "3"' }]);
  return Number(match[1]);
});
