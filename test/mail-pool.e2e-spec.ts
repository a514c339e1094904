import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { NotificationDelivery } from '../src/notifications/notification-delivery.entity';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/**
 * E-mail goes over a pool of SMTP connections (issue 24: a connection per e-mail was 18 % of a
 * worker's CPU). A burst of e-mails arrives whole over at most SMTP_MAX_CONNECTIONS connections,
 * and shutting the application down closes them.
 */
describe('e-mail over a pool of SMTP connections', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp | undefined;
  let intake: SignedIn;
  const BURST = 8;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, SMTP_MAX_CONNECTIONS: '2', OUTBOX_POLL_INTERVAL_MS: '200', QUEUE_PREFIX: `pool${randomUUID().slice(0, 6)}` },
    });
    intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a burst of e-mails is delivered whole over fewer connections than messages, which close at shutdown', async () => {
    const app = t!;
    const applicants = await Promise.all(Array.from({ length: BURST }, () => signedInUser(app)));
    const cases = await Promise.all(applicants.map((a) => caseInState(app, { status: CaseStatus.Submitted, createdBy: a.user.id, applicantUserId: a.user.id })));
    const before = smtp.connections();

    await Promise.all(
      cases.map((c) =>
        app.http
          .post(`/api/v1/cases/${c.id}/transitions`)
          .set('Authorization', intake.bearer)
          .send({ event: 'request_correction', expectedVersion: 1, reason: 'Attach the patent register extract' })
          .expect(200),
      ),
    );
    await eventually(async () => (applicants.every((a) => smtp.to(a.user.email).length === 1) ? true : undefined), 20_000, `${BURST} e-mails`);

    // Each recorded as delivered, with the Message-ID the server got.
    const delivered = await eventually(
      async () => {
        const rows = await app.db.getRepository(NotificationDelivery).find({ where: { channel: 'email', status: 'delivered' } });
        return rows.length >= BURST ? rows : undefined;
      },
      10_000,
      'the delivery records',
    );
    for (const a of applicants) {
      const mail = smtp.to(a.user.email)[0];
      expect(delivered.map((d) => [d.address, d.providerMessageId])).toContainEqual([a.user.email, mail.mail.messageId]);
    }
    const used = smtp.connections() - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(2);
    expect(smtp.openConnections()).toBeGreaterThanOrEqual(1);

    await app.close();
    t = undefined;
    await eventually(async () => (smtp.openConnections() === 0 ? true : undefined), 5_000, 'the pooled connections to close');
  });
});
