import { randomUUID } from 'node:crypto';
import { Language } from '../src/auth/roles';
import { PasswordResetToken } from '../src/auth/password-reset-token.entity';
import { createUser, DEFAULT_PASSWORD, signIn } from './support/factories';
import { startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

describe('password reset by an e-mailed one-time link (real SMTP)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ runWorkers: false, env: { SMTP_URL: smtp.url, QUEUE_PREFIX: `reset${randomUUID().slice(0, 6)}`, PUBLIC_URL: 'https://accord.example' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails a link in the person’s language; the link sets a new password once and ends every session', async () => {
    const user = await createUser(t.db, { language: Language.ZhCN });
    const session = await signIn(t, user);
    await t.http.post('/api/v1/auth/password/reset-request').send({ email: user.email }).expect(202);
    const mail = await eventually(async () => smtp.to(user.email)[0], 10_000, 'the reset e-mail');
    expect(mail.mail.subject).toBe('Accord 密码重置');
    const link = /https:\/\/accord\.example\/reset-password\?token=(\S+)/.exec(mail.mail.text ?? '');
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]);
    // Only the hash is kept: the token is nowhere in the database.
    const row = await t.db.getRepository(PasswordResetToken).findOneByOrFail({ userId: user.id });
    expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);

    await t.http.post('/api/v1/auth/password/reset').send({ token, newPassword: 'a fresh long passphrase' }).expect(204);
    await t.http.post('/api/v1/auth/password/reset').send({ token, newPassword: 'another long passphrase' }).expect(400);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'a fresh long passphrase' }).expect(200);
  });

  it('sends nothing for an unknown e-mail, and answers the same', async () => {
    const ghost = `ghost-${randomUUID()}@test.accord`;
    await t.http.post('/api/v1/auth/password/reset-request').send({ email: ghost }).expect(202, { status: 'accepted' });
    // A registered person asks next; once that e-mail is in, the ghost's request has been handled too.
    const user = await createUser(t.db);
    await t.http.post('/api/v1/auth/password/reset-request').send({ email: user.email }).expect(202, { status: 'accepted' });
    await eventually(async () => smtp.to(user.email)[0], 10_000, 'the registered person’s reset e-mail');
    expect(smtp.to(ghost)).toHaveLength(0);
  });
});
