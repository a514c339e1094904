import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting:
 * m = 19 MiB, t = 2, p = 1. The PHC string records them, so raising them later still
 * verifies old hashes.
 */
const ARGON2ID = 2 as Algorithm; // a const enum in the package's types, not importable under isolatedModules
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/**
 * Verify, spending the same work when there is no account (or no password yet), so response
 * time does not tell whether an e-mail is registered.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    await hash(password, OPTIONS);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
