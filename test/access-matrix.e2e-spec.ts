import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { applicationBody, caseInState, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { confirmThroughCourt, settledCase } from './support/settled-case-fixture';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Every case endpoint, for every kind of person around a case. Someone who may not see a case
 * gets 404 from every endpoint, never its data. The matrix grows with each stage.
 */
describe('access matrix', () => {
  let t: TestApp;
  const who: Record<string, SignedIn> = {};
  let mediatingCaseId: string;
  let draftCaseId: string;
  let courtAId: string;
  const docs: Record<string, string> = {};

  const PEOPLE = ['applicant', 'respondent', 'agent', 'mediator', 'unrelatedParty', 'unrelatedMediator', 'referringCourt', 'otherCourt', 'admin'] as const;
  type Person = (typeof PEOPLE)[number];

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    for (const p of ['applicant', 'respondent', 'agent', 'unrelatedParty'] as const) who[p] = await signedInUser(t, { roles: [GlobalRole.Party] });
    for (const p of ['mediator', 'unrelatedMediator'] as const) who[p] = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    who.admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    const courtA = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const courtB = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    courtAId = courtA.id;
    who.referringCourt = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    who.otherCourt = await signedInUser(t, { roles: [GlobalRole.Judge] });
    await addMembership(t.db, who.referringCourt.user.id, courtA.id, MembershipRole.Member);
    await addMembership(t.db, who.otherCourt.user.id, courtB.id, MembershipRole.Member);

    const mediating = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: who.referringCourt.user.id,
      referringCourtId: courtA.id,
      applicantUserId: who.applicant.user.id,
      respondentUserId: who.respondent.user.id,
      respondentServed: true,
      agents: [{ userId: who.agent.user.id, side: PartySide.Applicant }],
      mediatorId: who.mediator.user.id,
    });
    mediatingCaseId = mediating.id;
    docs.evidence = (await upload(t, who.applicant.bearer, mediatingCaseId, { kind: 'evidence' }).expect(201)).body.id;
    docs.privateExhibit = (await upload(t, who.applicant.bearer, mediatingCaseId, { kind: 'other', visibility: 'own_side_and_mediator' }).expect(201)).body.id;
    docs.courtLetter = (await upload(t, who.referringCourt.bearer, mediatingCaseId, { kind: 'referral_letter' }).expect(201)).body.id;

    const draft = await t.http.post('/api/v1/cases').set('Authorization', who.applicant.bearer).send(applicationBody(who.applicant.user.email)).expect(201);
    draftCaseId = draft.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const SEES_MEDIATING: Person[] = ['applicant', 'respondent', 'agent', 'mediator', 'referringCourt', 'admin'];

  describe.each(PEOPLE)('%s', (person) => {
    const sees = SEES_MEDIATING.includes(person);
    const as = () => who[person].bearer;

    it(`${sees ? 'sees' : 'gets 404 for'} the mediating case on every read endpoint, and in lists accordingly`, async () => {
      const expected = sees ? 200 : 404;
      for (const path of ['', '/events', '/events/verification', '/documents', '/deadlines', '/services']) {
        const res = await t.http.get(`/api/v1/cases/${mediatingCaseId}${path}`).set('Authorization', as());
        expect([path, res.status]).toEqual([path, expected]);
        if (!sees) expect(JSON.stringify(res.body)).not.toContain('Fixture');
      }
      const listed = await t.http.get('/api/v1/cases?limit=100').set('Authorization', as()).expect(200);
      expect(listed.body.items.some((c: { id: string }) => c.id === mediatingCaseId)).toBe(sees);
      // Text search is scoped the same way: a party name finds the case only for those who see it.
      const searched = await t.http.get('/api/v1/cases?q=fixture%20respondent&limit=100').set('Authorization', as()).expect(200);
      expect(searched.body.items.some((c: { id: string }) => c.id === mediatingCaseId)).toBe(sees);
    });

    it('sees exactly the documents of its tier', async () => {
      const visible: Record<Person, string[]> = {
        applicant: ['evidence', 'privateExhibit', 'courtLetter'],
        agent: ['evidence', 'privateExhibit', 'courtLetter'],
        mediator: ['evidence', 'privateExhibit', 'courtLetter'],
        respondent: ['evidence', 'courtLetter'],
        referringCourt: ['courtLetter'],
        admin: ['evidence', 'courtLetter'],
        unrelatedParty: [],
        unrelatedMediator: [],
        otherCourt: [],
      };
      if (sees) {
        const listed = await t.http.get(`/api/v1/cases/${mediatingCaseId}/documents`).set('Authorization', as()).expect(200);
        const names = Object.entries(docs)
          .filter(([, id]) => listed.body.items.some((d: { id: string }) => d.id === id))
          .map(([n]) => n);
        expect(names.sort()).toEqual([...visible[person]].sort());
      }
      for (const [name, id] of Object.entries(docs)) {
        const allowed = visible[person].includes(name);
        await t.http
          .get(`/api/v1/documents/${id}`)
          .set('Authorization', as())
          .expect(allowed ? 200 : 404);
        const content = await t.http
          .get(`/api/v1/documents/${id}/content`)
          .set('Authorization', as())
          .expect(allowed ? 200 : 404);
        if (allowed) {
          expect(content.headers['content-disposition']).toMatch(/^attachment;/);
          expect(content.headers['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    });

    it('may upload only as a participant, and may edit the application only while it is a draft', async () => {
      const canUpload: Person[] = ['applicant', 'respondent', 'agent', 'mediator', 'referringCourt'];
      const res = await upload(t, as(), mediatingCaseId, person === 'referringCourt' ? { kind: 'other' } : { kind: 'other' });
      expect(res.status).toBe(canUpload.includes(person) ? 201 : sees ? 403 : 404);
      const edit = await t.http.put(`/api/v1/cases/${mediatingCaseId}/application`).set('Authorization', as()).send(applicationBody(who.applicant.user.email));
      expect(edit.status).toBe(sees ? 403 : 404);
    });

    it('sees an unsubmitted draft only as its applicant (or an administrator)', async () => {
      const sees = person === 'applicant' || person === 'admin';
      await t.http
        .get(`/api/v1/cases/${draftCaseId}`)
        .set('Authorization', as())
        .expect(sees ? 200 : 404);
      await t.http
        .get(`/api/v1/cases/${draftCaseId}/events`)
        .set('Authorization', as())
        .expect(sees ? 200 : 404);
      const edit = await t.http.put(`/api/v1/cases/${draftCaseId}/application`).set('Authorization', as()).send(applicationBody(who.applicant.user.email));
      expect(edit.status).toBe(person === 'applicant' ? 200 : sees ? 403 : 404);
    });
  });

  it('assignment endpoints: offers and queues for the right people only', async () => {
    for (const person of PEOPLE) {
      const offers = await t.http.get(`/api/v1/cases/${mediatingCaseId}/assignment/offers`).set('Authorization', who[person].bearer);
      expect([person, offers.status]).toEqual([person, person === 'admin' ? 200 : 403]);
      const queue = await t.http.get('/api/v1/assignment/queue').set('Authorization', who[person].bearer);
      expect([person, queue.status]).toEqual([person, ['mediator', 'unrelatedMediator'].includes(person) ? 200 : 403]);
      const unassigned = await t.http.get('/api/v1/admin/assignment/unassigned').set('Authorization', who[person].bearer);
      expect([person, unassigned.status]).toEqual([person, person === 'admin' ? 200 : 403]);
      // Recusal is for the assigned mediator; anyone else who sees the case is refused, others get 404.
      const recuse = await t.http.post(`/api/v1/cases/${draftCaseId}/assignment/recuse`).set('Authorization', who[person].bearer).send({ reason: 'x' });
      expect([person, recuse.status]).toEqual([person, ['mediator', 'unrelatedMediator'].includes(person) ? 404 : 403]);
    }
  });

  it('service endpoints: only a respondent answers the notice; only admins record an offline service', async () => {
    for (const person of PEOPLE) {
      // The case is mediating and the fixture respondent's identity is not verified: everyone who sees it is refused.
      const consent = await t.http.post(`/api/v1/cases/${mediatingCaseId}/respondent-consent`).set('Authorization', who[person].bearer).send({ agree: true });
      expect([person, consent.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 403 : 404]);
      const offline = await t.http.post(`/api/v1/services/${mediatingCaseId}/offline`).set('Authorization', who[person].bearer).send({ reason: 'paper', method: 'post' });
      expect([person, offline.status]).toEqual([person, person === 'admin' ? 404 : 403]);
    }
  });

  it('confirmation and performance endpoints: only parties apply, only court staff have a queue, nobody unseen learns anything', async () => {
    const PARTIES: Person[] = ['applicant', 'respondent', 'agent'];
    for (const person of PEOPLE) {
      const as = who[person].bearer;
      // The case is mediating: a party is refused for the state, anyone else who sees it for the role.
      const apply = await t.http.post(`/api/v1/cases/${mediatingCaseId}/confirmation-applications`).set('Authorization', as).send({ courtId: randomUUID() });
      expect([person, apply.status]).toEqual([person, PARTIES.includes(person) ? 409 : SEES_MEDIATING.includes(person) ? 403 : 404]);
      const fallback = await t.http.post(`/api/v1/cases/${mediatingCaseId}/performance/default`).set('Authorization', as).send({ reason: 'not paid' });
      expect([person, fallback.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 409 : 404]);
      // The lifecycle answers the state before the role: everyone who sees the case learns only that.
      const resume = await t.http.post(`/api/v1/cases/${mediatingCaseId}/confirmation/resume-mediation`).set('Authorization', as).send({});
      expect([person, resume.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 409 : 404]);
      const queue = await t.http.get('/api/v1/court/confirmation-queue').set('Authorization', as);
      expect([person, queue.status]).toEqual([person, ['referringCourt', 'otherCourt'].includes(person) ? 200 : 403]);
      for (const path of [`/api/v1/confirmation-applications/${randomUUID()}`, `/api/v1/confirmation-applications/${randomUUID()}/docket`]) {
        const res = path.endsWith('docket') ? await t.http.post(path).set('Authorization', as).send({}) : await t.http.get(path).set('Authorization', as);
        expect([person, path.split('/').pop(), res.status]).toEqual([person, path.split('/').pop(), 404]);
      }
    }
  });

  it('agreement endpoints: the draft for participants only, edited by the mediator only; signing needs a verified signer', async () => {
    await t.http.post(`/api/v1/cases/${mediatingCaseId}/agreement/draft`).set('Authorization', who.mediator.bearer).send({ language: 'en' }).expect(201);
    const participants: Person[] = ['applicant', 'respondent', 'agent', 'mediator'];
    for (const person of PEOPLE) {
      const expected = participants.includes(person) ? 200 : SEES_MEDIATING.includes(person) ? 403 : 404;
      const draft = await t.http.get(`/api/v1/cases/${mediatingCaseId}/agreement/draft`).set('Authorization', who[person].bearer);
      expect([person, draft.status]).toEqual([person, expected]);
      const edit = await t.http.put(`/api/v1/cases/${mediatingCaseId}/agreement/draft`).set('Authorization', who[person].bearer).send({ revision: 1, content: {} });
      expect([person, edit.status]).toEqual([person, person === 'mediator' ? 400 : SEES_MEDIATING.includes(person) ? 403 : 404]);
      const versions = await t.http.get(`/api/v1/cases/${mediatingCaseId}/agreement/versions`).set('Authorization', who[person].bearer);
      expect([person, versions.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 200 : 404]);
      // Nobody here has a verified identity: everyone who sees the case is refused.
      const code = await t.http
        .post(`/api/v1/cases/${mediatingCaseId}/agreement/signature-codes`)
        .set('Authorization', who[person].bearer)
        .send({ versionHash: 'a'.repeat(64), channel: 'email' });
      expect([person, code.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 403 : 404]);
    }
  });

  it('mediation room endpoints: the parties and the mediator, each side only its own caucus; never the court or an admin', async () => {
    const room = `/api/v1/cases/${mediatingCaseId}/mediation`;
    const channelsOf: Record<Person, string[] | 'forbidden' | 'hidden'> = {
      applicant: ['joint', 'caucus_applicant'],
      agent: ['joint', 'caucus_applicant'],
      respondent: ['joint', 'caucus_respondent'],
      mediator: ['joint', 'caucus_applicant', 'caucus_respondent'],
      referringCourt: 'forbidden',
      admin: 'forbidden',
      unrelatedParty: 'hidden',
      unrelatedMediator: 'hidden',
      otherCourt: 'hidden',
    };
    for (const person of PEOPLE) {
      const expected = channelsOf[person];
      const bearer = who[person].bearer;
      const channels = await t.http.get(`${room}/channels`).set('Authorization', bearer);
      expect([person, channels.status]).toEqual([person, expected === 'hidden' ? 404 : expected === 'forbidden' ? 403 : 200]);
      // The refusal says in words what was refused and who may (it used to read "You may not view confidential on this case").
      if (expected === 'forbidden') {
        expect([person, channels.body.detail]).toEqual([
          person,
          'You may not see the confidential mediation content of this case: it is for the parties, their agents and the mediator only',
        ]);
      }
      if (Array.isArray(expected)) expect([person, channels.body.items.map((c: { channel: string }) => c.channel)]).toEqual([person, expected]);
      for (const channel of ['joint', 'caucus_applicant', 'caucus_respondent']) {
        const list = await t.http.get(`${room}/channels/${channel}/messages`).set('Authorization', bearer);
        expect([person, channel, list.status]).toEqual([person, channel, expected === 'hidden' ? 404 : Array.isArray(expected) && expected.includes(channel) ? 200 : 403]);
      }
      const sessions = await t.http.get(`${room}/sessions`).set('Authorization', bearer);
      expect([person, sessions.status]).toEqual([person, expected === 'hidden' ? 404 : expected === 'forbidden' ? 403 : 200]);
      const schedule = await t.http
        .post(`${room}/sessions`)
        .set('Authorization', bearer)
        .send({ kind: 'joint', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 60, meetingUrl: 'https://meet.example.com/j/1' });
      expect([person, schedule.status]).toEqual([person, person === 'mediator' ? 201 : SEES_MEDIATING.includes(person) ? 403 : 404]);
      const ack = await t.http.post(`${room}/sham-mediation-warning/acknowledgement`).set('Authorization', bearer);
      expect([person, ack.status]).toEqual([person, ['applicant', 'agent', 'respondent'].includes(person) ? 200 : SEES_MEDIATING.includes(person) ? 403 : 404]);
    }
  });

  it('mediation content (offers, blind bids) for the parties, their agents and the mediator only; the period for everyone who sees the case', async () => {
    await t.http.post(`/api/v1/cases/${mediatingCaseId}/blind-bidding`).set('Authorization', who.mediator.bearer).send({ currency: 'CNY' }).expect(201);
    const PARTICIPANTS: Person[] = ['applicant', 'respondent', 'agent', 'mediator'];
    for (const person of PEOPLE) {
      const expected = PARTICIPANTS.includes(person) ? 200 : SEES_MEDIATING.includes(person) ? 403 : 404;
      for (const path of ['/offers', '/blind-bidding']) {
        const res = await t.http.get(`/api/v1/cases/${mediatingCaseId}${path}`).set('Authorization', who[person].bearer);
        expect([person, path, res.status]).toEqual([person, path, expected]);
      }
      const period = await t.http.get(`/api/v1/cases/${mediatingCaseId}/mediation-period`).set('Authorization', who[person].bearer);
      expect([person, period.status]).toEqual([person, SEES_MEDIATING.includes(person) ? 200 : 404]);
      // Only the mediator conducts the mediation.
      const pause = await t.http
        .post(`/api/v1/cases/${mediatingCaseId}/mediation-period/pause`)
        .set('Authorization', who[person].bearer)
        .send({ ground: 'appraisal', reason: 'Appraisal' });
      expect([person, pause.status]).toEqual([person, person === 'mediator' ? 409 : SEES_MEDIATING.includes(person) ? 403 : 404]);
    }
  });

  /**
   * Each person's status for one request, asked of the people in the order given: where an
   * allowed request changes the case, the refused people go first and the allowed one last.
   */
  async function statusOf(
    people: readonly string[],
    send: (bearer: string) => PromiseLike<{ status: number }>,
    bearers: Record<string, SignedIn> = who,
  ): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const person of people) out[person] = (await send(bearers[person].bearer)).status;
    return out;
  }
  const STRANGERS = { unrelatedParty: 404, unrelatedMediator: 404, otherCourt: 404 };

  it('feature permissions on a mediating case, each a policy action: agents, the address for service, offline steps, drafting, refusing to sign, recusal', async () => {
    const fresh = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: who.referringCourt.user.id,
      referringCourtId: courtAId,
      applicantUserId: who.applicant.user.id,
      respondentUserId: who.respondent.user.id,
      respondentServed: true,
      agents: [{ userId: who.agent.user.id, side: PartySide.Applicant }],
      mediatorId: who.mediator.user.id,
    });
    const at = (path: string) => `/api/v1/cases/${fresh.id}${path}`;

    // ManageAgents: a party in person (then the unknown agent account is the 400), never its agent.
    const authorise = (bearer: string) => t.http.post(at('/agents')).set('Authorization', bearer).send({ agentUserId: randomUUID(), powerOfAttorneyDocumentId: randomUUID() });
    expect(await statusOf(PEOPLE, authorise)).toEqual({ applicant: 400, respondent: 400, agent: 403, mediator: 403, referringCourt: 403, admin: 403, ...STRANGERS });
    expect((await authorise(who.agent.bearer)).body.detail).toBe('You may not authorise or remove an agent in this case: only a party may, for itself');

    // ConfirmServiceAddress: a party or its agent.
    const address = (bearer: string) => t.http.put(at('/address-for-service')).set('Authorization', bearer).send({ email: 'service@example.com', consentEService: true });
    expect(await statusOf(PEOPLE, address)).toEqual({ applicant: 200, respondent: 200, agent: 200, mediator: 403, referringCourt: 403, admin: 403, ...STRANGERS });

    // SwitchStepOffline: the mediator, the court and administrators (rule A1); everyone who sees the case reads the list.
    const offline = (bearer: string) => t.http.post(at('/offline-steps')).set('Authorization', bearer).send({ step: 'session', reason: 'held in person at the court' });
    expect(await statusOf(PEOPLE, offline)).toEqual({ applicant: 403, respondent: 403, agent: 403, mediator: 201, referringCourt: 201, admin: 201, ...STRANGERS });
    const steps = (bearer: string) => t.http.get(at('/offline-steps')).set('Authorization', bearer);
    expect(await statusOf(PEOPLE, steps)).toEqual({ applicant: 200, respondent: 200, agent: 200, mediator: 200, referringCourt: 200, admin: 200, ...STRANGERS });
    const consents = (bearer: string) => t.http.get(at('/e-service-consents')).set('Authorization', bearer);
    expect(await statusOf(PEOPLE, consents)).toEqual({ applicant: 200, respondent: 200, agent: 200, mediator: 200, referringCourt: 200, admin: 200, ...STRANGERS });

    // DraftAgreement: the mediator (then the lifecycle refuses a revision of a case being mediated).
    const revise = (bearer: string) => t.http.post(at('/agreement/revise')).set('Authorization', bearer).send({ reason: 'the amount changes' });
    expect(await statusOf(PEOPLE, revise)).toEqual({ applicant: 403, respondent: 403, agent: 403, mediator: 409, referringCourt: 403, admin: 403, ...STRANGERS });

    // SignAgreement before RefuseToSign: whoever signs learns first that nothing is being signed (the mediator's own refusal is agreements.e2e's).
    const refuse = (bearer: string) =>
      t.http
        .post(at('/agreement/refusals'))
        .set('Authorization', bearer)
        .send({ versionHash: 'a'.repeat(64), reason: 'The amount is too high' });
    expect(await statusOf(PEOPLE, refuse)).toEqual({ applicant: 409, respondent: 409, agent: 409, mediator: 409, referringCourt: 403, admin: 403, ...STRANGERS });

    // Recuse: the assigned mediator, last (it leaves the case); the route's role guard refuses every account that is no mediator at all.
    const recuse = (bearer: string) => t.http.post(at('/assignment/recuse')).set('Authorization', bearer).send({ reason: 'I acted for the respondent before' });
    expect(await statusOf([...PEOPLE.filter((p) => p !== 'mediator'), 'mediator'], recuse)).toEqual({
      applicant: 403,
      respondent: 403,
      agent: 403,
      mediator: 200,
      referringCourt: 403,
      admin: 403,
      unrelatedParty: 403,
      unrelatedMediator: 404,
      otherCourt: 403,
    });
  });

  it('feature permissions after a settlement, each a policy action: the attestation, reporting and answering performance, a default', async () => {
    const people = { ...who, judge: await signedInUser(t, { roles: [GlobalRole.Judge] }) };
    await addMembership(t.db, people.judge.user.id, courtAId, MembershipRole.Member);
    const everyone = [...PEOPLE, 'judge'] as const;
    const parties = { applicant: who.applicant, respondent: who.respondent, mediator: who.mediator, referringCourtId: courtAId };
    const s = await settledCase(t, parties);
    const at = (path: string) => `/api/v1/cases/${s.case.id}${path}`;
    // The mediating case's agent is nobody to this case.
    const OUTSIDERS = { ...STRANGERS, agent: 404 };

    // RequestAttestation: the parties and the mediator (then: not an international settlement).
    const attest = (bearer: string) => t.http.post(at('/attestation')).set('Authorization', bearer).send({});
    expect(await statusOf(everyone, attest, people)).toEqual({ applicant: 409, respondent: 409, mediator: 409, referringCourt: 403, judge: 403, admin: 403, ...OUTSIDERS });

    // ReportPerformance: a party, and of this obligation only its obligor (the respondent; then its proof is no document of the case).
    const [item] = (await t.http.get(at('/performance')).set('Authorization', who.applicant.bearer).expect(200)).body.items as { id: string }[];
    const report = (bearer: string) =>
      t.http
        .post(at(`/performance/items/${item.id}/report`))
        .set('Authorization', bearer)
        .send({ documentIds: [randomUUID()] });
    expect(await statusOf(everyone, report, people)).toEqual({ applicant: 403, respondent: 400, mediator: 403, referringCourt: 403, judge: 403, admin: 403, ...OUTSIDERS });
    expect((await report(who.mediator.bearer)).body.detail).toBe('You may not report performance in this case: only the obligated party or its agent may');

    // AnswerPerformanceReport: a party, and of this obligation only its beneficiary (the applicant, who confirms it, last).
    const confirm = (bearer: string) =>
      t.http
        .post(at(`/performance/items/${item.id}/confirm`))
        .set('Authorization', bearer)
        .send({});
    expect(await statusOf([...everyone.filter((p) => p !== 'applicant'), 'applicant'], confirm, people)).toEqual({
      applicant: 200,
      respondent: 403,
      mediator: 403,
      referringCourt: 403,
      judge: 403,
      admin: 403,
      ...OUTSIDERS,
    });

    // DeclareDefault: the state first (nothing overdue here); with obligations overdue, the mediator or the beneficiary's side, last.
    const fallback = (caseId: string) => (bearer: string) =>
      t.http.post(`/api/v1/cases/${caseId}/performance/default`).set('Authorization', bearer).send({ reason: 'Nothing was paid' });
    expect(await statusOf(everyone, fallback(s.case.id), people)).toEqual({
      applicant: 409,
      respondent: 409,
      mediator: 409,
      referringCourt: 409,
      judge: 409,
      admin: 409,
      ...OUTSIDERS,
    });
    const overdue = async () => (await settledCase(t, { ...parties, effectiveAt: new Date(Date.now() - 60 * 86_400_000) })).case.id;
    const refusedToDeclare = everyone.filter((p) => !['applicant', 'mediator'].includes(p));
    const first = await overdue();
    expect(await statusOf(refusedToDeclare, fallback(first), people)).toEqual({ respondent: 403, referringCourt: 403, judge: 403, admin: 403, ...OUTSIDERS });
    await fallback(first)(who.applicant.bearer).expect(200);
    await fallback(await overdue())(who.mediator.bearer).expect(200);
  });

  it('feature permissions of judicial confirmation, each a policy action: applying and consenting, the decision period, the ruling, supplements, withdrawal', async () => {
    const people = { ...who, judge: await signedInUser(t, { roles: [GlobalRole.Judge] }) };
    await addMembership(t.db, people.judge.user.id, courtAId, MembershipRole.Member);
    const s = await settledCase(t, { applicant: who.applicant, respondent: who.respondent, mediator: who.mediator, referringCourtId: courtAId });
    const post =
      (path: string, body: Record<string, unknown> = {}) =>
      (bearer: string) =>
        t.http.post(`/api/v1${path}`).set('Authorization', bearer).send(body);
    const OUTSIDERS = { ...STRANGERS, agent: 404 };
    // The refused first, then the one allowed person whose request changes the application.
    const lastly = (allowed: string) => [...[...PEOPLE, 'judge'].filter((p) => p !== allowed), allowed];

    // ApplyForConfirmation: a party or its agent. The applicant applies (to the referring court, the only one a referral goes to) after the refused.
    const applyFor = post(`/cases/${s.case.id}/confirmation-applications`, { courtId: courtAId });
    const refusedToApply = lastly('respondent').filter((p) => !['applicant', 'respondent'].includes(p));
    expect(await statusOf(refusedToApply, applyFor, people)).toEqual({ mediator: 403, referringCourt: 403, judge: 403, admin: 403, ...OUTSIDERS });
    const appId = (await applyFor(who.applicant.bearer).expect(201)).body.id as string;
    const application = (path: string, body: Record<string, unknown> = {}) => post(`/confirmation-applications/${appId}${path}`, body);

    // ... and consents to it. The court does not see it yet; the applicant consented when applying; the respondent's consent lodges it, last.
    expect(await statusOf(lastly('respondent'), application('/consents'), people)).toEqual({
      applicant: 409,
      respondent: 200,
      mediator: 403,
      referringCourt: 404,
      judge: 404,
      admin: 403,
      ...OUTSIDERS,
    });
    await application('/docket')(who.referringCourt.bearer).expect(200);

    // SummonParties: the confirming court's clerks and judges (then a summons without a place or a link is refused: nothing is served).
    const summon = application('/summonses', { attendAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(await statusOf([...PEOPLE, 'judge'], summon, people)).toEqual({
      applicant: 403,
      respondent: 403,
      mediator: 403,
      referringCourt: 400,
      judge: 400,
      admin: 403,
      ...OUTSIDERS,
    });
    expect((await summon(who.applicant.bearer)).body.detail).toBe('You may not summon the parties of this case to attend: only the clerks and judges of the confirming court may');

    // RuleOnConfirmation: a judge of the confirming court, not its clerk (the preview stores nothing).
    const preview = application('/ruling-preview', { outcome: 'confirmed' });
    expect(await statusOf([...PEOPLE, 'judge'], preview, people)).toEqual({
      applicant: 403,
      respondent: 403,
      mediator: 403,
      referringCourt: 403,
      judge: 200,
      admin: 403,
      ...OUTSIDERS,
    });
    expect((await preview(who.referringCourt.bearer)).body.detail).toBe('You may not rule on the confirmation of this case: only a judge of the confirming court may');

    // SupplementConfirmation: a party or its agent (then: the court asked for nothing of that id).
    const supplement = application(`/supplement-requests/${randomUUID()}/supplement`, { documentIds: [randomUUID()] });
    expect(await statusOf([...PEOPLE, 'judge'], supplement, people)).toEqual({
      applicant: 404,
      respondent: 404,
      mediator: 403,
      referringCourt: 403,
      judge: 403,
      admin: 403,
      ...OUTSIDERS,
    });

    // ExtendDecisionPeriod: a judge of the confirming court, last (it is recorded once).
    const extend = application('/decision-extension', { approvedBy: 'President Wang', reason: 'site inspection' });
    expect(await statusOf(lastly('judge'), extend, people)).toEqual({ applicant: 403, respondent: 403, mediator: 403, referringCourt: 403, judge: 200, admin: 403, ...OUTSIDERS });

    // WithdrawConfirmation: a party or its agent; the applicant withdraws, last.
    const withdraw = application('/withdraw', { reason: 'We settled it between us' });
    expect(
      await statusOf(
        lastly('applicant').filter((p) => p !== 'respondent'),
        withdraw,
        people,
      ),
    ).toEqual({
      applicant: 200,
      mediator: 403,
      referringCourt: 403,
      judge: 403,
      admin: 403,
      ...OUTSIDERS,
    });
  });

  it('objections to the ruling, each a policy action: a party or its agent objects as a party, someone who is nothing to the case as a third party, the confirming court reviews', async () => {
    const people = { ...who, judge: await signedInUser(t, { roles: [GlobalRole.Judge] }) };
    await addMembership(t.db, people.judge.user.id, courtAId, MembershipRole.Member);
    const s = await settledCase(t, { applicant: who.applicant, respondent: who.respondent, mediator: who.mediator, referringCourtId: courtAId });
    const { applicationId, docketNumber } = await confirmThroughCourt(t, s.case.id, {
      applicant: who.applicant,
      respondent: who.respondent,
      courtId: courtAId,
      clerk: who.referringCourt,
      judge: people.judge,
    });
    const post =
      (path: string, body: Record<string, unknown> = {}) =>
      (bearer: string) =>
        t.http.post(`/api/v1${path}`).set('Authorization', bearer).send(body);
    const OUTSIDERS = { ...STRANGERS, agent: 404 };

    // FileObjection: a party or its agent (then an objection for a party it does not act for is refused: nothing is filed).
    const asParty = post(`/confirmation-applications/${applicationId}/objections`, { text: 'The agreement was not voluntary.', partyId: randomUUID() });
    expect(await statusOf([...PEOPLE, 'judge'], asParty, people)).toEqual({
      applicant: 400,
      respondent: 400,
      mediator: 403,
      referringCourt: 403,
      judge: 403,
      admin: 403,
      ...OUTSIDERS,
    });

    // A third party: only someone who is nothing to the case (then a day of knowledge before the ruling is refused).
    const third = { docketNumber, interest: 'The goods handed over are mine.', text: 'The agreement disposes of goods that are not the respondent’s.' };
    const asThirdParty = post('/ruling-objections', { ...third, knewOn: '2001-01-01' });
    expect(await statusOf([...PEOPLE, 'judge'], asThirdParty, people)).toEqual({
      applicant: 403,
      respondent: 403,
      agent: 400,
      mediator: 403,
      unrelatedParty: 400,
      unrelatedMediator: 400,
      referringCourt: 403,
      otherCourt: 400,
      judge: 403,
      admin: 403,
    });

    // ReviewObjection: the confirming court's clerks and judges; the judge reviews, then the clerk finds it reviewed.
    // Today in the platform's time zone: the ruling's day is counted there, and from 16:00 UTC the UTC date is the day before it in Beijing.
    const knewOn = t.app.get(WorkingDayCalendar).localDate(t.app.get(Clock).now());
    const filed = (await post('/ruling-objections', { ...third, knewOn })(who.unrelatedParty.bearer).expect(201)).body.id as string;
    const review = post(`/ruling-objections/${filed}/review`, { decision: 'dismissed', note: 'No interest shown' });
    const order = [...PEOPLE.filter((p) => p !== 'referringCourt'), 'judge', 'referringCourt'];
    expect(await statusOf(order, review, people)).toEqual({ applicant: 403, respondent: 403, mediator: 403, admin: 403, judge: 200, referringCourt: 409, ...OUTSIDERS });
  });

  it('a respondent not yet served sees nothing of the case', async () => {
    const notServed = await caseInState(t, {
      status: CaseStatus.Assigning,
      createdBy: who.applicant.user.id,
      applicantUserId: who.applicant.user.id,
      respondentUserId: who.respondent.user.id,
      respondentServed: false,
    });
    await t.http.get(`/api/v1/cases/${notServed.id}`).set('Authorization', who.respondent.bearer).expect(404);
    await t.http.get(`/api/v1/cases/${notServed.id}`).set('Authorization', who.applicant.bearer).expect(200);
  });

  it("court systems (API keys): a key reads only its court's cases and only with read_cases; no person's token is a key, no key a person's token", async () => {
    const { referralNumber } = (await t.db.query(`SELECT referral_number AS "referralNumber" FROM cases WHERE id = $1`, [mediatingCaseId]))[0] as { referralNumber: string };
    const courtB = (await t.db.query(`SELECT organisation_id AS id FROM memberships WHERE user_id = $1`, [who.otherCourt.user.id]))[0] as { id: string };
    const issue = async (courtId: string, permissions: string[]): Promise<string> =>
      (
        await t.http
          .post('/api/v1/admin/court-systems/keys')
          .set('Authorization', who.admin.bearer)
          .send({ courtId, courtSystemName: 'matrix', label: permissions.join(' '), permissions })
          .expect(201)
      ).body.key as string;
    const readA = await issue(courtAId, ['read_cases']);
    const referA = await issue(courtAId, ['refer_cases', 'lodge_confirmation_decisions']);
    const readB = await issue(courtB.id, ['read_cases', 'refer_cases']);
    const path = `/api/v1/court-systems/cases/${encodeURIComponent(referralNumber)}`;
    const statuses = async (key: string) => [
      (await t.http.get(path).set('X-Api-Key', key)).status,
      (await t.http.get(`/api/v1/cases/${mediatingCaseId}`).set('Authorization', `Bearer ${key}`)).status,
    ];
    expect(await statuses(readA)).toEqual([200, 401]);
    expect(await statuses(referA)).toEqual([403, 401]);
    expect(await statuses(readB)).toEqual([404, 401]);
    for (const person of PEOPLE) {
      const res = await t.http.get(path).set('Authorization', who[person].bearer);
      expect([person, res.status]).toEqual([person, 401]);
    }
  });

  it('webhooks: only administrators see deliveries and subscribe for a court system; a key needs manage_webhooks for its own subscriptions', async () => {
    const everyoneSees = (path: string) => statusOf(PEOPLE, (bearer) => t.http.get(path).set('Authorization', bearer));
    const onlyAdmin = Object.fromEntries(PEOPLE.map((p) => [p, p === 'admin' ? 200 : 403]));
    expect(await everyoneSees('/api/v1/admin/webhooks/deliveries')).toEqual(onlyAdmin);
    expect(await everyoneSees('/api/v1/admin/webhooks/subscriptions')).toEqual(onlyAdmin);
    const replay = `/api/v1/admin/webhooks/deliveries/${randomUUID()}/replay`;
    expect(await statusOf(PEOPLE, (bearer) => t.http.post(replay).set('Authorization', bearer))).toEqual({ ...onlyAdmin, admin: 404 });

    const issue = async (permissions: string[]): Promise<string> =>
      (
        await t.http
          .post('/api/v1/admin/court-systems/keys')
          .set('Authorization', who.admin.bearer)
          .send({ courtId: courtAId, courtSystemName: 'matrix hooks', label: permissions.join(' '), permissions })
          .expect(201)
      ).body.key as string;
    const manage = await issue(['manage_webhooks']);
    const others = await issue(['refer_cases', 'read_cases', 'lodge_confirmation_decisions']);
    expect((await t.http.get('/api/v1/court-systems/webhooks').set('X-Api-Key', manage)).status).toBe(200);
    expect((await t.http.get('/api/v1/court-systems/webhooks').set('X-Api-Key', others)).status).toBe(403);
    for (const person of PEOPLE) {
      const res = await t.http.get('/api/v1/court-systems/webhooks').set('Authorization', who[person].bearer);
      expect([person, res.status]).toEqual([person, 401]);
    }
  });
});
