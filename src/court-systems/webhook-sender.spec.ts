import { guardedLookup } from './webhook-sender';

/** The resolver a delivery connects through: a name is judged by the addresses it resolves to. */
describe('guardedLookup (no connection to an address a webhook may not reach)', () => {
  const resolve = (allowHttpLoopback: boolean, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((done) => {
      (guardedLookup({ allowHttpLoopback }) as unknown as (h: string, o: object, cb: (e: Error | null, r?: unknown) => void) => void)('localhost', { all }, (error, result) =>
        done({ error, result }),
      );
    });

  it('refuses a name that resolves to loopback unless WEBHOOK_ALLOW_HTTP_LOOPBACK is on', async () => {
    const refused = await resolve(false, true);
    expect(refused.error?.message).toMatch(/^localhost resolves to an address webhooks may not reach: .*loopback/);
    const allowed = await resolve(true, true);
    expect(allowed.error).toBeNull();
    expect((allowed.result as { address: string }[]).length).toBeGreaterThan(0);
    const single = await resolve(true, false);
    expect(single.error).toBeNull();
    expect(typeof single.result).toBe('string');
  });
});
