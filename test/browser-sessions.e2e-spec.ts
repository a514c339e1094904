import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { SecurityEvent } from '../src/audit/security-event.entity';
import { RefreshToken } from '../src/auth/refresh-token.entity';
import { GlobalRole } from '../src/auth/roles';
import { createUser, DEFAULT_PASSWORD } from './support/factories';
import { openStream } from './support/sse';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/**
 * The web app keeps its access token in memory and its refresh token in an HttpOnly cookie,
 * honoured only with the X-Accord-Client header and from a trusted Origin.
 */
describe('sessions in the browser', () => {
  const PUBLIC = 'https://accord.example';
  const PORTAL = 'https://portal.example';
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false, env: { PUBLIC_URL: `${PUBLIC}/`, CORS_ORIGINS: `${PORTAL}`, QUEUE_PREFIX: `sessions${randomUUID().slice(0, 6)}` } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const setCookies = (res: Response): string[] => {
    const header = res.headers['set-cookie'] as unknown as string[] | undefined;
    return header ?? [];
  };
  /** The accord_refresh value a response sets, checking every attribute of the cookie. */
  const refreshCookie = (res: Response): string => {
    const cookies = setCookies(res);
    expect(cookies).toHaveLength(1);
    const match = /^accord_refresh=([^;]+); Max-Age=2592000; Path=\/api\/v1\/auth; Expires=([^;]+); HttpOnly; Secure; SameSite=Strict$/.exec(cookies[0]);
    expect(match).not.toBeNull();
    // Expires agrees with Max-Age (30 days, REFRESH_TOKEN_TTL_DAYS), for browsers that read only Expires.
    expect(Math.abs(new Date(match![2]).getTime() - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
    return match![1];
  };
  const expectCleared = (res: Response): void => {
    const cookies = setCookies(res);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^accord_refresh=; Max-Age=0; Path=\/api\/v1\/auth; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
  };
  const browserLogin = async (email: string): Promise<{ accessToken: string; cookie: string; res: Response }> => {
    const res = await t.http.post('/api/v1/auth/login').set('X-Accord-Client', 'browser').set('Origin', PUBLIC).send({ email, password: DEFAULT_PASSWORD }).expect(200);
    return { accessToken: res.body.accessToken, cookie: refreshCookie(res), res };
  };
  const refresh = (cookie: string | undefined, headers: Record<string, string> = { 'X-Accord-Client': 'browser', Origin: PUBLIC }) => {
    const req = t.http.post('/api/v1/auth/refresh');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    if (cookie !== undefined) req.set('Cookie', `accord_refresh=${cookie}`);
    return req;
  };
  const me = (accessToken: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`);
  const expectProblem = (res: Response, status: number, type: string): void => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe(type);
  };

  it('signs in with the refresh token in an HttpOnly cookie and only the access token in JSON', async () => {
    const user = await createUser(t.db);
    const { res, accessToken, cookie } = await browserLogin(user.email);
    expect(res.body).toEqual({ accessToken, tokenType: 'Bearer', expiresIn: 900, refreshTokenExpiresAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(cookie);
    await me(accessToken).expect(200);
  });

  it('refreshes silently with the cookie: each cookie works once, then the old one is refused', async () => {
    const user = await createUser(t.db);
    const { cookie: first } = await browserLogin(user.email);

    const rotated = await refresh(first).expect(200);
    const second = refreshCookie(rotated);
    expect(second).not.toBe(first);
    expect(rotated.body.refreshToken).toBeUndefined();
    await me(rotated.body.accessToken).expect(200);

    // The web app sends no body at all; an empty JSON body is the same.
    const third = refreshCookie(await refresh(second).set('Content-Type', 'application/json').send({}).expect(200));

    // The old cookie again: refused, and (reuse detection) the newer one of the family dies too.
    expectProblem(await refresh(first), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh(third), 401, 'urn:accord:problem:unauthenticated');
  });

  it('a reload that lost the new cookie signs no one out: the old cookie works once more at once, never after the family moved on', async () => {
    const user = await createUser(t.db);
    const { cookie: first } = await browserLogin(user.email);
    // The refresh went through, but the page reloaded before the answer (and its cookie) arrived.
    const lost = refreshCookie(await refresh(first).expect(200));
    // The reloaded page presents the old cookie: a new one of the same family, and nothing revoked.
    const again = await refresh(first).expect(200);
    const kept = refreshCookie(again);
    await me(again.body.accessToken).expect(200);
    const [{ n: revoked }] = await t.db.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL`, [user.id]);
    expect(revoked).toBe(0);
    // The family moves on; the old cookie now is a stolen copy: refused, and the family ends.
    const next = refreshCookie(await refresh(kept).expect(200));
    expectProblem(await refresh(first), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh(next), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh(lost), 401, 'urn:accord:problem:unauthenticated');
  });

  it('refuses the cookie without the X-Accord-Client header, and changes nothing', async () => {
    const user = await createUser(t.db);
    const { cookie } = await browserLogin(user.email);
    const refused = await refresh(cookie, { Origin: PUBLIC });
    expectProblem(refused, 403, 'urn:accord:problem:forbidden');
    expect(refused.body.detail).toContain('X-Accord-Client');
    expect(setCookies(refused)).toEqual([]);
    const noOrigin = await refresh(cookie, {});
    expectProblem(noOrigin, 403, 'urn:accord:problem:forbidden');
    // A form-style logout without the header does not end the session either.
    const logout = await t.http.post('/api/v1/auth/logout').set('Cookie', `accord_refresh=${cookie}`);
    expectProblem(logout, 403, 'urn:accord:problem:forbidden');
    // The cookie was not used up by the refused requests.
    refreshCookie(await refresh(cookie).expect(200));
  });

  it('refuses a foreign Origin and accepts PUBLIC_URL, a CORS origin, or no Origin', async () => {
    const user = await createUser(t.db);
    const { cookie } = await browserLogin(user.email);
    for (const origin of ['https://evil.example', 'null', 'http://accord.example']) {
      const refused = await refresh(cookie, { 'X-Accord-Client': 'browser', Origin: origin });
      expectProblem(refused, 403, 'urn:accord:problem:forbidden');
      expect(setCookies(refused)).toEqual([]);
    }
    const fromPortal = refreshCookie(await refresh(cookie, { 'X-Accord-Client': 'browser', Origin: PORTAL }).expect(200));
    const withoutOrigin = refreshCookie(await refresh(fromPortal, { 'X-Accord-Client': 'browser' }).expect(200));
    refreshCookie(await refresh(withoutOrigin).expect(200));
    // Signing in from a foreign page is refused the same way.
    const foreignLogin = await t.http
      .post('/api/v1/auth/login')
      .set('X-Accord-Client', 'browser')
      .set('Origin', 'https://evil.example')
      .send({ email: user.email, password: DEFAULT_PASSWORD });
    expectProblem(foreignLogin, 403, 'urn:accord:problem:forbidden');
    expect(setCookies(foreignLogin)).toEqual([]);
  });

  it('refuses an X-Accord-Client header naming another client, before signing anyone out', async () => {
    const user = await createUser(t.db);
    const { accessToken } = await browserLogin(user.email);
    const res = await t.http.post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${accessToken}`).set('X-Accord-Client', 'mobile').set('Origin', PUBLIC);
    expectProblem(res, 400, 'urn:accord:problem:validation-failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'X-Accord-Client' })]);
    await me(accessToken).expect(200);
  });

  it('answers 401 for a missing, malformed or unknown cookie', async () => {
    expectProblem(await refresh(undefined), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh('not-a-token'), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh(`7d8c4c4e-7f55-4a55-9a3c-2b8c1e0a0d11.${'x'.repeat(43)}`), 401, 'urn:accord:problem:unauthenticated');
  });

  it('logout ends the session and clears the cookie', async () => {
    const user = await createUser(t.db);
    const { cookie } = await browserLogin(user.email);
    const out = await t.http.post('/api/v1/auth/logout').set('X-Accord-Client', 'browser').set('Origin', PUBLIC).set('Cookie', `accord_refresh=${cookie}`).expect(204);
    expectCleared(out);
    expectProblem(await refresh(cookie), 401, 'urn:accord:problem:unauthenticated');
    // Signing out again, with the cookie already gone, still succeeds and clears it.
    expectCleared(await t.http.post('/api/v1/auth/logout').set('X-Accord-Client', 'browser').expect(204));
    const types = (await t.db.getRepository(SecurityEvent).find({ where: { userId: user.id } })).map((e) => e.type);
    expect(types).toContain('logged_out');
  });

  it('sign-out everywhere ends every session of the account, browser and API alike, and their access tokens', async () => {
    const user = await createUser(t.db);
    const other = await createUser(t.db);
    const laptop = await browserLogin(user.email);
    const phone = await browserLogin(user.email);
    const script = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD }).expect(200);
    const bystander = await browserLogin(other.email);

    await t.http.post('/api/v1/auth/logout-all').set('X-Accord-Client', 'browser').set('Origin', PUBLIC).expect(401);
    const out = await t.http
      .post('/api/v1/auth/logout-all')
      .set('Authorization', `Bearer ${laptop.accessToken}`)
      .set('X-Accord-Client', 'browser')
      .set('Origin', PUBLIC)
      .expect(204);
    expectCleared(out);

    expectProblem(await refresh(laptop.cookie), 401, 'urn:accord:problem:unauthenticated');
    expectProblem(await refresh(phone.cookie), 401, 'urn:accord:problem:unauthenticated');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: script.body.refreshToken }).expect(401);
    for (const accessToken of [laptop.accessToken, phone.accessToken, script.body.accessToken as string]) {
      expectProblem(await me(accessToken), 401, 'urn:accord:problem:unauthenticated');
    }
    const rows = await t.db.getRepository(RefreshToken).find({ where: { userId: user.id } });
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);

    // Another person is untouched; signing in again works.
    await me(bystander.accessToken).expect(200);
    refreshCookie(await refresh(bystander.cookie).expect(200));
    const again = await browserLogin(user.email);
    await me(again.accessToken).expect(200);
    refreshCookie(await refresh(again.cookie).expect(200));

    // An API client signs out everywhere with its bearer token; no cookie is involved.
    const apiOut = await t.http.post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${again.accessToken}`).expect(204);
    expect(setCookies(apiOut)).toEqual([]);
    expectProblem(await me(again.accessToken), 401, 'urn:accord:problem:unauthenticated');

    const types = (await t.db.getRepository(SecurityEvent).find({ where: { userId: user.id } })).map((e) => e.type);
    expect(types.filter((type) => type === 'logged_out_everywhere')).toHaveLength(2);
  });

  it("sign-out everywhere ends the queue board's session too, and a new sign-in opens it again", async () => {
    const admin = await createUser(t.db, { roles: [GlobalRole.Admin] });
    const board = async (accessToken: string): Promise<string> => {
      const session = await t.http.post('/api/v1/admin/queue-board/session').set('Authorization', `Bearer ${accessToken}`).expect(200);
      return ([] as string[])
        .concat(session.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('accord_queue_board='))!
        .split(';')[0];
    };
    const before = await browserLogin(admin.email);
    const oldBoard = await board(before.accessToken);
    await t.http.get('/api/admin/queues/api/queues').set('Cookie', oldBoard).expect(200);

    await t.http.post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${before.accessToken}`).expect(204);
    await t.http.get('/api/admin/queues/api/queues').set('Cookie', oldBoard).expect(401);
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', `Bearer ${before.accessToken}`).expect(401);

    const after = await browserLogin(admin.email);
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', `Bearer ${after.accessToken}`).expect(200);
    await t.http
      .get('/api/admin/queues/api/queues')
      .set('Cookie', await board(after.accessToken))
      .expect(200);
  });

  it('sign-out everywhere voids the stream tickets handed out before it; tickets of a new sign-in open the stream', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stream = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/notifications/stream`;
    const ticket = async (accessToken: string): Promise<string> =>
      (await t.http.post('/api/v1/notifications/stream-tickets').set('Authorization', `Bearer ${accessToken}`).expect(201)).body.ticket;
    const user = await createUser(t.db);
    const before = await browserLogin(user.email);
    const early = await ticket(before.accessToken);

    await t.http.post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${before.accessToken}`).expect(204);
    expect((await openStream(`${stream}?ticket=${early}`)).status).toBe(401);

    const after = await browserLogin(user.email);
    const opened = await openStream(`${stream}?ticket=${await ticket(after.accessToken)}`);
    try {
      expect(opened.status).toBe(200);
      await eventually(async () => opened.events.find((e) => e.event === 'ready'), 5_000, 'the ready event');
    } finally {
      opened.close();
    }
  });

  it('API clients keep the JSON body and get no cookie', async () => {
    const user = await createUser(t.db);
    const login = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD }).expect(200);
    expect(login.body.refreshToken).toEqual(expect.any(String));
    expect(setCookies(login)).toEqual([]);
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(rotated.body.refreshToken).toEqual(expect.any(String));
    expect(setCookies(rotated)).toEqual([]);
    // Without the header, without a cookie and without a body: the field is named, as before.
    const empty = await t.http.post('/api/v1/auth/refresh').send({}).expect(400);
    expect(new Set(empty.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['refreshToken']));
    const logout = await t.http.post('/api/v1/auth/logout').send({ refreshToken: rotated.body.refreshToken }).expect(204);
    expect(setCookies(logout)).toEqual([]);
  });

  it('lets the web app of a CORS origin send the header across origins, and no one else', async () => {
    const preflight = (origin: string) =>
      t.http
        .options('/api/v1/auth/refresh')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-accord-client, content-type');
    const allowed = await preflight(PORTAL);
    expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/x-accord-client/i);
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('documents the header, the cookie and Set-Cookie in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes.refreshCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'accord_refresh' });
    for (const path of ['login', 'refresh', 'logout', 'logout-all']) {
      const op = doc.paths[`/api/v1/auth/${path}`].post;
      expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Accord-Client', in: 'header', required: false })]));
      const success = op.responses['200'] ?? op.responses['204'];
      expect(success.headers['Set-Cookie']).toBeDefined();
    }
    expect(doc.paths['/api/v1/auth/refresh'].post.security).toEqual([{}, { refreshCookie: [] }]);
    expect(doc.paths['/api/v1/auth/logout-all'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.RefreshRequest.required ?? []).not.toContain('refreshToken');
  });
});
