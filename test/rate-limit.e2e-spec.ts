import { createUser } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe('per-IP rate limit on the sign-in endpoints', () => {
  let t: TestApp;
  const saved = process.env.AUTH_RATE_LIMIT_PER_MINUTE;
  const savedPrefix = process.env.QUEUE_PREFIX;

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '3';
    process.env.QUEUE_PREFIX = `ratelimit${Date.now()}`; // a fresh counter in Redis
    t = await createTestApp({ runWorkers: false });
  });
  afterAll(async () => {
    await t?.close();
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = saved;
    process.env.QUEUE_PREFIX = savedPrefix;
  });

  it('answers 429 with Retry-After once an address exceeds the limit, whatever the account', async () => {
    const [a, b] = [await createUser(t.db), await createUser(t.db)];
    const statuses: number[] = [];
    for (const user of [a, b, a, b]) {
      const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong but long enough' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.type).toBe('urn:accord:problem:too-many-requests');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
