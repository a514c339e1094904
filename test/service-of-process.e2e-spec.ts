import { GlobalRole, Language } from '../src/auth/roles';
import { formatDateTime } from '../src/common/documents-i18n/legal-dates';
import { rawTokens } from '../src/common/documents-i18n/raw-tokens';
import { Case } from '../src/cases/entities/case.entity';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus, ReferralType } from '../src/cases/lifecycle/case-states';
import { Clock } from '../src/infrastructure/clock/clock';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { signServiceLink } from '../src/service-of-process/service-link';
import { ServiceRecord } from '../src/service-of-process/service.entity';
import { caseInState } from './support/case-fixtures';
import { binary, pdfText } from './support/pdf-text';
import { createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { serviceLinkIn, startSmtpServer } from './support/smtp-server';
import type { ServiceBody } from './support/services';
import { createTestApp, eventually, workerTestEnv, type TestApp } from './support/test-app';

const DAY = 86_400_000;

describe('electronic service and the respondent’s consent', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        ...workerTestEnv('sop'),
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

  /**
   * A case offered to a mediator, with a signed-in applicant and respondent; the mediator's
   * acceptance over HTTP is what serves the notice.
   */
  async function offeredCase(options: { confirmed?: boolean; referral?: ReferralType | null; verified?: boolean } = {}) {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t, { verified: options.verified ?? true, language: Language.ZhCN });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const court = options.referral ? await createOrganisation(t.db, { kind: OrganisationKind.Court }) : null;
    const c = await caseInState(t, {
      status: CaseStatus.Assigning,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      referringCourtId: court?.id ?? null,
    });
    if (options.referral) await t.db.getRepository(Case).update({ id: c.id }, { referralType: options.referral });
    if (options.confirmed) {
      // The respondent agreed to e-service at this address before the dispute (docs/procedural-rules.md F26).
      await t.db
        .getRepository(CaseParty)
        .update({ caseId: c.id, side: PartySide.Respondent }, { email: respondent.user.email, consentEService: true, eServiceBasis: 'prior_agreement' as never });
    }
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    return { caseId: c.id, applicant, respondent, mediator };
  }

  const accept = (caseId: string, mediator: SignedIn) =>
    t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', mediator.bearer).send({ noConflict: true }).expect(200);

  const services = async (caseId: string, who: SignedIn = admin): Promise<ServiceBody[]> =>
    (await t.http.get(`/api/v1/cases/${caseId}/services`).set('Authorization', who.bearer).expect(200)).body.items as ServiceBody[];

  const linkIn = (email: string): string => serviceLinkIn(smtp, email);

  it('to a confirmed address: served when the e-mail is delivered; the certificate shows the real times and the hash', async () => {
    const { caseId, respondent, applicant, mediator } = await offeredCase({ confirmed: true });
    // Before the notice, the respondent does not see the case.
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', respondent.bearer).expect(404);
    await accept(caseId, mediator);
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', respondent.bearer).expect(200);

    const [first] = await services(caseId, respondent);
    expect(first.channels).toEqual(expect.arrayContaining(['in_app', 'email']));
    expect(first.addresses.find((a) => a.channel === 'email')).toMatchObject({ address: respondent.user.email, confirmed: true });
    expect(first.sentAt).not.toBeNull();

    // The notice itself: a PDF in the respondent's language, hashed.
    const docs = (await t.http.get(`/api/v1/cases/${caseId}/documents`).set('Authorization', respondent.bearer).expect(200)).body.items as {
      id: string;
      kind: string;
      sha256: string;
    }[];
    const notice = docs.find((d) => d.id === first.documentId)!;
    expect(notice).toMatchObject({ kind: 'notice_of_mediation', sha256: first.documentSha256 });
    const noticePdf = await t.http.get(`/api/v1/documents/${notice.id}/content`).set('Authorization', respondent.bearer).buffer(true).parse(binary).expect(200);
    expect(await pdfText(noticePdf.body as Buffer)).toContain('调解通知书');

    await eventually(async () => (smtp.to(respondent.user.email).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    const served = await eventually(
      async () => {
        const [s] = await services(caseId);
        return s.effectiveAt ? s : undefined;
      },
      15_000,
      'service effective',
    );
    const email = served.delivered.find((d) => d.channel === 'email')!;
    expect(served).toMatchObject({ effectiveRule: 'confirmed_address_delivered', effectiveChannel: 'email', effectiveAt: email.deliveredAt, readAt: null });
    const row = await t.db.query(
      `SELECT d.finished_at FROM notification_deliveries d WHERE d.notification_id = ANY($1::uuid[]) AND d.channel = 'email' AND d.status = 'delivered'`,
      [(await t.db.getRepository(ServiceRecord).findOneByOrFail({ id: served.id })).notificationIds],
    );
    expect(new Date(email.deliveredAt!).toISOString()).toBe((row[0].finished_at as Date).toISOString());

    // The certificate (in the case's language, English here): a court-visible case document, downloadable, its text extractable.
    const cert = await t.http.post(`/api/v1/services/${served.id}/certificate`).set('Authorization', mediator.bearer).expect(200);
    expect(cert.body).toMatchObject({ kind: 'service_certificate', visibility: 'court' });
    const again = await t.http.post(`/api/v1/services/${served.id}/certificate`).set('Authorization', admin.bearer).expect(200);
    expect(again.body.id).toBe(cert.body.id);
    const pdf = await t.http.get(`/api/v1/documents/${cert.body.id}/content`).set('Authorization', applicant.bearer).buffer(true).parse(binary).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    // Times as a person reads them, in the platform's zone, to the second; no internal id, no raw value.
    const local = (iso: string): string => formatDateTime(new Date(iso), 'en', 'Asia/Shanghai', { seconds: true });
    for (const expected of [
      served.documentSha256,
      local(served.sentAt!),
      local(email.deliveredAt!),
      local(served.effectiveAt!),
      'Certificate of Service',
      'Notice of mediation',
      respondent.user.email,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(served.id);
    expect(rawTokens(text)).toEqual([]);
  }, 60_000);

  it('to an unconfirmed address: delivery is not enough; bad links are refused; the signed link opened by its recipient serves it', async () => {
    const { caseId, respondent, applicant, mediator } = await offeredCase({ confirmed: false });
    await accept(caseId, mediator);
    await eventually(async () => (smtp.to(respondent.user.email).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    const link = linkIn(respondent.user.email);
    const [s] = await services(caseId);
    await eventually(async () => ((await services(caseId))[0].delivered.find((d) => d.channel === 'email')?.deliveredAt ? true : undefined), 15_000, 'e-mail delivery');
    expect((await services(caseId))[0]).toMatchObject({ effectiveAt: null, effectiveRule: null });

    // Tampered with: refused.
    const [body, sig] = link.split('/').at(-1)!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), e: 4_000_000_000 })).toString('base64url');
    await t.http.get(`/api/v1/service-links/${forged}.${sig}`).expect(403);
    await t.http.get(`/api/v1/service-links/${body}.${sig.slice(0, -2)}xx`).expect(403);
    // Expired (signed with the platform's own secret, but in the past): refused.
    const expired = signServiceLink(process.env.JWT_SECRET!, { serviceId: s.id, userId: respondent.user.id, expiresAt: Math.floor((Date.now() - DAY) / 1000) });
    await t.http.get(`/api/v1/service-links/${expired}`).expect(410);
    // Opened by another signed-in person (the applicant): refused.
    await t.http.get(link).set('Authorization', applicant.bearer).expect(403);
    // The recipient's own platform route is only theirs.
    await t.http.get(`/api/v1/services/${s.id}/document`).set('Authorization', applicant.bearer).expect(403);
    const untouched = (await services(caseId))[0];
    expect(untouched).toMatchObject({ readAt: null, effectiveAt: null });

    // The recipient opens it, without signing in.
    const opened = await t.http.get(link).set('User-Agent', 'RespondentMail/1.0').buffer(true).parse(binary).expect(200);
    expect(opened.headers['x-content-sha256']).toBe(s.documentSha256);
    const read = (await services(caseId))[0];
    expect(read).toMatchObject({ readVia: 'link', effectiveRule: 'read' });
    expect(read.effectiveAt).toBe(read.readAt);
    const stored = await t.db.getRepository(ServiceRecord).findOneByOrFail({ id: s.id });
    expect(stored.readUserAgent).toBe('RespondentMail/1.0');
    expect(stored.readIp).toBeTruthy();
    // A second opening changes nothing.
    await t.http.get(link).set('Authorization', respondent.bearer).buffer(true).parse(binary).expect(200);
    expect((await services(caseId))[0].readAt).toBe(read.readAt);
  }, 60_000);

  const deadlines = async (caseId: string) =>
    (await t.http.get(`/api/v1/cases/${caseId}/deadlines`).set('Authorization', admin.bearer).expect(200)).body.items as {
      kind: string;
      dueAt: string;
      firedAt: string | null;
      cancelledAt: string | null;
    }[];

  it.each([
    [ReferralType.PreFiling, 30],
    [ReferralType.PostFilingSimplified, 7],
  ])(
    'a %s referral: the respondent agrees → mediating with a %i-day period',
    async (referral, days) => {
      const { caseId, respondent, mediator } = await offeredCase({ referral });
      await accept(caseId, mediator);
      const answered = await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(200);
      // The answer is the case view it produced (it used to be `{ status }` alone).
      expect(answered.body).toMatchObject({ id: caseId, status: 'mediating' });
      const c = (await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', respondent.bearer).expect(200)).body;
      expect(c.status).toBe('mediating');
      const running = (await deadlines(caseId)).filter((d) => !d.firedAt && !d.cancelledAt);
      expect(running.map((d) => d.kind)).toEqual(['mediation_period']);
      const span = (new Date(running[0].dueAt).getTime() - Date.now()) / DAY;
      // Calendar days, ending at local midnight and rolled past rest days (CPL art. 85).
      expect(span).toBeGreaterThan(days);
      expect(span).toBeLessThan(days + 4);
      // Answering is acting on the service: it is complete.
      expect((await services(caseId))[0]).toMatchObject({ effectiveRule: expect.any(String) });
      expect((await services(caseId))[0].actedAt).not.toBeNull();
    },
    60_000,
  );

  it('a respondent declines a court referral → closed and returned to the court', async () => {
    const { caseId, respondent, mediator } = await offeredCase({ referral: ReferralType.PostFilingOrdinary });
    await accept(caseId, mediator);
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: false, reason: 'We prefer to litigate' }).expect(200);
    const c = await t.db.getRepository(Case).findOneByOrFail({ id: caseId });
    expect(c).toMatchObject({ status: 'closed', outcome: 'respondent_declined', returnedToCourt: true });
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(409);
  }, 60_000);

  it('no answer within the period → the deadline closes the case, and a court referral goes back to the court', async () => {
    const { caseId, mediator } = await offeredCase({ referral: ReferralType.PreFiling });
    await accept(caseId, mediator);
    expect((await deadlines(caseId)).find((d) => d.kind === 'respondent_consent' && !d.cancelledAt)).toBeDefined();
    t.app.get(Clock).advance(10 * DAY);
    const closed = await eventually(
      async () => {
        const c = await t.db.getRepository(Case).findOneByOrFail({ id: caseId });
        return c.status === CaseStatus.Closed ? c : undefined;
      },
      15_000,
      'the respondent-consent deadline',
    );
    expect(closed).toMatchObject({ outcome: 'respondent_unreachable', returnedToCourt: true });
    // Staff are told.
    await eventually(
      async () =>
        (await t.db.query(`SELECT 1 FROM notifications WHERE case_id = $1 AND user_id = $2 AND template = 'respondent_unreachable'`, [caseId, admin.user.id])).length
          ? true
          : undefined,
      10_000,
      'the administrators told',
    );
  }, 60_000);

  it('refuses a consent by someone who is not that respondent, or without a verified identity; nothing is recorded', async () => {
    const { caseId, applicant, mediator } = await offeredCase({});
    const unverified = await offeredCase({ verified: false });
    await accept(caseId, mediator);
    await accept(unverified.caseId, unverified.mediator);
    const outsider = await signedInUser(t, { verified: true });
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', applicant.bearer).send({ agree: true }).expect(403);
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', mediator.bearer).send({ agree: false }).expect(403);
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', outsider.bearer).send({ agree: true }).expect(404);
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', admin.bearer).send({ agree: true }).expect(403);
    await t.http.post(`/api/v1/cases/${unverified.caseId}/respondent-consent`).set('Authorization', unverified.respondent.bearer).send({ agree: true }).expect(403);
    await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', applicant.bearer).send({ agree: 'yes' }).expect(400);
    for (const id of [caseId, unverified.caseId]) {
      expect(await t.db.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1`, [id])).toHaveLength(0);
      expect((await t.db.getRepository(Case).findOneByOrFail({ id })).status).toBe('awaiting_respondent');
      expect((await services(id))[0].actedAt).toBeNull();
    }
  }, 60_000);

  it('tells a respondent who is not verified yet that identity verification is missing, and how to get it', async () => {
    const { caseId, respondent, applicant, mediator } = await offeredCase({ verified: false });
    await accept(caseId, mediator);
    // With no verification provider, asking for verification leaves it pending.
    const asked = await t.http
      .post('/api/v1/me/identity-verification')
      .set('Authorization', respondent.bearer)
      .send({ fullName: '李四', documentType: 'resident_id_card', documentNumber: '110101199001011234' })
      .expect(201);
    expect(asked.body.status).toBe('pending');

    const refused = await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:accord:problem:identity-verification-required', status: 403, verifyAt: '/api/v1/me/identity-verification' });
    expect(refused.body.detail).toMatch(/identity is not verified/);
    expect(refused.body.detail).toMatch(/POST \/api\/v1\/me\/identity-verification/);
    // "Not your case" stays a plain forbidden: a client can tell the two apart.
    const notYours = await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', applicant.bearer).send({ agree: true }).expect(403);
    expect(notYours.body.type).toBe('urn:accord:problem:forbidden');
    expect(await t.db.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1`, [caseId])).toHaveLength(0);

    // Once an administrator verified the person, the same answer goes through.
    await t.http
      .post(`/api/v1/users/${respondent.user.id}/identity-verification`)
      .set('Authorization', admin.bearer)
      .send({ method: 'in_person_id_card', note: 'ID card seen at the front desk' })
      .expect(201);
    const answered = await t.http.post(`/api/v1/cases/${caseId}/respondent-consent`).set('Authorization', respondent.bearer).send({ agree: true }).expect(200);
    expect(answered.body).toMatchObject({ id: caseId, status: 'mediating' });
  }, 60_000);

  it('the address-for-service form: a party confirms its own addresses; the form is kept in the case chain', async () => {
    const { caseId, mediator, respondent, applicant } = await offeredCase({});
    await accept(caseId, mediator);
    const form = { email: respondent.user.email, phone: '+8613800138000', consentEService: true };
    const outsider = await signedInUser(t);
    await t.http.put(`/api/v1/cases/${caseId}/address-for-service`).set('Authorization', outsider.bearer).send(form).expect(404);
    await t.http.put(`/api/v1/cases/${caseId}/address-for-service`).set('Authorization', mediator.bearer).send(form).expect(403);
    await t.http
      .put(`/api/v1/cases/${caseId}/address-for-service`)
      .set('Authorization', respondent.bearer)
      .send({ ...form, consentEService: false })
      .expect(400);
    await t.http
      .put(`/api/v1/cases/${caseId}/address-for-service`)
      .set('Authorization', respondent.bearer)
      .send({ ...form, email: 'not-an-address' })
      .expect(400);
    const done = await t.http.put(`/api/v1/cases/${caseId}/address-for-service`).set('Authorization', respondent.bearer).send(form).expect(200);
    expect(done.body).toMatchObject({ email: respondent.user.email, phone: '+8613800138000' });
    const party = await t.db.getRepository(CaseParty).findOneByOrFail({ id: done.body.partyId });
    expect(party).toMatchObject({ side: 'respondent', consentEService: true, eServiceBasis: 'express', addressConfirmedBy: respondent.user.id });
    await t.http
      .put(`/api/v1/cases/${caseId}/address-for-service`)
      .set('Authorization', applicant.bearer)
      .send({ ...form, email: applicant.user.email })
      .expect(200);
    const events = (await t.http.get(`/api/v1/cases/${caseId}/events`).set('Authorization', applicant.bearer).expect(200)).body.items as { type: string }[];
    expect(events.filter((e) => e.type === 'address_for_service_confirmed')).toHaveLength(2);
  }, 60_000);

  it('staff record an offline service with who and why; it completes the service from the time given', async () => {
    const { caseId, mediator, respondent } = await offeredCase({});
    await accept(caseId, mediator);
    const [s] = await services(caseId);
    const body = { reason: 'The respondent asked for paper service', method: 'post', servedAt: new Date(Date.now() - 60_000).toISOString() };
    await t.http.post(`/api/v1/services/${s.id}/offline`).set('Authorization', mediator.bearer).send(body).expect(403);
    await t.http.post(`/api/v1/services/${s.id}/offline`).set('Authorization', respondent.bearer).send(body).expect(403);
    const done = await t.http.post(`/api/v1/services/${s.id}/offline`).set('Authorization', admin.bearer).send(body).expect(200);
    expect(done.body).toMatchObject({ effectiveRule: 'offline', effectiveAt: body.servedAt, offline: { by: admin.user.id, reason: body.reason, method: 'post' } });
    await t.http.post(`/api/v1/services/${s.id}/offline`).set('Authorization', admin.bearer).send(body).expect(409);
  }, 60_000);
});
