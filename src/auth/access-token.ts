/**
 * The audience of API access tokens. Other tokens signed with the same secret (the queue
 * board's cookie) carry an audience of their own, so none of them opens the API.
 */
export const ACCESS_TOKEN_AUDIENCE = 'accord-api';

/** The claims of a verified JWT, as far as deciding what it may open goes. */
export interface TokenClaims {
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

/**
 * True for an API access token: someone's, for this audience, and with an expiry. A token
 * without `exp` would work for ever, whoever signed it: it is refused.
 */
export function isAccessToken(claims: TokenClaims): claims is { sub: string; aud: string; exp: number } {
  return claims.aud === ACCESS_TOKEN_AUDIENCE && hasSubjectAndExpiry(claims);
}

/** Someone's token with an expiry, whatever its audience. */
export function hasSubjectAndExpiry(claims: TokenClaims): claims is { sub: string; exp: number } {
  return typeof claims.sub === 'string' && claims.sub.length > 0 && typeof claims.exp === 'number' && Number.isFinite(claims.exp);
}
