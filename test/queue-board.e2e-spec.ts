import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe('queue board (bull-board) at /api/admin/queues: administrators only', () => {
  let t: TestApp;
  let admin: SignedIn;
  let party: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: `board${randomUUID().slice(0, 6)}` } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    party = await signedInUser(t, { roles: [GlobalRole.Party] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses anyone without an admin session, with a problem', async () => {
    const anonymous = await t.http.get('/api/admin/queues/').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.body.detail).toContain('/api/v1/admin/queue-board/session');
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', party.bearer).expect(403);
    // Only admins get a board session…
    await t.http.post('/api/v1/admin/queue-board/session').set('Authorization', party.bearer).expect(403);
    // …and an access token is no board cookie: a cookie must carry the board's audience.
    await t.http.get('/api/admin/queues/').set('Cookie', `accord_queue_board=${admin.token}`).expect(401);
    await t.http.get('/api/admin/queues/').set('Cookie', 'accord_queue_board=forged.token.value').expect(401);
  });

  it('an admin gets a short-lived HttpOnly cookie scoped to the board, which opens the UI and its API', async () => {
    const session = await t.http.post('/api/v1/admin/queue-board/session').set('Authorization', admin.bearer).expect(200);
    expect(session.body).toEqual({ url: '/api/admin/queues/', expiresIn: 900 });
    const setCookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []);
    const cookie = setCookie.find((c) => c.startsWith('accord_queue_board='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/admin\/queues/);
    expect(cookie).toMatch(/Max-Age=900/);
    const pair = cookie.split(';')[0];

    const page = await t.http.get('/api/admin/queues/').set('Cookie', pair).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Accord queues');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
    await t.http
      .get(`/api/admin/queues/${script}`)
      .set('Cookie', pair)
      .expect(200)
      .expect('content-type', /javascript/);
    await t.http.get(`/api/admin/queues/${script}`).expect(401);
    const queues = await t.http.get('/api/admin/queues/api/queues').set('Cookie', pair).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['archive', 'assignment', 'deadlines', 'notifications', 'service', 'system', 'webhooks']);
    // Scripts may use an admin bearer token instead of the cookie.
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', admin.bearer).expect(200);
  });
});
