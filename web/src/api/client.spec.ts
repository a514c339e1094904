import { session } from '../auth/session';
import { authorisedFetch } from './client';

/** The server as the browser's fetch sees it: a script of answers, and what each request carried. */
function serve(answers: ((url: string) => Response)[]) {
  const seen: { url: string; authorization: string | null }[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    seen.push({ url: new URL(request.url).pathname, authorization: request.headers.get('Authorization') });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request to ${request.url}`);
    return answer(request.url);
  }) as typeof fetch;
  return seen;
}

const status = (code: number) => () => new Response(null, { status: code });
const token = (accessToken: string) => () => Response.json({ accessToken, expiresIn: 900 });

describe('authorisedFetch', () => {
  const realFetch = global.fetch;
  beforeEach(() => {
    jest.useFakeTimers();
    session.expire();
  });
  afterEach(() => {
    global.fetch = realFetch;
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('sends the access token from memory', async () => {
    session.start({ accessToken: 'a1', expiresIn: 900 });
    const seen = serve([status(200)]);
    expect((await authorisedFetch(new Request('http://localhost/api/v1/cases'))).status).toBe(200);
    expect(seen).toEqual([{ url: '/api/v1/cases', authorization: 'Bearer a1' }]);
  });

  it('refreshes once on a 401 and retries with the new token, body included', async () => {
    session.start({ accessToken: 'old', expiresIn: 900 });
    const seen = serve([status(401), token('new'), status(201)]);
    const request = new Request('http://localhost/api/v1/cases', { method: 'POST', body: JSON.stringify({ title: 'x' }) });
    const response = await authorisedFetch(request);
    expect(response.status).toBe(201);
    expect(seen).toEqual([
      { url: '/api/v1/cases', authorization: 'Bearer old' },
      { url: '/api/v1/auth/refresh', authorization: null },
      { url: '/api/v1/cases', authorization: 'Bearer new' },
    ]);
  });

  it('gives up after a refused refresh: the 401 stands and the session ends', async () => {
    session.start({ accessToken: 'old', expiresIn: 900 });
    serve([status(401), status(401)]);
    expect((await authorisedFetch(new Request('http://localhost/api/v1/me'))).status).toBe(401);
    expect(session.getSnapshot()).toEqual({ status: 'signed-out', endReason: 'expired' });
  });

  it('does not refresh for a request sent without a session (a wrong password is just a 401)', async () => {
    const seen = serve([status(401)]);
    expect((await authorisedFetch(new Request('http://localhost/api/v1/auth/login', { method: 'POST' }))).status).toBe(401);
    expect(seen).toHaveLength(1);
  });
});
