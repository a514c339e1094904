import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { Clock } from '../src/infrastructure/clock/clock';
import { MembershipRole } from '../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { applicationBody, caseInState } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import type { ServiceBody } from './support/services';
import { settledCase } from './support/settled-case-fixture';
import { serviceLinkIn, startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, workerTestEnv, type TestApp } from './support/test-app';

type Party = { id: string; side: string; consentOnline: boolean | null; consentEService: boolean | null; eServiceBasis: string | null; domicileRegion: string | null };
type Event = { type: string; actorId: string | null; actorRole: string; payload: Record<string, unknown> };
type OfflineStepBody = { id: string; step: string; partyId: string | null; reason: string; decidedBy: string | null; decidedRole: string; decidedAt: string };
type Service = ServiceBody & { purpose: string; partyId: string | null };

/**
 * Consents per party and per address, and offline handling (docs/procedural-rules.md A1, F26), and
 * the domicile of a natural person in the court choice (D16), over HTTP against the real app.
 */
describe('consents, offline handling and the domicile in the court choice (rules A1, F26, D16)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, ...workerTestEnv('cns'), PUBLIC_URL: 'https://accord.test' } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const post = (who: SignedIn, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const parties = async (caseId: string): Promise<Party[]> => {
    const view = (await get(admin, `/cases/${caseId}`).expect(200)).body as { applicants: Party[]; respondents: Party[] };
    return [...view.applicants, ...view.respondents];
  };
  const events = async (caseId: string, who: SignedIn = admin): Promise<Event[]> => (await get(who, `/cases/${caseId}/events`).expect(200)).body.items as Event[];
  const offlineSteps = async (caseId: string, who: SignedIn = admin): Promise<OfflineStepBody[]> =>
    (await get(who, `/cases/${caseId}/offline-steps`).expect(200)).body.items as OfflineStepBody[];
  const services = async (caseId: string): Promise<Service[]> => (await get(admin, `/cases/${caseId}/services`).expect(200)).body.items as Service[];

  /** A case offered to a mediator, whose acceptance over HTTP serves the notice; the respondent has an account or only an e-mail address. */
  async function offeredCase(respondent: SignedIn | { email: string }) {
    const applicant = await signedInUser(t, { verified: true });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true });
    const account = 'bearer' in respondent ? respondent : null;
    const c = await caseInState(t, { status: CaseStatus.Assigning, createdBy: applicant.user.id, applicantUserId: applicant.user.id, respondentUserId: account?.user.id ?? null });
    if (!account) await t.db.getRepository(CaseParty).update({ caseId: c.id, side: PartySide.Respondent }, { email: (respondent as { email: string }).email });
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'matcher', 'pending', now() + interval '3 days')`, [
      c.id,
      mediator.user.id,
    ]);
    await post(mediator, `/cases/${c.id}/assignment/accept`, { noConflict: true }).expect(200);
    const rows = await t.db.getRepository(CaseParty).find({ where: { caseId: c.id } });
    return {
      caseId: c.id,
      applicant,
      mediator,
      applicantParty: rows.find((p) => p.side === PartySide.Applicant)!.id,
      respondentParty: rows.find((p) => p.side === PartySide.Respondent)!.id,
    };
  }

  const terminate = (mediator: SignedIn, caseId: string, partyId: string) =>
    post(mediator, `/cases/${caseId}/termination`, {
      reason: 'refuses_to_continue',
      partiesConcerned: [partyId],
      explanation: 'The respondent said it would not continue.',
    }).expect(200);

  it('a respondent refuses online handling when answering: recorded with who, in the timeline, and its documents go to the staff to serve on paper', async () => {
    const respondent = await signedInUser(t, { verified: true });
    const f = await offeredCase(respondent);
    // Bad input names the field and records nothing.
    const bad = await post(respondent, `/cases/${f.caseId}/respondent-consent`, { agree: true, consentOnline: 'no' }).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['consentOnline']);
    expect(await t.db.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1`, [f.caseId])).toHaveLength(0);

    const answered = await post(respondent, `/cases/${f.caseId}/respondent-consent`, { agree: true, consentOnline: false }).expect(200);
    expect(answered.body.status).toBe('mediating');
    expect((await parties(f.caseId)).map((p) => [p.side, p.consentOnline])).toEqual([
      ['applicant', true],
      ['respondent', false],
    ]);
    // Every step of that party is offline, decided by the party itself; the applicant (who sees the case) reads it.
    expect(await offlineSteps(f.caseId, f.applicant)).toEqual([
      expect.objectContaining({ step: 'all', partyId: f.respondentParty, decidedBy: respondent.user.id, decidedRole: 'respondent', reason: 'The party refused online handling' }),
    ]);
    const timeline = await events(f.caseId, f.applicant);
    expect(timeline.find((e) => e.type === 'online_consent_recorded')).toMatchObject({
      actorId: respondent.user.id,
      payload: { partyId: f.respondentParty, consentOnline: false },
    });
    expect(timeline.find((e) => e.type === 'step_switched_offline')).toMatchObject({ payload: { step: 'all', partyId: f.respondentParty } });
    // A party that asked for paper has not consented to e-service by answering online.
    expect(timeline.some((e) => e.type === 'e_service_consent_recorded')).toBe(false);
    expect((await parties(f.caseId)).find((p) => p.side === 'respondent')).toMatchObject({ consentEService: null, eServiceBasis: null });

    // The next document served (the failure report): the applicant electronically; the respondent by no channel, straight to the staff.
    await terminate(f.mediator, f.caseId, f.respondentParty);
    const reports = (await services(f.caseId)).filter((s) => s.purpose === 'failure_report');
    const toRespondent = reports.find((s) => s.partyId === f.respondentParty)!;
    const toApplicant = reports.find((s) => s.partyId === f.applicantParty)!;
    expect(toRespondent).toMatchObject({ channels: [], addresses: [], sentAt: null, nextAttemptAt: null });
    expect(toRespondent.exhaustedAt).not.toBeNull();
    expect(toApplicant.channels).toEqual(expect.arrayContaining(['in_app']));
    expect(toApplicant.exhaustedAt).toBeNull();
    const exhausted = (await get(admin, '/admin/services/exhausted?limit=100').expect(200)).body.items as { id: string }[];
    expect(exhausted.map((s) => s.id)).toContain(toRespondent.id);
    expect((await events(f.caseId)).find((e) => e.type === 'service_exhausted' && e.payload.serviceId === toRespondent.id)?.payload).toMatchObject({
      reason: 'no_electronic_channel',
    });
    // The staff serve it on paper, with who and why, which completes it.
    const paper = await post(admin, `/services/${toRespondent.id}/offline`, {
      reason: 'The respondent refused online handling',
      method: 'post',
      servedAt: new Date().toISOString(),
    }).expect(200);
    expect(paper.body.effectiveAt).not.toBeNull();
  }, 90_000);

  it('a respondent that consents to online handling is recorded so, and served electronically', async () => {
    const respondent = await signedInUser(t, { verified: true });
    const f = await offeredCase(respondent);
    await post(respondent, `/cases/${f.caseId}/respondent-consent`, { agree: true, consentOnline: true }).expect(200);
    expect((await parties(f.caseId)).find((p) => p.side === 'respondent')?.consentOnline).toBe(true);
    expect(await offlineSteps(f.caseId)).toEqual([]);
    expect((await events(f.caseId)).filter((e) => e.type === 'online_consent_recorded').map((e) => e.payload.consentOnline)).toEqual([true]);
    await terminate(f.mediator, f.caseId, f.respondentParty);
    const toRespondent = (await services(f.caseId)).find((s) => s.purpose === 'failure_report' && s.partyId === f.respondentParty)!;
    expect(toRespondent.channels.length).toBeGreaterThan(0);
    expect(toRespondent.exhaustedAt).toBeNull();
  }, 90_000);

  it('consent to e-service by conduct: a party with none on record reads the link sent to its address and answers online; a consent on record keeps its basis', async () => {
    const partyEmail = `conduct-${randomUUID().slice(0, 8)}@respondent.test`;
    const f = await offeredCase({ email: partyEmail });
    const [notice] = (await services(f.caseId)).filter((s) => s.partyId === f.respondentParty);
    expect(notice.addresses).toEqual([expect.objectContaining({ channel: 'email', address: partyEmail, confirmed: false })]);
    await eventually(async () => (smtp.to(partyEmail).length > 0 ? true : undefined), 15_000, 'the notice e-mail');
    const link = serviceLinkIn(smtp, partyEmail);
    await t.http.get(link).expect(200);
    // Reading alone is no answer: nothing is recorded yet.
    expect((await parties(f.caseId)).find((p) => p.side === 'respondent')).toMatchObject({ consentEService: null, eServiceBasis: null });
    const respondent = await signedInUser(t, { verified: true });
    await t.http.post(`${link}/claim`).set('Authorization', respondent.bearer).expect(200);
    await post(respondent, `/cases/${f.caseId}/respondent-consent`, { agree: true }).expect(200);

    expect((await parties(f.caseId)).find((p) => p.side === 'respondent')).toMatchObject({ consentEService: true, eServiceBasis: 'by_conduct', consentOnline: null });
    const consents = (await get(f.applicant, `/cases/${f.caseId}/e-service-consents`).expect(200)).body.items as { partyId: string }[];
    expect(consents.filter((c) => c.partyId === f.respondentParty)).toEqual([
      { partyId: f.respondentParty, channel: 'email', address: partyEmail, basis: 'by_conduct', givenAt: expect.any(String), serviceId: notice.id },
    ]);
    expect((await events(f.caseId, respondent)).find((e) => e.type === 'e_service_consent_recorded')).toMatchObject({
      actorId: respondent.user.id,
      payload: { partyId: f.respondentParty, basis: 'by_conduct', serviceId: notice.id, addresses: [{ channel: 'email', address: partyEmail }] },
    });
    // Consent by conduct does not confirm the address (F27): later services there still need reading.
    await terminate(f.mediator, f.caseId, f.respondentParty);
    const report = (await services(f.caseId)).find((s) => s.purpose === 'failure_report' && s.partyId === f.respondentParty)!;
    expect(report.addresses.filter((a) => a.channel === 'email').every((a) => !a.confirmed)).toBe(true);

    // A respondent whose consent is on record (agreed before the dispute) keeps that basis when it answers.
    const agreedBefore = await signedInUser(t, { verified: true });
    const g = await offeredCase(agreedBefore);
    await t.db.getRepository(CaseParty).update({ id: g.respondentParty }, { consentEService: true, eServiceBasis: 'prior_agreement' as never });
    await post(agreedBefore, `/cases/${g.caseId}/respondent-consent`, { agree: true }).expect(200);
    expect((await parties(g.caseId)).find((p) => p.side === 'respondent')?.eServiceBasis).toBe('prior_agreement');
    expect((await events(g.caseId)).some((e) => e.type === 'e_service_consent_recorded')).toBe(false);
  }, 90_000);

  it('the address-for-service form records consent per address with its basis', async () => {
    const respondent = await signedInUser(t, { verified: true });
    const f = await offeredCase(respondent);
    await t.http
      .put(`/api/v1/cases/${f.caseId}/address-for-service`)
      .set('Authorization', respondent.bearer)
      .send({ email: 'Service.Desk@Example.com', phone: '+8613911112222', consentEService: true })
      .expect(200);
    const consents = (await get(respondent, `/cases/${f.caseId}/e-service-consents`).expect(200)).body.items as {
      partyId: string;
      channel: string;
      address: string;
      basis: string;
    }[];
    expect(consents.filter((c) => c.partyId === f.respondentParty).map((c) => [c.channel, c.address, c.basis])).toEqual([
      ['email', 'service.desk@example.com', 'express'],
      ['sms', '+8613911112222', 'express'],
    ]);
    const outsider = await signedInUser(t);
    await get(outsider, `/cases/${f.caseId}/e-service-consents`).expect(404);
  }, 60_000);

  it('the mediator, the court or an administrator switches any step offline, with who and why, shown in the timeline; nobody else; bad input names the field', async () => {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const outsider = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id, MembershipRole.Member);
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: clerk.user.id,
      referringCourtId: court.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
    });
    const rows = await t.db.getRepository(CaseParty).find({ where: { caseId: c.id } });
    const applicantParty = rows.find((p) => p.side === PartySide.Applicant)!.id;
    const respondentParty = rows.find((p) => p.side === PartySide.Respondent)!.id;
    const at = `/cases/${c.id}/offline-steps`;
    const session = { step: 'session', reason: 'The respondent attends the next session in person at the court' };

    await post(applicant, at, session).expect(403);
    const refused = await post(respondent, at, session).expect(403);
    expect(refused.body.detail).toBe('You may not switch a step of this case to offline handling: only its mediator, the court and administrators may, until it is closed');
    await post(outsider, at, session).expect(404);
    const bad = await post(mediator, at, { step: 'teleport', reason: 'x' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['reason', 'step']);
    const notOurs = await post(mediator, at, { ...session, partyId: randomUUID() }).expect(400);
    expect(notOurs.body.errors).toEqual([expect.objectContaining({ field: 'partyId' })]);
    expect(await offlineSteps(c.id)).toEqual([]);

    const bySteps = [
      [mediator, session, 'mediator'],
      [clerk, { step: 'signature', partyId: respondentParty, reason: 'The respondent signs on paper at the court' }, 'referring_court'],
      [admin, { step: 'service', partyId: applicantParty, reason: 'The applicant asked to be served on paper' }, 'admin'],
    ] as const;
    for (const [who, body, role] of bySteps) {
      const made = await post(who, at, body).expect(201);
      expect(made.body).toMatchObject({ ...body, partyId: 'partyId' in body ? body.partyId : null, decidedBy: who.user.id, decidedRole: role });
    }
    expect((await offlineSteps(c.id, applicant)).map((s) => [s.step, s.decidedRole])).toEqual([
      ['session', 'mediator'],
      ['signature', 'referring_court'],
      ['service', 'admin'],
    ]);
    const switched = (await events(c.id, respondent)).filter((e) => e.type === 'step_switched_offline');
    expect(switched.map((e) => [e.actorRole, e.payload.step, e.payload.reason])).toEqual(bySteps.map(([, body, role]) => [role, body.step, body.reason]));

    // The applicant's service is offline now: the next document for it goes to the staff; the respondent's is sent.
    await terminate(mediator, c.id, respondentParty);
    const reports = (await services(c.id)).filter((s) => s.purpose === 'failure_report' && s.partyId !== null);
    expect(reports.find((s) => s.partyId === applicantParty)).toMatchObject({ channels: [], exhaustedAt: expect.any(String) });
    expect(reports.find((s) => s.partyId === respondentParty)?.channels.length).toBeGreaterThan(0);
    // Closed: nothing more is switched.
    const closed = await post(mediator, at, session);
    expect(closed.status).toBe(403);
  }, 90_000);

  it("a natural person's domicile counts in the court choice (rule D16): given in the application, it offers a court there", async () => {
    const applicant = await signedInUser(t);
    const region = `65${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const body = applicationBody(applicant.user.email, {
      respondents: [{ kind: 'person', name: '张三', email: `person-${randomUUID().slice(0, 6)}@test.accord`, domicileRegion: region }],
    });
    const bad = await post(applicant, '/cases', { ...body, respondents: [{ ...body.respondents[0], domicileRegion: '6501' }] }).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['respondents.0.domicileRegion']);
    const made = await post(applicant, '/cases', body).expect(201);
    expect((made.body.respondents as Party[])[0].domicileRegion).toBe(region);

    // A settled case between natural persons with nothing else placing it: the basic court at the respondent's domicile.
    const here = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `Domicile court ${region}`, region });
    await t.db.getRepository(Organisation).update({ id: here.id }, { courtLevel: CourtLevel.Basic });
    const s = await settledCase(t, { applicant, respondent: await signedInUser(t), mediator: await signedInUser(t, { roles: [GlobalRole.Mediator] }) });
    const options = async () => (await get(applicant, `/cases/${s.case.id}/confirmation/court-options`).expect(200)).body.items as { courtId: string; grounds: string[] }[];
    expect((await options()).some((o) => o.courtId === here.id)).toBe(false);
    await t.db.query(`UPDATE case_parties SET kind = 'person', domicile_region = $2 WHERE id = $1`, [s.respondentPartyId, region]);
    expect((await options()).find((o) => o.courtId === here.id)).toMatchObject({ grounds: ['party_domicile'] });
    await post(applicant, `/cases/${s.case.id}/confirmation-applications`, { courtId: here.id }).expect(201);
  }, 60_000);
});
