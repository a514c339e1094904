import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { SecurityEvent } from '../src/audit/security-event.entity';
import { RefreshToken } from '../src/auth/refresh-token.entity';
import { PasswordResetToken } from '../src/auth/password-reset-token.entity';
import { User } from '../src/users/user.entity';
import { createUser, DEFAULT_PASSWORD, signedInUser, signIn, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

describe('identity: registration, sessions, lockout, roles', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    // No grace for a second use of a rotated token: here every reuse is theft (the grace for a
    // browser racing itself has its own test in browser-sessions.e2e-spec.ts).
    t = await createTestApp({ env: { REFRESH_TOKEN_REUSE_GRACE_SECONDS: '0' } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const events = (userId: string) =>
    t.db
      .getRepository(SecurityEvent)
      .find({ where: { userId }, order: { occurredAt: 'ASC' } })
      .then((rows) => rows.map((e) => e.type));

  it('register → login → refresh (rotate) → reuse detected → family revoked → logout', async () => {
    const email = `Applicant.${randomUUID().slice(0, 6)}@Example.COM`;
    const registered = await t.http
      .post('/api/v1/auth/register')
      .send({ email, password: 'a long enough passphrase', displayName: '李伟', phone: '+8613900139000', preferredLanguage: 'zh-CN' })
      .expect(201);
    expect(registered.body).toMatchObject({ email: email.toLowerCase(), roles: ['party'], preferredLanguage: 'zh-CN' });
    expect(JSON.stringify(registered.body)).not.toMatch(/password|argon2/i);

    const login = await t.http.post('/api/v1/auth/login').send({ email, password: 'a long enough passphrase' }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.email).toBe(email.toLowerCase());

    // Rotation: the first refresh token yields a new pair and stops working itself.
    const first = login.body.refreshToken as string;
    const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200);
    const second = rotated.body.refreshToken as string;
    expect(second).not.toBe(first);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${rotated.body.accessToken}`).expect(200);

    // Reuse of the rotated token: refused, and the newer token of the same family dies too.
    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(reuse.body.type).toBe('urn:accord:problem:unauthenticated');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second }).expect(401);

    // A separate sign-in is another family and is unaffected; logout ends it.
    const other = await t.http.post('/api/v1/auth/login').send({ email, password: 'a long enough passphrase' }).expect(200);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: other.body.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);

    const userId = registered.body.id as string;
    expect(await events(userId)).toEqual(['registered', 'login_succeeded', 'refresh_token_reused', 'login_succeeded', 'logged_out']);
    const tokens = await t.db.getRepository(RefreshToken).find({ where: { userId } });
    expect(tokens).toHaveLength(3);
    expect(tokens.every((row) => row.revokedAt !== null)).toBe(true);
    // Only hashes are stored.
    expect(tokens.map((row) => row.tokenHash)).not.toContain(first.split('.')[1]);
  });

  it('refuses a duplicate registration, a weak password and a bad phone with precise problems', async () => {
    const user = await createUser(t.db);
    const dup = await t.http.post('/api/v1/auth/register').send({ email: user.email.toUpperCase(), password: 'another long passphrase', displayName: 'X' }).expect(409);
    expect(dup.body.detail).toContain('already exists');
    const bad = await t.http.post('/api/v1/auth/register').send({ email: 'not-an-email', password: 'short', displayName: '', phone: '13800138000', role: 'admin' }).expect(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'password', 'phone', 'role']);
  });

  it('locks an account after repeated failures with 429 and Retry-After, and logs it', async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password here' }).expect(401);
    }
    const locked = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD }).expect(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.body.retryAfter).toBe(Number(locked.headers['retry-after']));
    const types = await events(user.id);
    expect(types.filter((e) => e === 'login_failed')).toHaveLength(5);
    expect(types).toContain('account_locked');
    expect(types).not.toContain('login_succeeded');
  });

  it('answers unknown e-mails and wrong passwords the same way', async () => {
    const user = await createUser(t.db);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: `nobody-${randomUUID()}@test.accord`, password: 'whatever it is' })
      .expect(401);
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'whatever it is' }).expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const missing = await t.http.post('/api/v1/auth/login').send({}).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('changing the password ends every session', async () => {
    const user = await createUser(t.db);
    const session = await signIn(t, user);
    await t.http
      .post('/api/v1/auth/password/change')
      .set('Authorization', session.bearer)
      .send({ currentPassword: 'not the password', newPassword: 'brand new long passphrase' })
      .expect(400);
    await t.http
      .post('/api/v1/auth/password/change')
      .set('Authorization', session.bearer)
      .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'brand new long passphrase' })
      .expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'brand new long passphrase' }).expect(200);
  });

  it('a reset request answers 202 for known and unknown e-mails and stores only a hash', async () => {
    const user = await createUser(t.db);
    await t.http.post('/api/v1/auth/password/reset-request').send({ email: user.email }).expect(202, { status: 'accepted' });
    await t.http
      .post('/api/v1/auth/password/reset-request')
      .send({ email: `ghost-${randomUUID()}@test.accord` })
      .expect(202, { status: 'accepted' });
    const rows = await t.db.getRepository(PasswordResetToken).find({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const bad = await t.http
      .post('/api/v1/auth/password/reset')
      .send({ token: `${rows[0].id}.${'x'.repeat(43)}`, newPassword: 'a new long passphrase' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('token');
  });

  it('only admins create mediators and court users; a court admin creates clerks and judges for its own court only', async () => {
    const party = await signedInUser(t);
    const body = { email: `mediator-${randomUUID().slice(0, 6)}@test.accord`, displayName: 'Mediator', roles: ['mediator'], initialPassword: 'mediator passphrase ok' };
    await t.http.post('/api/v1/users').set('Authorization', party.bearer).send(body).expect(403);
    const created = await t.http.post('/api/v1/users').set('Authorization', admin.bearer).send(body).expect(201);
    expect(created.body.roles).toEqual(['mediator']);
    await t.http.post('/api/v1/auth/login').send({ email: body.email, password: 'mediator passphrase ok' }).expect(200);

    const court = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', admin.bearer)
      .send({ kind: 'court', name: '杭州市中级人民法院', courtCode: `HZ-${randomUUID().slice(0, 6)}`, courtLevel: 'intermediate', region: '330100' })
      .expect(201);
    const otherCourt = await t.http
      .post('/api/v1/organisations')
      .set('Authorization', admin.bearer)
      .send({ kind: 'court', name: '西湖区人民法院', courtCode: `XH-${randomUUID().slice(0, 6)}`, courtLevel: 'basic' })
      .expect(201);
    const missingCode = await t.http.post('/api/v1/organisations').set('Authorization', admin.bearer).send({ kind: 'court', name: 'No code' }).expect(400);
    expect(missingCode.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['courtCode', 'courtLevel']);

    const courtAdmin = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await t.http.post(`/api/v1/organisations/${court.body.id}/members`).set('Authorization', admin.bearer).send({ userId: courtAdmin.user.id, role: 'admin' }).expect(201);
    const courtAdminAgain = await signIn(t, courtAdmin.user); // memberships are read per request; a new token is not needed, but realistic

    const judge = { email: `judge-${randomUUID().slice(0, 6)}@test.accord`, displayName: '法官', roles: ['judge'], organisationId: court.body.id };
    await t.http.post('/api/v1/users').set('Authorization', courtAdminAgain.bearer).send(judge).expect(201);
    await t.http
      .post('/api/v1/users')
      .set('Authorization', courtAdminAgain.bearer)
      .send({ ...judge, email: `x-${judge.email}`, roles: ['admin'] })
      .expect(403);
    await t.http
      .post('/api/v1/users')
      .set('Authorization', courtAdminAgain.bearer)
      .send({ ...judge, email: `y-${judge.email}`, organisationId: otherCourt.body.id })
      .expect(403);
  });

  it('role changes take effect on the next request and are logged with who made them', async () => {
    const person = await signedInUser(t);
    await t.http.get('/api/v1/users').set('Authorization', person.bearer).expect(403);
    await t.http
      .put(`/api/v1/users/${person.user.id}/roles`)
      .set('Authorization', admin.bearer)
      .send({ roles: ['party', 'admin'] })
      .expect(200);
    await t.http.get('/api/v1/users').set('Authorization', person.bearer).expect(200);
    const log = await t.http.get(`/api/v1/admin/security-events?type=roles_changed&userId=${person.user.id}`).set('Authorization', admin.bearer).expect(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ actorId: admin.user.id, details: { before: ['party'], after: ['party', 'admin'] } });
  });

  it('a disabled account loses its sessions at once', async () => {
    const person = await signedInUser(t);
    await t.http.post(`/api/v1/users/${person.user.id}/disable`).set('Authorization', admin.bearer).expect(201);
    await t.http.get('/api/v1/me').set('Authorization', person.bearer).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
  });

  it('records manual identity verification; the self-service request is pending without a provider', async () => {
    const person = await signedInUser(t);
    const pending = await t.http
      .post('/api/v1/me/identity-verification')
      .set('Authorization', person.bearer)
      .send({ fullName: '李伟', documentType: 'resident_id_card', documentNumber: '110101199003074512' })
      .expect(201);
    expect(pending.body.status).toBe('pending');
    await t.http.post(`/api/v1/users/${person.user.id}/identity-verification`).set('Authorization', admin.bearer).send({ method: 'in_person_id_card' }).expect(201);
    const row = await t.db.getRepository(User).findOneByOrFail({ id: person.user.id });
    expect(row.identityVerifiedAt).not.toBeNull();
    expect(row.identityVerifiedBy).toBe(admin.user.id);
    expect(JSON.stringify(await t.db.getRepository(SecurityEvent).find({ where: { userId: person.user.id } }))).not.toContain('110101199003074512');
  });

  it('the security log pages with a cursor, newest first, admins only', async () => {
    const person = await signedInUser(t);
    await t.http.get('/api/v1/admin/security-events').set('Authorization', person.bearer).expect(403);
    const page1 = await t.http.get('/api/v1/admin/security-events?limit=2').set('Authorization', admin.bearer).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.http.get(`/api/v1/admin/security-events?limit=2&cursor=${page1.body.nextCursor}`).set('Authorization', admin.bearer).expect(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
    expect(Date.parse(page2.body.items[0].occurredAt)).toBeLessThanOrEqual(Date.parse(page1.body.items[1].occurredAt));
    await t.http.get('/api/v1/admin/security-events?cursor=bogus').set('Authorization', admin.bearer).expect(400);
  });
});
