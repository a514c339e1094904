import { StaleVersionProblem } from './errors/problem';
import { requireUnchanged, retryStaleReads, StaleRead } from './stale-read';

describe('retryStaleReads', () => {
  it('returns what the first attempt that is not stale returns', async () => {
    let calls = 0;
    const result = await retryStaleReads(async () => {
      calls++;
      if (calls < 3) throw new StaleRead(7);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('answers 409 with the case version once every attempt was stale', async () => {
    let calls = 0;
    const run = retryStaleReads(async () => {
      calls++;
      throw new StaleRead(9);
    }, 3);
    const error = (await run.catch((e: unknown) => e)) as StaleVersionProblem;
    expect(error).toBeInstanceOf(StaleVersionProblem);
    expect(error.getStatus()).toBe(409);
    expect(calls).toBe(3);
  });

  it('does not retry any other failure', async () => {
    let calls = 0;
    await expect(
      retryStaleReads(async () => {
        calls++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});

describe('requireUnchanged', () => {
  it('passes equal facts, dates included, and throws StaleRead on any difference', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    expect(() => requireUnchanged({ a: 1, at, list: ['x'] }, { a: 1, at: new Date(at), list: ['x'] }, 3)).not.toThrow();
    expect(() => requireUnchanged({ a: 1, list: ['x'] }, { a: 1, list: ['y'] }, 3)).toThrow(StaleRead);
  });
});
