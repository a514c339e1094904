import { newSecretToken, parseSecretToken, secretMatches } from '../auth/secret-token';

/**
 * A court system's API key: `acc_<key id>.<secret>`. The visible prefix tells a leaked key for
 * what it is (secret scanners, logs); the key id finds its row without scanning every key.
 *
 * Only the SHA-256 of the secret is stored (the same scheme as refresh tokens, src/auth/secret-token):
 * the secret is 32 random bytes, 256 bits no one can guess or brute-force from a leaked hash, so
 * a slow password hash (argon2) would add nothing but ~50 ms of CPU to every API request. Slow
 * hashes are for low-entropy secrets people choose; these are not.
 */
export const API_KEY_PREFIX = 'acc_';

export function newApiKey(keyId: string): { key: string; secretHash: string } {
  const { token, hash } = newSecretToken(keyId);
  return { key: `${API_KEY_PREFIX}${token}`, secretHash: hash };
}

export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  if (!presented.startsWith(API_KEY_PREFIX)) return undefined;
  const parsed = parseSecretToken(presented.slice(API_KEY_PREFIX.length));
  return parsed && { keyId: parsed.id, secret: parsed.secret };
}

export const apiKeySecretMatches = secretMatches;

/**
 * The key a request presents: `Authorization: Bearer acc_…` or `X-Api-Key: acc_…`. A bearer
 * token without the prefix is a person's access token, not a key.
 */
export function presentedApiKey(headers: { authorization?: string; 'x-api-key'?: string | string[] }): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (bearer && bearer[1].startsWith(API_KEY_PREFIX)) return bearer[1];
  return undefined;
}
