import { nextWebhookAttempt } from './webhook-retry';

describe('nextWebhookAttempt (the webhook retry schedule)', () => {
  const policy = { maxAttempts: 5, baseMs: 1_000, maxMs: 6_000, jitter: 0 };

  it('waits base × 2^(failures − 1), capped, then gives up after the last allowed attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextWebhookAttempt(n, policy))).toEqual([
      { retryInMs: 1_000 },
      { retryInMs: 2_000 },
      { retryInMs: 4_000 },
      { retryInMs: 6_000 },
      { giveUp: true },
      { giveUp: true },
    ]);
  });

  it('shortens each wait by up to the jitter, never lengthens it', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(nextWebhookAttempt(2, jittered, () => 1)).toEqual({ retryInMs: 1_600 });
    expect(nextWebhookAttempt(2, jittered, () => 0)).toEqual({ retryInMs: 2_000 });
  });

  it('gives up at once when one attempt is all that is allowed', () => {
    expect(nextWebhookAttempt(1, { ...policy, maxAttempts: 1 })).toEqual({ giveUp: true });
  });
});
