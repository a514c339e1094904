import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { JwtStrategy } from '../auth/jwt.strategy';
import { UnauthenticatedProblem } from '../common/errors/problem';
import { StreamTickets } from './stream-tickets.service';

/**
 * The notification stream accepts either the usual bearer header (fetch-based clients) or a
 * one-time `?ticket=` (EventSource). Either way the person is read afresh, as JwtStrategy does.
 */
@Injectable()
export class StreamAuthGuard implements CanActivate {
  private readonly bearer = new (AuthGuard('jwt'))();

  constructor(
    private readonly tickets: StreamTickets,
    private readonly jwt: JwtStrategy,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser | false }>();
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
    if (!ticket) {
      if (!req.headers.authorization) throw new UnauthenticatedProblem('Open the stream with ?ticket= (POST /notifications/stream-tickets) or a bearer token');
      try {
        return (await this.bearer.canActivate(ctx)) as boolean;
      } catch (error) {
        // A refused token is an HttpException; anything else (an outage) is not the client's fault.
        if (!(error instanceof HttpException)) throw error;
        throw new UnauthenticatedProblem();
      }
    }
    const claims = await this.tickets.redeem(ticket);
    const user = claims?.sub ? await this.jwt.currentUser({ sub: claims.sub, gen: claims.gen }) : false;
    if (!user) throw new UnauthenticatedProblem('The stream ticket is invalid, used or expired: ask for a new one');
    req.user = user;
    return true;
  }
}
