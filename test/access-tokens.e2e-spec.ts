import { JwtService } from '@nestjs/jwt';
import { KeyObject, randomUUID } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import { GlobalRole } from '../src/auth/roles';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/** The cookie's value as the board session sets it. */
async function boardToken(t: TestApp, admin: SignedIn): Promise<string> {
  const res = await t.http.post('/api/v1/admin/queue-board/session').set('Authorization', admin.bearer).expect(200);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('accord_queue_board='))!;
  return cookie.split(';')[0].slice('accord_queue_board='.length);
}

describe('access tokens: only an API access token with an expiry opens the API', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: `tokens${randomUUID().slice(0, 6)}` } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Every place that reads a bearer token (the global guard, the SSE stream, the optional bearer
   * of a service link), with the status each answers. An accepted stream never ends: it is cut
   * after 5 s and counts as accepted.
   */
  const bearerPlaces = (token: string): Promise<Array<{ path: string; status: number | 'stream opened'; type?: string }>> =>
    Promise.all(
      [
        t.http.get('/api/v1/me'),
        t.http.get('/api/v1/admin/notifications/failed-deliveries'),
        t.http.post('/api/v1/notifications/stream-tickets'),
        t.http.get('/api/v1/notifications/stream'),
        t.http.get('/api/v1/service-links/not-a-link'),
      ].map((req) =>
        req
          .set('Authorization', `Bearer ${token}`)
          .timeout(5_000)
          .then(
            (res) => ({ path: new URL(req.url).pathname, status: res.status as number | 'stream opened', type: res.headers['content-type'] }),
            () => ({ path: new URL(req.url).pathname, status: 'stream opened' as const }),
          ),
      ),
    );

  it('the queue board cookie is refused as a bearer token everywhere but the board', async () => {
    const board = await boardToken(t, admin);
    for (const res of await bearerPlaces(board)) {
      expect([res.path, res.status]).toEqual([res.path, 401]);
      expect(res.type).toContain('application/problem+json');
    }
    // The board itself still opens with it (as a cookie).
    await t.http.get('/api/admin/queues/api/queues').set('Cookie', `accord_queue_board=${board}`).expect(200);
  });

  it('a token without an expiry is refused everywhere, the board included', async () => {
    // Signed with the real secret and the access token's own claims, only `exp` missing.
    const jwt = t.app.get(JwtService);
    const { exp: _exp, iat: _iat, ...claims } = jwt.decode<Record<string, unknown>>(admin.token);
    const forever = await jwt.signAsync(claims);
    expect(jwt.decode<Record<string, unknown>>(forever).exp).toBeUndefined();
    for (const res of await bearerPlaces(forever)) {
      expect([res.path, res.status]).toEqual([res.path, 401]);
    }
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', `Bearer ${forever}`).expect(401);
    const boardForever = await jwt.signAsync({ sub: admin.user.id, aud: 'queue-board' });
    await t.http.get('/api/admin/queues/api/queues').set('Cookie', `accord_queue_board=${boardForever}`).expect(401);
  });

  it('a token with the right claims signed with another secret is refused everywhere, the board included', async () => {
    const jwt = t.app.get(JwtService);
    const { iat: _iat, ...claims } = jwt.decode<Record<string, unknown>>(admin.token);
    const forged = await jwt.signAsync(claims, { secret: 'another-secret-of-at-least-32-characters' });
    for (const res of await bearerPlaces(forged)) {
      expect([res.path, res.status]).toEqual([res.path, 401]);
    }
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('passport-jwt verifies with a prepared secret key, not the secret as a string', async () => {
    // Given a string, jsonwebtoken tries it as a public key (which throws) on every request.
    const verifier = Strategy as unknown as { JwtVerifier: (token: string, key: unknown, ...rest: unknown[]) => void };
    const spy = jest.spyOn(verifier, 'JwtVerifier');
    try {
      await t.http.get('/api/v1/me').set('Authorization', admin.bearer).expect(200);
      expect(spy).toHaveBeenCalled();
      for (const [, key] of spy.mock.calls) {
        expect(key).toBeInstanceOf(KeyObject);
        expect((key as KeyObject).type).toBe('secret');
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('a normal access token still opens the API and, for an admin, the board', async () => {
    await t.http.get('/api/v1/me').set('Authorization', admin.bearer).expect(200);
    await t.http.get('/api/v1/admin/notifications/failed-deliveries').set('Authorization', admin.bearer).expect(200);
    await t.http.post('/api/v1/notifications/stream-tickets').set('Authorization', admin.bearer).expect(201);
    const link = await t.http.get('/api/v1/service-links/not-a-link').set('Authorization', admin.bearer);
    expect(link.status).not.toBe(401);
    await t.http.get('/api/admin/queues/api/queues').set('Authorization', admin.bearer).expect(200);
  });
});
