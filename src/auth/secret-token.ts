import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque bearer secrets (refresh tokens, reset tokens): `<row id>.<random secret>`. Only the
 * SHA-256 of the secret is stored, so a database leak yields no usable token.
 */
export function newSecretToken(id: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${id}.${secret}`, hash: sha256(secret) };
}

/** The shape of every token newSecretToken makes: a UUID, a dot, 32 random bytes in base64url. */
export const SECRET_TOKEN_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function parseSecretToken(token: string): { id: string; secret: string } | undefined {
  const match = SECRET_TOKEN_PATTERN.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
