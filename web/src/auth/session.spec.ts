import { Session } from './session';

type Call = { url: string; headers: Record<string, string> };

/** A fake server for the three cookie endpoints: answers from a script, records the calls. */
function fakeServer(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, headers: init?.headers as Record<string, string> });
    const endpoint = url.split('/').at(-1)!;
    return answers[endpoint]?.() ?? new Response(null, { status: 404 });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const issued = (token: string) => () => Response.json({ accessToken: token, expiresIn: 900 });

describe('Session', () => {
  // A session schedules its next refresh: fake timers, so none outlives a test.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('restores a session from the refresh cookie, saying it is a browser', async () => {
    const server = fakeServer({ refresh: issued('t1') });
    const session = new Session(server.fetchImpl);
    await session.restore();
    expect(session.getSnapshot().status).toBe('signed-in');
    expect(session.accessToken).toBe('t1');
    expect(server.calls[0]).toEqual({ url: '/api/v1/auth/refresh', headers: { 'X-Accord-Client': 'browser' } });
  });

  it('is signed out when there is no cookie to refresh with', async () => {
    const session = new Session(fakeServer({ refresh: () => new Response(null, { status: 401 }) }).fetchImpl);
    await session.restore();
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', endReason: undefined });
    expect(session.accessToken).toBeUndefined();
  });

  it('refreshes once for many callers at the same time (each refresh rotates the cookie)', async () => {
    const server = fakeServer({ refresh: issued('t2') });
    const session = new Session(server.fetchImpl);
    session.start({ accessToken: 't1', expiresIn: 900 });
    const results = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(server.calls).toHaveLength(1);
    expect(session.accessToken).toBe('t2');
  });

  it('ends the session as expired when a refresh is refused', async () => {
    const session = new Session(fakeServer({ refresh: () => new Response(null, { status: 401 }) }).fetchImpl);
    session.start({ accessToken: 't1', expiresIn: 900 });
    expect(await session.refresh()).toBe(false);
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', endReason: 'expired' });
  });

  it('keeps the session while offline: the next request tries again', async () => {
    const session = new Session((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    session.start({ accessToken: 't1', expiresIn: 900 });
    expect(await session.refresh()).toBe(false);
    expect(session.isSignedIn).toBe(true);
  });

  it('refreshes a minute before the access token expires', async () => {
    const server = fakeServer({ refresh: issued('t2') });
    const session = new Session(server.fetchImpl);
    session.start({ accessToken: 't1', expiresIn: 900 });
    await jest.advanceTimersByTimeAsync(839_000);
    expect(server.calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(server.calls).toHaveLength(1);
    expect(session.accessToken).toBe('t2');
  });

  it('signs out everywhere with the bearer token, then ends this session', async () => {
    const server = fakeServer({ 'logout-all': () => new Response(null, { status: 204 }), logout: () => new Response(null, { status: 204 }) });
    const session = new Session(server.fetchImpl);
    session.start({ accessToken: 't1', expiresIn: 900 });
    const seen: string[] = [];
    session.subscribe(() => seen.push(session.getSnapshot().status));
    await session.signOutEverywhere();
    expect(server.calls[0]).toEqual({ url: '/api/v1/auth/logout-all', headers: { 'X-Accord-Client': 'browser', Authorization: 'Bearer t1' } });
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', endReason: 'signed-out-everywhere' });
    expect(seen).toEqual(['signed-out']);
  });
});
