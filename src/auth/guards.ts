import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { ForbiddenProblem, UnauthenticatedProblem } from '../common/errors/problem';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import type { GlobalRole } from './roles';

const isPublic = (reflector: Reflector, ctx: ExecutionContext): boolean => reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]) === true;

/** Every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(ctx: ExecutionContext) {
    if (isPublic(this.reflector, ctx)) return true;
    return super.canActivate(ctx);
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // A bad token never reaches here as an error (passport reports it as no user). An error is
    // the strategy failing to read the person, e.g. the database being down: that is no reason
    // to sign anyone out, so it goes to the problem filter (503 for an outage), not 401.
    if (error) throw error;
    if (!user) throw new UnauthenticatedProblem();
    return user;
  }
}

/** Global roles named by @Roles(); case-level rights are decided by the access policy. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<GlobalRole[] | undefined>(REQUIRED_ROLES, [ctx.getHandler(), ctx.getClass()]);
    if (!required?.length || isPublic(this.reflector, ctx)) return true;
    const user = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (user && required.some((r) => user.roles.includes(r))) return true;
    throw new ForbiddenProblem(`This needs one of the roles: ${required.join(', ')}`);
  }
}
