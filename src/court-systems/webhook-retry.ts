import { retryDelayMs, type BackoffPolicy } from '../infrastructure/queue/delivery-backoff';

export interface WebhookRetryPolicy extends BackoffPolicy {
  /** Attempts in a row, the first included, before a delivery is given up (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
}

export type NextWebhookAttempt = { retryInMs: number } | { giveUp: true };

/**
 * After `failuresInRow` failed attempts in a row (since the delivery was made or last replayed):
 * the wait before the next, base × 2^(failures − 1) capped and shortened by the jitter, or give up
 * once `maxAttempts` have failed. Pure; the exponential schedule is the e-mail and SMS deliveries'
 * (delivery-backoff.ts).
 */
export function nextWebhookAttempt(failuresInRow: number, policy: WebhookRetryPolicy, random: () => number = Math.random): NextWebhookAttempt {
  if (failuresInRow >= policy.maxAttempts) return { giveUp: true };
  return { retryInMs: retryDelayMs(failuresInRow, policy, random) };
}
