import { retryDelayMs } from './delivery-backoff';

describe('retryDelayMs (the delivery backoff)', () => {
  const policy = { baseMs: 30_000, maxMs: 3_600_000, jitter: 0 };

  it('doubles from the base with each failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(retryDelayMs(8, policy)).toBe(3_600_000);
    expect(retryDelayMs(1_000, policy)).toBe(3_600_000);
  });

  it('shortens each wait by up to the jitter share, at random', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(retryDelayMs(2, jittered, () => 0)).toBe(60_000);
    expect(retryDelayMs(2, jittered, () => 1)).toBe(48_000);
    expect(retryDelayMs(2, jittered, () => 0.5)).toBe(54_000);
  });

  it('refuses a failure count that is not a positive integer', () => {
    expect(() => retryDelayMs(0, policy)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, policy)).toThrow(RangeError);
  });
});
