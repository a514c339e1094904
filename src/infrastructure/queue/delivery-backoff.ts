/** The BullMQ backoff type of jobs that hand messages to outside services (e-mail, SMS). */
export const DELIVERY_BACKOFF = 'delivery';

export interface BackoffPolicy {
  /** Wait before the first retry. */
  baseMs: number;
  /** Longest wait between two attempts. */
  maxMs: number;
  /** Share of each wait drawn at random (0 to 1), so retries after an outage don't all arrive at once. */
  jitter: number;
}

/**
 * Wait before the next attempt after `failedAttempts` failures: base × 2^(failures − 1), capped,
 * then shortened by up to `jitter` of itself. Pure; `random` is injectable for tests.
 */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  // 2^n overflows long before the cap matters; compare exponents first.
  const exponent = Math.min(failedAttempts - 1, 52);
  const uncapped = policy.baseMs * 2 ** exponent;
  const wait = Math.min(policy.maxMs, uncapped);
  const jitter = Math.min(Math.max(policy.jitter, 0), 1);
  return Math.round(wait * (1 - jitter * random()));
}
