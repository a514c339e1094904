import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import { hasSubjectAndExpiry, isAccessToken, type TokenClaims } from '../auth/access-token';
import type { AuthUser } from '../auth/auth-user';
import { JwtStrategy } from '../auth/jwt.strategy';
import { GlobalRole } from '../auth/roles';
import type { AccessTokenClaims } from '../auth/session-generation';
import type { Environment } from '../config/environment';

export const QUEUE_BOARD_COOKIE = 'accord_queue_board';
export const QUEUE_BOARD_PATH = '/api/admin/queues';
/** A board session is short: it is a key to retry, promote and delete jobs. */
export const QUEUE_BOARD_SESSION_SECONDS = 15 * 60;
const AUDIENCE = 'queue-board';

const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
};

const problem = (res: Response, status: 401 | 403, detail: string): void => {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `urn:accord:problem:${status === 401 ? 'unauthenticated' : 'forbidden'}`, title: status === 401 ? 'Unauthenticated' : 'Forbidden', status, detail });
};

/**
 * Guards bull-board, which is a browser UI (pages, scripts and its own JSON API) that cannot
 * send our bearer header. An admin asks POST /api/v1/admin/queue-board/session with the bearer
 * token and gets a cookie: a JWT for this audience only, valid 15 minutes, HttpOnly,
 * SameSite=Strict and scoped to the board's path. Every board request must carry that cookie
 * (or an admin bearer token, for scripts), and the person is re-read each time, so a removed
 * admin role or a disabled account takes effect at once.
 */
@Injectable()
export class QueueBoardAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: JwtStrategy,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async sessionCookie(user: AuthUser): Promise<{ name: string; value: string; options: { httpOnly: true; sameSite: 'strict'; secure: boolean; path: string; maxAge: number } }> {
    // The generation of the sign-in it came from: signing out everywhere closes the board too.
    const value = await this.jwt.signAsync({ sub: user.id, aud: AUDIENCE, gen: user.sessionGeneration }, { expiresIn: QUEUE_BOARD_SESSION_SECONDS });
    return {
      name: QUEUE_BOARD_COOKIE,
      value,
      options: {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.get('PUBLIC_URL').startsWith('https:'),
        path: QUEUE_BOARD_PATH,
        maxAge: QUEUE_BOARD_SESSION_SECONDS * 1000,
      },
    };
  }

  /** Express middleware placed in front of the board's router. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      this.admin(req).then(
        (result) => {
          if (result === 'admin') return next();
          if (result === 'anonymous') return problem(res, 401, 'Open the queue board after POST /api/v1/admin/queue-board/session (admins only)');
          return problem(res, 403, 'The queue board is for administrators');
        },
        (error: unknown) => next(error),
      );
    };
  }

  private async admin(req: Request): Promise<'admin' | 'anonymous' | 'forbidden'> {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const cookie = cookieValue(req.headers.cookie, QUEUE_BOARD_COOKIE);
    const token = cookie ?? bearer;
    if (!token) return 'anonymous';
    let claims: TokenClaims & AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return 'anonymous';
    }
    // A board cookie carries this audience (and opens nothing else); a bearer must be an access
    // token. Either must expire, and belong to a session generation not signed out since.
    const valid = cookie ? claims.aud === AUDIENCE && hasSubjectAndExpiry(claims) : isAccessToken(claims);
    const user = valid ? await this.users.currentUser({ sub: claims.sub as string, gen: claims.gen }) : false;
    if (!user) return 'anonymous';
    return user.roles.includes(GlobalRole.Admin) ? 'admin' : 'forbidden';
  }
}
