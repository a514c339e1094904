import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import { ProblemException, ProblemType } from '../errors/problem';

/** What a route takes unless it declares otherwise with `@ApiConsumes(…)`: what the body parsers read. */
export const DEFAULT_MEDIA_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/**
 * A body in a media type the route does not take is a 415. Without this, a body no parser read
 * (text/plain, or multipart sent to a JSON route) reaches the handler as no body at all, and a
 * route whose fields are all optional would act on it as if nothing had been asked.
 *
 * A guard, not an interceptor: any global interceptor turns the errors of a server-sent-events
 * handler into events of an already opened stream (200), where they must stay statuses.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const declared = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]);
      const accepted = declared ?? DEFAULT_MEDIA_TYPES;
      // An empty body (Content-Length: 0, as clients send on a bare POST) has no media type to check.
      const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
      if (hasBody && !req.is(accepted)) {
        throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ProblemType.UnsupportedMediaType,
          'Unsupported media type',
          `Send the body as ${accepted.filter((t) => !t.includes('*')).join(' or ')}, not ${req.get('content-type') ?? 'without a Content-Type'}`,
        );
      }
    }
    return true;
  }
}
