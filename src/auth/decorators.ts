import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';
import type { GlobalRole } from './roles';

export const IS_PUBLIC = 'accord:public';
export const REQUIRED_ROLES = 'accord:roles';

/** No sign-in needed (health, docs, register, login…). Everything else requires a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only people holding one of these global roles. Case-level rights are the access policy's. */
export const Roles = (...roles: GlobalRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<Request & { user: AuthUser }>().user);

/** IP and user agent of the request, for the security log. */
export const Origin = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
});
