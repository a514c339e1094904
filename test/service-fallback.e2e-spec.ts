import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { Clock } from '../src/infrastructure/clock/clock';
import { ServiceFallbackSweep } from '../src/service-of-process/service-fallback.sweep';
import { ServiceOfProcess } from '../src/service-of-process/service-of-process.service';
import { ANY_HOLDER, signServiceLink } from '../src/service-of-process/service-link';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { serviceLinkIn, startSmtpServer } from './support/smtp-server';
import type { ServiceBody } from './support/services';
import { freshSweep } from './support/settled';
import { createTestApp, eventually, workerTestEnv, type TestApp } from './support/test-app';

const HOUR = 3_600_000;

describe('electronic service without an account, and the fallback to the next channel', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        ...workerTestEnv('sfb'),
        SERVICE_FALLBACK_HOURS: '24',
        PUBLIC_URL: 'https://accord.test',
      },
    });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** A case offered to a mediator; the respondent party has an account or only an address. */
  async function offeredCase(respondent: SignedIn | { email: string; phone?: string }) {
    const applicant = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const account = 'bearer' in respondent ? respondent : null;
    const c = await caseInState(t, { status: CaseStatus.Assigning, createdBy: applicant.user.id, applicantUserId: applicant.user.id, respondentUserId: account?.user.id ?? null });
    if (!account) {
      const r = respondent as { email: string; phone?: string };
      await t.db.getRepository(CaseParty).update({ caseId: c.id, side: PartySide.Respondent }, { email: r.email, phone: r.phone ?? null });
    }
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    await t.http.post(`/api/v1/cases/${c.id}/assignment/accept`).set('Authorization', mediator.bearer).send({ noConflict: true }).expect(200);
    return { caseId: c.id, applicant, mediator };
  }

  const services = async (caseId: string): Promise<ServiceBody[]> =>
    (await t.http.get(`/api/v1/cases/${caseId}/services`).set('Authorization', admin.bearer).expect(200)).body.items as ServiceBody[];

  const linkIn = (email: string): string => serviceLinkIn(smtp, email);

  it('serves a respondent without an account at the party’s e-mail; reading the link serves it; the person then claims the party and answers', async () => {
    const partyEmail = `no-account-${randomUUID().slice(0, 8)}@respondent.test`;
    const { caseId } = await offeredCase({ email: partyEmail });
    const [s] = await services(caseId);
    expect(s).toMatchObject({ recipientUserId: null, channels: ['email'] });
    // The applicant gave this address: it is unconfirmed, so delivery alone does not serve.
    expect(s.addresses).toEqual([expect.objectContaining({ channel: 'email', address: partyEmail, confirmed: false })]);

    await eventually(async () => (smtp.to(partyEmail).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    const delivered = await eventually(
      async () => {
        const [x] = await services(caseId);
        return x.delivered.some((d) => d.channel === 'email' && d.deliveredAt) ? x : undefined;
      },
      15_000,
      'the e-mail delivery record',
    );
    expect(delivered.effectiveAt).toBeNull();

    const link = linkIn(partyEmail);
    // Someone signed in to another account cannot use it, and nothing is recorded.
    const stranger = await signedInUser(t, { verified: true });
    await t.http.get(link).set('Authorization', stranger.bearer).expect(403);
    expect((await services(caseId))[0].readAt).toBeNull();
    // Opened as it arrived: the reading serves it.
    await t.http.get(link).expect(200);
    const [read] = await services(caseId);
    expect(read).toMatchObject({ effectiveRule: 'read' });
    expect(read.effectiveAt).toBe(read.readAt);

    // The respondent signs up and takes the party into its account with the link; nobody else can after that.
    const respondent = await signedInUser(t, { verified: true });
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', respondent.bearer).expect(404);
    await t.http.post(`${link}/claim`).set('Authorization', respondent.bearer).expect(200);
    await t.http.post(`${link}/claim`).set('Authorization', stranger.bearer).expect(409);
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', respondent.bearer).expect(200);
    await t.http.get(link).set('Authorization', stranger.bearer).expect(403);
    const answered = await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(200);
    expect(answered.body).toMatchObject({ status: CaseStatus.Mediating });
  });

  it('the served-link landing page’s summary: the notice’s facts without signing in, nothing confidential, not a reading; bad links are problems', async () => {
    const partyEmail = `summary-${randomUUID().slice(0, 8)}@respondent.test`;
    const { caseId, applicant } = await offeredCase({ email: partyEmail, phone: '+8613900139111' });
    await eventually(async () => (smtp.to(partyEmail).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    // The e-mail links to the web app's page, not to the API.
    expect(smtp.to(partyEmail).at(-1)?.mail.text).toMatch(/https:\/\/accord\.test\/served\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    const token = linkIn(partyEmail).split('/').at(-1)!;
    const c = (await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', applicant.bearer).expect(200)).body as {
      number: string;
      title: string;
      statement: string;
      applicants: { name: string }[];
    };

    const summary = await t.http.get(`/api/v1/service-links/${token}/summary`).expect(200);
    expect(summary.body).toMatchObject({
      caseId,
      caseNumber: c.number,
      caseTitle: c.title,
      purpose: 'notice_of_mediation',
      documentKind: 'notice_of_mediation',
      applicants: c.applicants.map((a) => a.name),
      awaitingAnswer: true,
      servedOnAccount: false,
      claimed: false,
      servedEmail: partyEmail,
    });
    expect(['zh-CN', 'en']).toContain(summary.body.language);
    const [deadline] = (await t.db.query(`SELECT due_at FROM deadlines WHERE case_id = $1 AND kind = 'respondent_consent' AND cancelled_at IS NULL`, [caseId])) as {
      due_at: Date;
    }[];
    expect(summary.body.answerBy).toBe(deadline.due_at.toISOString());
    // Nothing of the application itself, nor the parties' other addresses.
    const text = JSON.stringify(summary.body);
    for (const secret of [c.statement, '+8613900139111', applicant.user.email]) expect(text).not.toContain(secret);
    expect(summary.body).not.toHaveProperty('claims');
    // Anyone holding the link may read it, signed in or not; it is not a reading of the notice.
    const stranger = await signedInUser(t, { verified: true });
    await t.http.get(`/api/v1/service-links/${token}/summary`).set('Authorization', stranger.bearer).expect(200);
    expect((await services(caseId))[0]).toMatchObject({ readAt: null, effectiveAt: null });

    // Tampered with, or not a link at all: a problem, and no data.
    const tampered = token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    for (const bad of [tampered, 'not-a-link']) {
      const refused = await t.http.get(`/api/v1/service-links/${bad}/summary`).expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(refused.body)).not.toContain(c.number);
    }
    // Expired: 410 Gone, and no data.
    const [s] = await services(caseId);
    const expired = signServiceLink(process.env.JWT_SECRET!, { serviceId: s.id, userId: ANY_HOLDER, expiresAt: Math.floor((Date.now() - HOUR) / 1000) });
    const gone = await t.http.get(`/api/v1/service-links/${expired}/summary`).expect(410);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(gone.body)).not.toContain(c.number);

    // Once claimed: says so, and no longer gives out the address.
    const respondent = await signedInUser(t, { verified: true });
    await t.http.post(`/api/v1/service-links/${token}/claim`).set('Authorization', respondent.bearer).expect(200);
    const after = await t.http.get(`/api/v1/service-links/${token}/summary`).expect(200);
    expect(after.body).toMatchObject({ claimed: true, servedEmail: null, awaitingAnswer: true });
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: false, reason: 'We prefer the court.' }).expect(200);
    expect((await t.http.get(`/api/v1/service-links/${token}/summary`).expect(200)).body).toMatchObject({ awaitingAnswer: false, answerBy: null });
  });

  it('a tampered claim link is refused and links nothing', async () => {
    const partyEmail = `tamper-${randomUUID().slice(0, 8)}@respondent.test`;
    const { caseId } = await offeredCase({ email: partyEmail });
    await eventually(async () => (smtp.to(partyEmail).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    const link = linkIn(partyEmail);
    const tampered = link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    const someone = await signedInUser(t, { verified: true });
    await t.http.post(`${tampered}/claim`).set('Authorization', someone.bearer).expect(403);
    const [{ user_id }] = await t.db.query(`SELECT user_id FROM case_parties WHERE case_id = $1 AND side = 'respondent'`, [caseId]);
    expect(user_id).toBeNull();
  });

  it('not effective in time: the SMS notice follows; with every channel tried, the staff are told', async () => {
    const respondent = await signedInUser(t, { phone: '+8613900139000' });
    const { caseId } = await offeredCase(respondent);
    const [first] = await services(caseId);
    expect(first.channels.sort()).toEqual(['email', 'in_app']);
    expect(first.nextAttemptAt).not.toBeNull();

    t.app.get(Clock).advance(25 * HOUR);
    const second = await eventually(
      async () => {
        const [x] = await services(caseId);
        return x.channels.includes('sms') ? x : undefined;
      },
      15_000,
      'the SMS fallback',
    );
    expect(second.addresses.find((a) => a.channel === 'sms')).toMatchObject({ address: '+8613900139000', confirmed: false });
    expect(second.exhaustedAt).toBeNull();
    // The SMS went to the provider (here the log driver, which never counts as delivered to the recipient's system).
    await eventually(
      async () => {
        const rows = (await t.db.query(
          `SELECT d.status FROM notification_deliveries d JOIN services s ON d.notification_id = ANY(s.notification_ids) WHERE s.id = $1 AND d.channel = 'sms'`,
          [second.id],
        )) as { status: string }[];
        return rows.some((r) => r.status === 'delivered') ? true : undefined;
      },
      15_000,
      'the SMS hand-over',
    );
    const events = (await t.db.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY sequence`, [caseId])) as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['service_sent', 'service_fallback_sent']));

    t.app.get(Clock).advance(25 * HOUR);
    const exhausted = await eventually(
      async () => {
        const [x] = await services(caseId);
        return x.exhaustedAt ? x : undefined;
      },
      15_000,
      'the service exhausted',
    );
    expect(exhausted.effectiveAt).toBeNull();
    const inbox = await eventually(
      async () => {
        const res = await t.http.get('/api/v1/notifications').set('Authorization', admin.bearer).expect(200);
        const items = res.body.items as { template: string; caseId: string; text: string }[];
        return items.find((n) => n.template === 'service_failed' && n.caseId === caseId);
      },
      15_000,
      'the staff notification',
    );
    expect(inbox.text).toContain('Fixture Respondent Ltd');
  });

  it('a service read before its next attempt stops the fallback', async () => {
    const respondent = await signedInUser(t, { phone: '+8613700137000' });
    const { caseId } = await offeredCase(respondent);
    const [s] = await services(caseId);
    await t.http.get(`/api/v1/services/${s.id}/document`).set('Authorization', respondent.bearer).expect(200);
    t.app.get(Clock).advance(25 * HOUR);
    // The fallback, for this service and in a whole sweep run after the clock moved, finds nothing to do.
    expect(await t.app.get(ServiceOfProcess).fallBack(s.id)).toBe('nothing_to_do');
    await freshSweep(t.app.get(ServiceFallbackSweep));
    const [after] = await services(caseId);
    expect(after.channels).not.toContain('sms');
    expect(after.exhaustedAt).toBeNull();
    expect(after.effectiveRule).toBe('read');
  });
});
