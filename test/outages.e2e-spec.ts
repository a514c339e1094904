import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Response } from 'supertest';
import { GlobalRole } from '../src/auth/roles';
import type { LocalRedis } from '../src/infrastructure/runtime/local-redis';
import { DEFAULT_PASSWORD, signedInUser, type SignedIn } from './support/factories';
import { dedicatedPostgres, dedicatedRedis, type DedicatedPostgres } from './support/isolated-services';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/** An outage answer: 503 problem+json with a Retry-After the client can wait on. */
function expectOutage(res: Response, label: string): void {
  expect([label, res.status]).toEqual([label, 503]);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body.retryAfter).toBe(Number(res.headers['retry-after']));
  expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|at .*\.js|stack/);
}

/** Time a request; a request that hangs fails the test after 10 s instead of the test timing out. */
async function timed(req: { timeout(ms: number): PromiseLike<Response> }): Promise<{ res: Response; ms: number }> {
  const started = Date.now();
  const res = await req.timeout(10_000);
  return { res, ms: Date.now() - started };
}

const newAccount = () => ({ email: `outage-${randomUUID().slice(0, 8)}@example.com`, password: DEFAULT_PASSWORD, displayName: 'Outage Tester' });

describe('Redis down: honest, quick answers, and recovery when it is back', () => {
  let redis: LocalRedis;
  let t: TestApp;
  let user: SignedIn;

  beforeAll(async () => {
    redis = await dedicatedRedis();
    t = await createTestApp({ env: { REDIS_URL: redis.url, QUEUE_PREFIX: `outage${randomUUID().slice(0, 6)}` } });
    user = await signedInUser(t);
    // Workers announce themselves in Redis: ready once every queue has one.
    await eventually(async () => ((await t.http.get('/api/health/ready')).status === 200 ? true : undefined), 20_000, 'ready');
  }, 60_000);
  afterAll(async () => {
    // Each test restarts the Redis it stopped, in a finally.
    await t?.close();
    await redis?.stop();
  });

  it('readiness answers 503 naming Redis within 2 s, liveness stays 200, and readiness recovers', async () => {
    await redis.stop();
    try {
      const { res, ms } = await timed(t.http.get('/api/health/ready'));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toMatch(/redis/i);
      expect(ms).toBeLessThan(2_000);
      await t.http.get('/api/health').expect(200);
    } finally {
      await redis.start();
    }
    await eventually(async () => ((await t.http.get('/api/health/ready')).status === 200 ? true : undefined), 20_000, 'ready again');
  }, 60_000);

  it('sign-in, registration and stream tickets answer 503 with Retry-After within 2 s, then work again', async () => {
    await redis.stop();
    try {
      const attempts = {
        login: () => t.http.post('/api/v1/auth/login').send({ email: user.user.email, password: DEFAULT_PASSWORD }),
        register: () => t.http.post('/api/v1/auth/register').send(newAccount()),
        'stream ticket': () => t.http.post('/api/v1/notifications/stream-tickets').set('Authorization', user.bearer),
      };
      for (const [label, send] of Object.entries(attempts)) {
        const { res, ms } = await timed(send());
        expectOutage(res, label);
        expect(res.body.detail).toMatch(/Redis/);
        expect([label, ms < 2_000]).toEqual([label, true]);
      }
      // What does not need Redis keeps working: the session is intact.
      await t.http.get('/api/v1/me').set('Authorization', user.bearer).expect(200);
    } finally {
      await redis.start();
    }
    await eventually(
      async () => ((await t.http.post('/api/v1/auth/login').send({ email: user.user.email, password: DEFAULT_PASSWORD })).status === 200 ? true : undefined),
      20_000,
      'sign-in again',
    );
    await t.http.post('/api/v1/auth/register').send(newAccount()).expect(201);
    await t.http.post('/api/v1/notifications/stream-tickets').set('Authorization', user.bearer).expect(201);
  }, 60_000);

  it('a Redis that pauses for a moment (a slow disk, a busy machine) slows a sign-in but does not fail it', async () => {
    // Sign-in's Redis commands (rate limit, lockout) wait 1.5 s for an answer: longer than the old
    // 1 s command timeout, which answered such a sign-in 503 although Redis was up.
    const admin = new Redis(redis.url, { lazyConnect: true });
    await admin.connect();
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    admin.disconnect();
    const { res, ms } = await timed(t.http.post('/api/v1/auth/login').send({ email: user.user.email, password: DEFAULT_PASSWORD }));
    expect(res.status).toBe(200);
    expect(ms).toBeGreaterThan(1_200);
  }, 30_000);
});

describe('PostgreSQL down: 503 with Retry-After, never 401, and the sessions survive', () => {
  let postgres: DedicatedPostgres;
  let t: TestApp;
  let user: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    postgres = await dedicatedPostgres();
    t = await createTestApp({ runWorkers: false, env: { DATABASE_URL: postgres.url, QUEUE_PREFIX: `outage${randomUUID().slice(0, 6)}` } });
    user = await signedInUser(t);
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await postgres?.remove();
  });

  it('authenticated requests, refresh and sign-in answer 503; after the restart the same session goes on', async () => {
    await postgres.server.stop();
    try {
      const attempts = {
        'an authenticated read': () => t.http.get('/api/v1/me').set('Authorization', user.bearer),
        'a case list': () => t.http.get('/api/v1/cases').set('Authorization', user.bearer),
        refresh: () => t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
        login: () => t.http.post('/api/v1/auth/login').send({ email: user.user.email, password: DEFAULT_PASSWORD }),
        // The queue board checks the admin in its own middleware, outside Nest's guards.
        'the queue board': () => t.http.get('/api/admin/queues/api/queues').set('Authorization', admin.bearer),
      };
      for (const [label, send] of Object.entries(attempts)) {
        const { res, ms } = await timed(send());
        expectOutage(res, label);
        expect(res.body.detail).toMatch(/database/i);
        expect([label, ms < 2_000]).toEqual([label, true]);
      }
      const ready = await timed(t.http.get('/api/health/ready'));
      expect(ready.res.status).toBe(503);
      expect(ready.res.body.detail).toMatch(/database/);
      expect(ready.ms).toBeLessThan(2_000);
      await t.http.get('/api/health').expect(200);
    } finally {
      await postgres.server.start();
    }
    // The pool reconnects; the access token and the refresh token the client kept still work.
    await eventually(async () => ((await t.http.get('/api/v1/me').set('Authorization', user.bearer)).status === 200 ? true : undefined), 20_000, 'authenticated again');
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
  }, 120_000);
});
