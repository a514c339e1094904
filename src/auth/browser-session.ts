import { applyDecorators, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiCookieAuth, ApiHeader, ApiSecurity } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ForbiddenProblem, ValidationProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import type { SessionResponse } from './auth.dto';
import type { IssuedSession } from './session-tokens.service';

/**
 * Sessions of the web app. Its access token lives in memory only; the refresh token lives in an
 * HttpOnly cookie that scripts cannot read, sent back only to the auth endpoints. API clients
 * (no header) keep the refresh token in the JSON body, unchanged.
 */
export const BROWSER_CLIENT_HEADER = 'X-Accord-Client';
export const BROWSER_CLIENT = 'browser';
export const REFRESH_COOKIE = 'accord_refresh';
/** The cookie goes back to these endpoints only: login, refresh, logout, logout-all. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The name of the cookie's security scheme in the OpenAPI document. */
export const REFRESH_COOKIE_SCHEME = 'refreshCookie';

/** The origins a browser request may come from: PUBLIC_URL's and each of CORS_ORIGINS. */
export function trustedOrigins(publicUrl: string, corsOrigins: string): ReadonlySet<string> {
  const listed = corsOrigins
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return new Set([publicUrl, ...listed].map((url) => new URL(url).origin));
}

/**
 * A browser names the page's origin on every cross-origin request and on same-origin POSTs;
 * a request without Origin (an older browser, a same-origin one in some) has passed the header
 * check already, which a cross-site form can't satisfy. "null" (a sandboxed frame) is foreign.
 */
export function originTrusted(origin: string | undefined, trusted: ReadonlySet<string>): boolean {
  return origin === undefined || trusted.has(origin);
}

export function isBrowserClient(header: string | undefined): boolean {
  return header?.trim().toLowerCase() === BROWSER_CLIENT;
}

const COOKIE_ATTRIBUTES = { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH } as const;

@Injectable()
export class BrowserSessions {
  private readonly trusted: ReadonlySet<string>;
  private readonly maxAgeMs: number;

  constructor(config: ConfigService<Environment, true>) {
    this.trusted = trustedOrigins(config.get('PUBLIC_URL'), config.get('CORS_ORIGINS'));
    this.maxAgeMs = config.get('REFRESH_TOKEN_TTL_DAYS') * 86_400_000;
  }

  /**
   * True when the web app calls. The CSRF defence: the cookie is honoured only with the custom
   * header (a cross-site form cannot set it and CORS preflight stops a foreign script) and from
   * a trusted Origin; anything else is refused before the cookie is read.
   */
  isBrowser(req: Request): boolean {
    const client = req.get(BROWSER_CLIENT_HEADER);
    if (client === undefined) return false;
    // A client that names itself otherwise has a bug worth telling it about, not a silent API-client flow.
    if (!isBrowserClient(client)) {
      throw new ValidationProblem([{ field: BROWSER_CLIENT_HEADER, rule: 'isIn', message: `${BROWSER_CLIENT_HEADER} must be "${BROWSER_CLIENT}" or absent` }]);
    }
    const origin = req.get('origin');
    if (!originTrusted(origin, this.trusted)) {
      throw new ForbiddenProblem(`Requests from ${origin} may not use the session cookie: the origin is not PUBLIC_URL's nor in CORS_ORIGINS`);
    }
    return true;
  }

  /**
   * The refresh token the request presents: the cookie for the web app, the body for API
   * clients. A cookie without the header is someone else's page trying to use it.
   */
  presented(req: Request, bodyToken: string | undefined, browser: boolean): string | undefined {
    if (browser) return this.cookie(req);
    if (bodyToken !== undefined) return bodyToken;
    if (this.cookie(req) !== undefined) {
      throw new ForbiddenProblem(`The session cookie is honoured only with the header ${BROWSER_CLIENT_HEADER}: ${BROWSER_CLIENT}`);
    }
    throw new ValidationProblem([{ field: 'refreshToken', rule: 'isString', message: 'refreshToken must be a string' }]);
  }

  /** The session as the client should hold it: browsers get the refresh token as a cookie only. */
  answer(res: Response, session: IssuedSession, browser: boolean): SessionResponse {
    if (!browser) return session;
    res.cookie(REFRESH_COOKIE, session.refreshToken, { ...COOKIE_ATTRIBUTES, maxAge: this.maxAgeMs });
    const { refreshToken: _inTheCookie, ...rest } = session;
    return rest;
  }

  /** Max-Age=0: the browser drops the cookie at once. */
  clear(res: Response): void {
    res.cookie(REFRESH_COOKIE, '', { ...COOKIE_ATTRIBUTES, maxAge: 0 });
  }

  private cookie(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
}

const browserHeader = ApiHeader({
  name: BROWSER_CLIENT_HEADER,
  required: false,
  enum: [BROWSER_CLIENT],
  description: `The web app sends "${BROWSER_CLIENT}": the refresh token then travels in the HttpOnly cookie ${REFRESH_COOKIE}, never in JSON. API clients omit it.`,
});

/** Set-Cookie of a response that hands out or ends a browser session. */
export const refreshCookieHeader = (what: 'sets' | 'clears') => ({
  'Set-Cookie': {
    description:
      what === 'sets'
        ? `Browser clients only: ${REFRESH_COOKIE}=<refresh token>; Max-Age=<refresh TTL>; Path=${REFRESH_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`
        : `Browser clients only: ${REFRESH_COOKIE}=; Max-Age=0 (the cookie is cleared)`,
    schema: { type: 'string' as const },
  },
});

/** OpenAPI of an endpoint that may hand out a browser session (login). */
export const ApiBrowserClient = (): MethodDecorator => applyDecorators(browserHeader);

/**
 * OpenAPI of an endpoint that reads the cookie (refresh, logout). Either no credential (API
 * clients send the token in the body) or the cookie, which the browser sends by itself.
 */
export const ApiRefreshCookie = (): MethodDecorator => applyDecorators(browserHeader, ApiSecurity({}), ApiCookieAuth(REFRESH_COOKIE_SCHEME));
