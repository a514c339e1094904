import { SecurityEventType } from '../src/audit/security-event.entity';
import { FirstAdmin } from '../src/users/first-admin.service';
import { isolatedDatabase } from './support/isolated-services';
import { createTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'first-admin-password-2026';

/** An installation's first administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD, once. */
describe('the first administrator', () => {
  let database: { url: string; drop(): Promise<void> };
  let t: TestApp;

  beforeAll(async () => {
    // A database of its own: "no administrator yet" cannot be true of the shared one.
    database = await isolatedDatabase('first_admin');
    t = await createTestApp({
      runWorkers: false,
      env: { DATABASE_URL: database.url, ADMIN_EMAIL: 'Root@Example.org', ADMIN_PASSWORD: PASSWORD },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const admins = async (): Promise<{ email: string }[]> =>
    t.db.query(`SELECT email FROM users WHERE roles @> ARRAY['admin']::text[] ORDER BY email`) as Promise<{ email: string }[]>;

  it('is created at start-up and can sign in and act as an administrator', async () => {
    expect(await admins()).toEqual([{ email: 'root@example.org' }]);
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'root@example.org', password: PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'mediator.one@example.org', displayName: 'Mediator One', roles: ['mediator'] });
    expect(created.status).toBe(201);
    const [event] = (await t.db.query(`SELECT details FROM security_events WHERE type = $1`, [SecurityEventType.UserCreated])) as { details: { by?: string } }[];
    expect(event.details.by).toBe('ADMIN_EMAIL');
  });

  it('does nothing once an administrator exists, however often or concurrently it runs', async () => {
    const bootstrap = t.app.get(FirstAdmin);
    await Promise.all([bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap()]);
    expect(await admins()).toEqual([{ email: 'root@example.org' }]);
  });

  it('makes exactly one administrator when several processes start together on a new installation', async () => {
    await t.db.query(`DELETE FROM users WHERE email = 'root@example.org'`);
    await t.db.query(`UPDATE users SET roles = ARRAY['mediator']::text[] WHERE roles @> ARRAY['admin']::text[]`);
    expect(await admins()).toEqual([]);
    const bootstrap = t.app.get(FirstAdmin);
    await Promise.all([bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap()]);
    expect(await admins()).toEqual([{ email: 'root@example.org' }]);
  });
});
