import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { caseInState, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/**
 * docs/procedural-rules.md A6: the first session of a pre-filing case opens only once every party
 * has confirmed an address for service (OMR 17). A5: a mediator of a dispute may not later act in
 * it as an agent (特邀 16).
 */
describe('before the first session, and no later role for a mediator (HTTP)', () => {
  let t: TestApp;
  let clerk: SignedIn;
  let courtId: string;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: `a5a6${randomUUID().slice(0, 6)}` } });
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    courtId = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
    await addMembership(t.db, clerk.user.id, courtId, MembershipRole.Member);
  });
  afterAll(async () => {
    await t?.close();
  });

  const as = (who: SignedIn) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', who.bearer).send(body),
  });

  /** A mediating 诉前委派 referral whose parties are verified and warned: only the addresses are left. */
  async function readyButForAddresses() {
    const applicant = await signedInUser(t, { verified: true, displayName: 'Applicant Wang' });
    const respondent = await signedInUser(t, { verified: true, displayName: 'Respondent Chen' });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true });
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: clerk.user.id,
      referringCourtId: courtId,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
    });
    for (const party of [applicant, respondent]) await as(party).post(`/cases/${c.id}/mediation/sham-mediation-warning/acknowledgement`).expect(200);
    // Scheduling is not held up: the invitation reaches the parties, who confirm before it opens.
    const session = await as(mediator)
      .post(`/cases/${c.id}/mediation/sessions`, { kind: 'joint', startsAt: inMinutes(20), durationMinutes: 60, meetingUrl: 'https://meet.example.com/j/a6' })
      .expect(201);
    return { c, applicant, respondent, mediator, start: `/cases/${c.id}/mediation/sessions/${session.body.id as string}/start` };
  }

  const confirmAddress = (caseId: string, party: SignedIn) => as(party).put(`/cases/${caseId}/address-for-service`, { email: party.user.email, consentEService: true }).expect(200);

  it('A6: the first session opens only once every party confirmed an address for service, naming who has not', async () => {
    const { c, applicant, respondent, mediator, start } = await readyButForAddresses();
    const refused = await as(mediator).post(start).expect(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toBe('urn:accord:problem:session-not-ready');
    expect(refused.body.detail).toBe(
      'The first session cannot start before every party has confirmed an address for service (OMR 17): Fixture Applicant (applicant); Fixture Respondent Ltd (respondent) has not',
    );
    expect(refused.body.missingAddressForService.map((p: { side: string }) => p.side)).toEqual(['applicant', 'respondent']);

    await confirmAddress(c.id, applicant);
    const still = await as(mediator).post(start).expect(409);
    expect(still.body.missingAddressForService).toEqual([{ partyId: expect.any(String), name: 'Fixture Respondent Ltd', side: 'respondent' }]);
    expect(
      (
        await as(mediator)
          .get(start.replace(/\/start$/, ''))
          .expect(200)
      ).body.status,
    ).toBe('scheduled');

    await confirmAddress(c.id, respondent);
    const started = await as(mediator).post(start).expect(200);
    expect(started.body.status).toBe('in_progress');
  });

  it('A6: the applicant’s own application with an e-service address and express consent is its form; a case after filing is not held up', async () => {
    const pre = await readyButForAddresses();
    await t.db.query(`UPDATE case_parties SET e_service_basis = 'express' WHERE case_id = $1 AND side = 'applicant'`, [pre.c.id]);
    const refused = await as(pre.mediator).post(pre.start).expect(409);
    expect(refused.body.missingAddressForService.map((p: { side: string }) => p.side)).toEqual(['respondent']);

    const post = await readyButForAddresses();
    await t.db.query(`UPDATE cases SET referral_type = 'post_filing_ordinary' WHERE id = $1`, [post.c.id]);
    await as(post.mediator).post(post.start).expect(200);
  });

  it('A5: the mediator of a dispute, now or before, cannot be authorised as an agent in it; a lawyer can', async () => {
    const applicant = await signedInUser(t, { verified: true });
    // Mediators who also hold a party account (lawyers register as parties).
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator, GlobalRole.Party], verified: true });
    const recused = await signedInUser(t, { roles: [GlobalRole.Mediator, GlobalRole.Party], verified: true });
    const lawyer = await signedInUser(t, { verified: true });
    const c = await caseInState(t, { status: CaseStatus.Mediating, createdBy: applicant.user.id, applicantUserId: applicant.user.id, mediatorId: mediator.user.id });
    // The mediator before this one accepted the case, then recused.
    await t.db.query(
      `INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, offered_at, due_at, answered_at) VALUES ($1, $2, 1, 'matcher', 'accepted', now(), now(), now())`,
      [c.id, recused.user.id],
    );
    const poa = await upload(t, applicant.bearer, c.id, { kind: 'power_of_attorney', filename: 'poa.pdf' }).expect(201);
    const agentsBefore = (await as(applicant).get(`/cases/${c.id}/agents`).expect(200)).body.items;

    const byEmail = await as(applicant).post(`/cases/${c.id}/agents`, { agentEmail: mediator.user.email, powerOfAttorneyDocumentId: poa.body.id }).expect(400);
    expect(byEmail.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(byEmail.body.errors).toEqual([{ field: 'agentEmail', rule: 'isNotFormerMediator', message: expect.stringContaining('特邀 16') }]);
    const byId = await as(applicant).post(`/cases/${c.id}/agents`, { agentUserId: recused.user.id, powerOfAttorneyDocumentId: poa.body.id }).expect(400);
    expect(byId.body.errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`)).toEqual(['agentUserId isNotFormerMediator']);
    expect((await as(applicant).get(`/cases/${c.id}/agents`).expect(200)).body.items).toEqual(agentsBefore);

    await as(applicant).post(`/cases/${c.id}/agents`, { agentEmail: lawyer.user.email, powerOfAttorneyDocumentId: poa.body.id }).expect(201);
    // In another dispute the same mediator may act as an agent.
    const other = await caseInState(t, { status: CaseStatus.Mediating, createdBy: applicant.user.id, applicantUserId: applicant.user.id });
    const otherPoa = await upload(t, applicant.bearer, other.id, { kind: 'power_of_attorney', filename: 'poa.pdf' }).expect(201);
    await as(applicant).post(`/cases/${other.id}/agents`, { agentEmail: mediator.user.email, powerOfAttorneyDocumentId: otherPoa.body.id }).expect(201);
  });
});
