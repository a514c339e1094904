/** The claims of an access token this app signs. */
export interface AccessTokenClaims {
  sub?: string;
  /** The account's session generation when the token was signed (absent on older tokens: 0). */
  gen?: number;
}

/**
 * An access token stays good only while the account's session generation is the one it was
 * signed in: "sign out everywhere" raises the generation, so tokens already handed out stop
 * working on their next use instead of living on until they expire.
 */
export function accessTokenIsCurrent(claims: AccessTokenClaims, user: { sessionGeneration: number }): boolean {
  return (claims.gen ?? 0) === user.sessionGeneration;
}
