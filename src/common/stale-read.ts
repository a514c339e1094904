import { isDeepStrictEqual } from 'node:util';
import { StaleVersionProblem } from './errors/problem';

/**
 * Thrown inside a transaction by an action that rendered and stored a document from what it read
 * without the case lock, and finds under the lock that those facts no longer hold. The
 * transaction rolls back (the stored object is left to the orphaned-object sweep) and the action
 * runs again from its unlocked read.
 */
export class StaleRead extends Error {
  constructor(
    readonly currentVersion: number,
    reason = 'what was read without the lock changed before the lock was taken',
  ) {
    super(`${reason} (the case is at version ${currentVersion})`);
  }
}

/** Throws StaleRead unless the facts read under the lock are those the document was made from. */
export function requireUnchanged<T>(before: T, now: T, currentVersion: number): void {
  if (!isDeepStrictEqual(before, now)) throw new StaleRead(currentVersion);
}

/**
 * Runs an action that renders and stores before its transaction opens (issue 22, item 4: no
 * external I/O while the case lock is held) and records inside it: when the attempt finds its
 * unlocked read stale, it runs again from that read, a few times, then answers 409 as any
 * stale write does.
 */
export async function retryStaleReads<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleRead)) throw error;
      if (tried >= attempts) throw new StaleVersionProblem(error.currentVersion);
    }
  }
}
