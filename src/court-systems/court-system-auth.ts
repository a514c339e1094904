import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import { courtSystemMay, courtSystemRefusal, type CourtSystemPermission, type CourtSystemPrincipal } from '../access/court-system-access.policy';
import { Public } from '../auth/decorators';
import { RedisThrottlerStorage } from '../auth/redis-throttler.storage';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ForbiddenProblem, TooManyRequestsProblem, UnauthenticatedProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { COURT_SYSTEM_KEY_STRATEGY } from './court-system-key.strategy';

/** The OpenAPI security scheme of court systems' API keys. */
export const API_KEY_SCHEME = 'courtSystemKey';
const REQUIRED_PERMISSION = 'accord:court-system-permission';

type KeyRequest = Request & { user?: CourtSystemPrincipal };

/** Authenticates the API key; anything else (no key, a wrong or revoked one) is a 401. */
@Injectable()
export class CourtSystemKeyGuard extends AuthGuard(COURT_SYSTEM_KEY_STRATEGY) {
  override handleRequest<T>(error: unknown, principal: T): T {
    if (error) throw error;
    if (!principal) throw new UnauthenticatedProblem('A valid API key is needed: Authorization: Bearer acc_… or X-Api-Key (it may have been revoked)');
    return principal;
  }
}

/**
 * Requests per minute per key (API_KEY_RATE_LIMIT_PER_MINUTE), counted in Redis by the same
 * storage as the sign-in throttle, so the limit holds across every API instance.
 */
@Injectable()
export class CourtSystemRateLimit implements CanActivate {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const principal = ctx.switchToHttp().getRequest<KeyRequest>().user!;
    const limit = this.config.get('API_KEY_RATE_LIMIT_PER_MINUTE', { infer: true });
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(principal.keyId, 60_000, limit, 0, 'court-system-key');
    if (isBlocked) throw new TooManyRequestsProblem(`This API key may make ${limit} requests a minute`, Math.max(1, timeToBlockExpire));
    return true;
  }
}

/** The permission the route needs, decided by the access policy: a 403 without it. */
@Injectable()
export class CourtSystemPermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<CourtSystemPermission>(REQUIRED_PERMISSION, [ctx.getHandler(), ctx.getClass()]);
    const principal = ctx.switchToHttp().getRequest<KeyRequest>().user!;
    if (courtSystemMay(principal, permission) !== 'allowed') throw new ForbiddenProblem(courtSystemRefusal(permission));
    return true;
  }
}

/**
 * A route for court systems only: no person's token (@Public() lets it past the sign-in guard),
 * an API key instead, with this permission, within the key's rate limit.
 */
export const CourtSystemRoute = (permission: CourtSystemPermission): MethodDecorator & ClassDecorator =>
  applyDecorators(
    Public(),
    SetMetadata(REQUIRED_PERMISSION, permission),
    UseGuards(CourtSystemKeyGuard, CourtSystemRateLimit, CourtSystemPermissionGuard),
    ApiSecurity(API_KEY_SCHEME),
    ApiProblems(401, 403, 429),
  );

export const CurrentCourtSystem = createParamDecorator((_: unknown, ctx: ExecutionContext): CourtSystemPrincipal => ctx.switchToHttp().getRequest<KeyRequest>().user!);
