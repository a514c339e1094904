import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The HS256 key that signs and verifies access tokens, prepared once. Given the secret as a
 * string, jsonwebtoken first tries it as a PEM public key, which throws, and only then makes a
 * secret key of it: on every request (4.9 % of the API's CPU, issue 24). The bytes are the same
 * (UTF-8 of the secret), so tokens signed before and after verify alike.
 * Worker processes never verify tokens; a placeholder keeps them from needing the secret.
 */
export const accessTokenKey = (secret: string | undefined): KeyObject => createSecretKey(Buffer.from(secret ?? 'not-used-outside-the-api'));
