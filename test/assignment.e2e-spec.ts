import { AssignmentOffer } from '../src/assignment/assignment-offer.entity';
import { MediatorProfileRecord } from '../src/assignment/mediator-profile.entity';
import { GlobalRole } from '../src/auth/roles';
import { Case } from '../src/cases/entities/case.entity';
import { DeadlineJobs } from '../src/deadlines/deadline.jobs';
import type { DeadlineJob } from '../src/deadlines/deadlines.service';
import { WorkingDayCalendar } from '../src/infrastructure/calendar/working-day-calendar';
import { Clock } from '../src/infrastructure/clock/clock';
import { JobName } from '../src/infrastructure/queue/queue-names';
import { Notification } from '../src/notifications/notification.entity';
import type { Job } from 'bullmq';
import { referralBody } from './support/case-fixtures';
import { courtWithClerk, createOrganisation, mediatorProfile, profiledMediator, signedInUser, type SignedIn } from './support/factories';
import { jobsSettled } from './support/settled';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('smart case assignment', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ...workerTestEnv('assign'),
      },
    });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(async () => {
    await t?.close();
  });

  const court = () => courtWithClerk(t);
  const mediator = (courtId: string, profile: Record<string, unknown>): Promise<SignedIn> => profiledMediator(t, admin, mediatorProfile([courtId], profile));

  async function referAndAccept(c: { id: string; clerk: SignedIn }, overrides: Record<string, unknown> = {}): Promise<string> {
    const referred = await t.http.post('/api/v1/referrals').set('Authorization', c.clerk.bearer).send(referralBody(c.clerk.user.email, overrides)).expect(201);
    await t.http.post(`/api/v1/cases/${referred.body.id}/transitions`).set('Authorization', admin.bearer).send({ event: 'accept', expectedVersion: 1 }).expect(200);
    return referred.body.id;
  }

  const offers = async (caseId: string) =>
    (await t.http.get(`/api/v1/cases/${caseId}/assignment/offers`).set('Authorization', admin.bearer).expect(200)).body.items as {
      mediatorId: string;
      status: string;
      round: number;
      source: string;
      explanation: { chosen?: { score?: number } };
    }[];
  const pendingOffer = (caseId: string, round: number) =>
    eventually(async () => (await offers(caseId)).find((o) => o.round === round && o.status === 'pending'), 15_000, `offer round ${round}`);

  it('offers the best eligible mediator, then the next on a decline and on a timeout, until one accepts', async () => {
    const c = await court();
    const group = await createOrganisation(t.db, { name: 'Yi Holdings' });
    const respondentCo = await createOrganisation(t.db, { name: 'Yi Electronics', parentId: group.id });
    const best = await mediator(c.id, { technicalFields: ['G06F'] });
    const second = await mediator(c.id, { technicalFields: ['G06Q'], seniority: 2 });
    const third = await mediator(c.id, { seniority: 2 });
    await t.db.getRepository(MediatorProfileRecord).update({ userId: third.user.id }, { openCases: 5 });
    // Would rank first, but works for the respondent's parent company (docs/procedural-rules.md A5).
    const conflicted = await mediator(c.id, {
      technicalFields: ['G06F'],
      organisationRelationships: [{ organisationId: group.id, kind: 'client', name: 'Yi Holdings' }],
    });
    const trademarkOnly = await mediator(c.id, { disputeTypes: ['trademark'] });

    const caseId = await referAndAccept(c, {
      respondents: [{ kind: 'organisation', name: 'Yi Electronics', legalRepresentative: 'Li Qiang', email: 'legal@yi.test', organisationId: respondentCo.id }],
    });

    // 1. The best eligible mediator; the explanation is there for administrators.
    const first = await pendingOffer(caseId, 1);
    expect(first).toMatchObject({ mediatorId: best.user.id, source: 'matcher' });
    expect(first.explanation.chosen?.score).toBeGreaterThan(0);
    const ids = (await offers(caseId)).map((o) => o.mediatorId);
    expect(ids).not.toContain(conflicted.user.id);
    expect(ids).not.toContain(trademarkOnly.user.id);
    // The offered mediator sees the case; another mediator does not.
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', best.bearer).expect(200);
    await t.http.get(`/api/v1/cases/${caseId}`).set('Authorization', second.bearer).expect(404);
    await t.http.get(`/api/v1/cases/${caseId}/assignment/offers`).set('Authorization', best.bearer).expect(403);
    const queue = await t.http.get('/api/v1/assignment/queue').set('Authorization', best.bearer).expect(200);
    expect(queue.body.offers.map((o: { caseId: string }) => o.caseId)).toContain(caseId);

    // 2. A decline, with a reason: the next one.
    const declined = await t.http.post(`/api/v1/cases/${caseId}/assignment/decline`).set('Authorization', best.bearer).send({ reason: 'travelling' }).expect(200);
    // Declining ends the mediator's access to the case: the case view it answers holds the id only.
    expect(declined.body).toEqual({ id: caseId });
    expect((await pendingOffer(caseId, 2)).mediatorId).toBe(second.user.id);
    // Having declined, the mediator no longer sees the case at all.
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', best.bearer).send({ noConflict: true }).expect(404);

    // 3. Silence for more than 3 working days: the next one.
    t.app.get(Clock).advance(6 * DAY);
    const third3 = await pendingOffer(caseId, 3);
    expect(third3.mediatorId).toBe(third.user.id);
    expect((await offers(caseId)).find((o) => o.round === 2)?.status).toBe('expired');

    // 4. Acceptance with the disclosure: the case moves on with its mediator.
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', third.bearer).send({ noConflict: false }).expect(400);
    const accepted = await t.http
      .post(`/api/v1/cases/${caseId}/assignment/accept`)
      .set('Authorization', third.bearer)
      .send({ noConflict: true, statement: 'No links to either side' })
      .expect(200);
    // The answer is the case view the acceptance produced, as for every change of a case.
    expect(accepted.body).toMatchObject({ id: caseId, status: 'awaiting_respondent', mediatorId: third.user.id });
    const assigned = await t.db.getRepository(Case).findOneByOrFail({ id: caseId });
    expect(assigned).toMatchObject({ status: 'awaiting_respondent', mediatorId: third.user.id });
    expect((await t.db.getRepository(MediatorProfileRecord).findOneByOrFail({ userId: third.user.id })).openCases).toBe(6);
    const events = await t.http.get(`/api/v1/cases/${caseId}/events`).set('Authorization', third.bearer).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case_referred',
      'accept',
      'offer_to_mediator',
      'mediator_decline',
      'offer_to_mediator',
      // The parties' joint-nomination window (2 working days) ends before the offer (3) lapses: rule A4.
      'nomination_window_closed',
      'offer_expired',
      'offer_to_mediator',
      'mediator_accept',
      // The notice of mediation, generated and served on the respondent (src/service-of-process).
      'document_added',
      'service_sent',
    ]);
  }, 60_000);

  it('flags a case with no eligible mediator for manual assignment and tells the administrators', async () => {
    const c = await court();
    const caseId = await referAndAccept(c);
    await eventually(async () => ((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).needsManualAssignment ? true : undefined), 15_000, 'the flag');
    const queue = await t.http.get('/api/v1/admin/assignment/unassigned').set('Authorization', admin.bearer).expect(200);
    expect(queue.body.items.find((q: { caseId: string }) => q.caseId === caseId)).toMatchObject({ needsManualAssignment: true, offersMade: 0 });
    await eventually(
      async () => (await t.db.getRepository(Notification).findOne({ where: { userId: admin.user.id, caseId, template: 'flag_for_manual_assignment' as never } })) ?? undefined,
      15_000,
      'the administrators to be told',
    );

    // The administrator assigns by hand, with a reason.
    const chosen = await mediator(c.id, { disputeTypes: ['trademark'] });
    await t.http
      .post(`/api/v1/cases/${caseId}/assignment/manual`)
      .set('Authorization', admin.bearer)
      .send({ mediatorId: chosen.user.id, reason: 'Knows this industry' })
      .expect(200);
    expect((await pendingOffer(caseId, 1)).source).toBe('manual');
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).needsManualAssignment).toBe(false);
  }, 60_000);

  it('a party sees the nomination window, the mediators it may name for this kind of dispute and whether both sides agree', async () => {
    const c = await court();
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const named = await mediator(c.id, { seniority: 2 });
    const trademarkOnly = await mediator(c.id, { disputeTypes: ['trademark'] });
    const caseId = await referAndAccept(c, {
      applicant: { ...referralBody(applicant.user.email).applicant, email: applicant.user.email },
      respondents: [{ kind: 'organisation', name: 'Respondent Co', legalRepresentative: 'Wang Wu', email: respondent.user.email }],
    });
    const state = (who: SignedIn) => t.http.get(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', who.bearer);

    const before = (await state(applicant).expect(200)).body;
    expect(before).toMatchObject({ open: true, myNomination: null, otherSideNominated: false, agreed: false });
    expect(new Date(before.windowEndsAt).getTime()).toBeGreaterThan(Date.now());
    expect(before.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ userId: named.user.id, displayName: named.user.displayName, seniority: 2 })]));
    expect(before.candidates.map((m: { userId: string }) => m.userId)).not.toContain(trademarkOnly.user.id);
    await state(await signedInUser(t)).expect(404);

    await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', applicant.bearer).send({ mediatorId: named.user.id }).expect(201);
    expect((await state(applicant).expect(200)).body).toMatchObject({ myNomination: named.user.id, otherSideNominated: false, agreed: false });
    expect((await state(respondent).expect(200)).body).toMatchObject({ myNomination: null, otherSideNominated: true, agreed: false });
    await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', respondent.bearer).send({ mediatorId: named.user.id }).expect(201);
    expect((await state(applicant).expect(200)).body).toMatchObject({ myNomination: named.user.id, otherSideNominated: true, agreed: true });
  }, 60_000);

  it('a joint nomination by both parties wins over the automatic choice', async () => {
    const c = await court();
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    const automatic = await mediator(c.id, { technicalFields: ['G06F'] });
    const nominated = await mediator(c.id, { seniority: 2 });
    const caseId = await referAndAccept(c, {
      applicant: { ...referralBody(applicant.user.email).applicant, email: applicant.user.email },
      respondents: [{ kind: 'organisation', name: 'Respondent Co', legalRepresentative: 'Wang Wu', email: respondent.user.email }],
    });
    expect((await pendingOffer(caseId, 1)).mediatorId).toBe(automatic.user.id);

    const one = await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', applicant.bearer).send({ mediatorId: nominated.user.id }).expect(201);
    expect(one.body).toEqual({ agreed: false });
    const outsider = await signedInUser(t);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', outsider.bearer).send({ mediatorId: nominated.user.id }).expect(404);
    const both = await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', respondent.bearer).send({ mediatorId: nominated.user.id }).expect(201);
    expect(both.body).toEqual({ agreed: true });

    const all = await t.db.getRepository(AssignmentOffer).find({ where: { caseId }, order: { round: 'ASC' } });
    expect(all.map((o) => [o.mediatorId, o.status, o.source])).toEqual([
      [automatic.user.id, 'withdrawn', 'matcher'],
      [nominated.user.id, 'pending', 'joint_nomination'],
    ]);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', nominated.bearer).send({ noConflict: true }).expect(200);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).mediatorId).toBe(nominated.user.id);
  }, 60_000);

  it('a nomination after the window is refused; profiles are for administrators to edit', async () => {
    const c = await court();
    const applicant = await signedInUser(t);
    const m = await mediator(c.id, {});
    const caseId = await referAndAccept(c, { applicant: { ...referralBody(applicant.user.email).applicant, email: applicant.user.email } });
    await pendingOffer(caseId, 1);
    t.app.get(Clock).advance(5 * DAY);
    const late = await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', applicant.bearer).send({ mediatorId: m.user.id });
    expect(late.status).toBe(409);
    await t.http.put(`/api/v1/mediators/${m.user.id}/profile`).set('Authorization', m.bearer).send({}).expect(403);
    const bad = await t.http
      .put(`/api/v1/mediators/${m.user.id}/profile`)
      .set('Authorization', admin.bearer)
      .send({ active: true, seniority: 7, languages: ['chinese'] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['seniority', 'languages', 'disputeTypes']));
  }, 60_000);

  interface DeadlineRow {
    id: string;
    kind: string;
    dueAt: string;
    state: string;
  }
  const deadline = (caseId: string, kind: string, state = 'running'): Promise<DeadlineRow> =>
    eventually(
      async () =>
        ((await t.http.get(`/api/v1/cases/${caseId}/deadlines`).set('Authorization', admin.bearer).expect(200)).body.items as DeadlineRow[]).find(
          (d) => d.kind === kind && d.state === state,
        ),
      15_000,
      `the ${kind} deadline ${state}`,
    );
  const due = (d: DeadlineRow): number => new Date(d.dueAt).getTime();
  /** The test clock moved to an instant (the deadline sweep fires what is due by then). */
  const clockAt = (at: number): void => t.app.get(Clock).advance(at - t.app.get(Clock).nowMs());
  /** The deadline's reminder job, run now rather than at 09:00 the working day before its last day. */
  const remind = (d: DeadlineRow) => t.app.get(DeadlineJobs).remind({ data: { deadlineId: d.id, dueAt: d.dueAt } } as Job<DeadlineJob>);
  const notified = async (userId: string, caseId: string, template: string) => t.db.getRepository(Notification).find({ where: { userId, caseId, template: template as never } });
  const eventTypes = async (caseId: string): Promise<string[]> =>
    ((await t.http.get(`/api/v1/cases/${caseId}/events`).set('Authorization', admin.bearer).expect(200)).body.items as { type: string }[]).map((e) => e.type);

  it('the joint-nomination window is a deadline: the parties are reminded, nominate on its last day, not the day after, when designation starts', async () => {
    const c = await court();
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t);
    await mediator(c.id, {});
    const named = await mediator(c.id, { seniority: 2 });
    const caseId = await referAndAccept(c, {
      applicant: { ...referralBody(applicant.user.email).applicant, email: applicant.user.email },
      respondents: [{ kind: 'organisation', name: 'Respondent Co', legalRepresentative: 'Wang Wu', email: respondent.user.email }],
    });
    await pendingOffer(caseId, 1);
    const window = await deadline(caseId, 'joint_nomination');
    const state = (who: SignedIn) => t.http.get(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', who.bearer).expect(200);
    expect((await state(applicant)).body.windowEndsAt).toBe(window.dueAt);

    // The reminder goes to the parties who must act (respondents once served; not yet, before the mediator accepts).
    expect(await remind(window)).toEqual({ reminded: 1 });
    expect((await notified(applicant.user.id, caseId, 'deadline_reminder'))[0]?.data).toMatchObject({ deadlineKind: 'joint_nomination', dueAt: window.dueAt });

    // The last hour of the last day: still open.
    clockAt(due(window) - HOUR);
    expect((await state(respondent)).body.open).toBe(true);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', applicant.bearer).send({ mediatorId: named.user.id }).expect(201);

    // The next day: closed, and the platform's designation period runs from the window's last day.
    clockAt(due(window) + HOUR);
    const late = await t.http.post(`/api/v1/cases/${caseId}/assignment/nominations`).set('Authorization', respondent.bearer).send({ mediatorId: named.user.id });
    expect(late.status).toBe(409);
    expect((await state(respondent)).body.open).toBe(false);
    await deadline(caseId, 'joint_nomination', 'fired');
    const designation = await deadline(caseId, 'designation');
    expect(due(designation)).toBe(
      t.app
        .get(WorkingDayCalendar)
        .computeDueAt(new Date(due(window) - 1), { days: 3, unit: 'working' })
        .getTime(),
    );
    expect(await eventTypes(caseId)).toContain('nomination_window_closed');
    // The automatic offer stands: the applicant's lone nomination changed nothing.
    expect((await offers(caseId)).map((o) => [o.round, o.status, o.source])).toEqual([[1, 'pending', 'matcher']]);
  }, 60_000);

  it('the designation period: nothing happens on its last day; the day after, administrators are told and the case is flagged', async () => {
    const c = await court();
    const mediators = [await mediator(c.id, { technicalFields: ['G06F'] }), await mediator(c.id, {})];
    const caseId = await referAndAccept(c);
    const first = await pendingOffer(caseId, 1);
    clockAt(due(await deadline(caseId, 'joint_nomination')) + HOUR);
    const designation = await deadline(caseId, 'designation');

    // The administrators, who must find a mediator, are reminded.
    expect((await remind(designation)) as { reminded: number }).toMatchObject({ reminded: expect.any(Number) });
    expect((await notified(admin.user.id, caseId, 'deadline_reminder'))[0]?.data).toMatchObject({ deadlineKind: 'designation' });

    // The last hour of its last day: the first mediator let the offer lapse, the next one has it, and nothing is flagged.
    clockAt(due(designation) - HOUR);
    const second = await pendingOffer(caseId, 2);
    expect(second.mediatorId).not.toBe(first.mediatorId);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).needsManualAssignment).toBe(false);
    expect(await notified(admin.user.id, caseId, 'designation_expired')).toEqual([]);

    // The next day, still no mediator: flagged where administrators see flagged cases, and they are told.
    clockAt(due(designation) + HOUR);
    await eventually(async () => ((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).needsManualAssignment ? true : undefined), 15_000, 'the flag');
    await eventually(async () => (await notified(admin.user.id, caseId, 'designation_expired'))[0], 15_000, 'the administrators to be told');
    const queue = await t.http.get('/api/v1/admin/assignment/unassigned').set('Authorization', admin.bearer).expect(200);
    expect(queue.body.items.find((q: { caseId: string }) => q.caseId === caseId)).toMatchObject({ needsManualAssignment: true, offersMade: 2 });
    expect(await eventTypes(caseId)).toContain('designation_expired');
    await deadline(caseId, 'designation', 'fired');

    // The pending offer stays open: its acceptance ends the matter and clears the flag.
    const accepting = mediators.find((m) => m.user.id === second.mediatorId)!;
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', accepting.bearer).send({ noConflict: true }).expect(200);
    expect((await t.db.getRepository(Case).findOneByOrFail({ id: caseId })).needsManualAssignment).toBe(false);
  }, 60_000);

  it('a mediator who recuses is replaced by the next candidate; an administrator can reassign to a named mediator', async () => {
    const c = await court();
    // Distinct expertise (the case's fields are G06F and H02J), so the ranking never falls to the tie-break hash.
    const first = await mediator(c.id, { technicalFields: ['G06F', 'H02J'] });
    const next = await mediator(c.id, { technicalFields: ['H02J'] });
    const named = await mediator(c.id, { seniority: 2 });
    const caseId = await referAndAccept(c);
    expect((await pendingOffer(caseId, 1)).mediatorId).toBe(first.user.id);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', first.bearer).send({ noConflict: true }).expect(200);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/recuse`).set('Authorization', next.bearer).send({ reason: 'not mine' }).expect(404);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/recuse`).set('Authorization', first.bearer).send({ reason: 'I advised the respondent in 2023' }).expect(200);
    expect((await pendingOffer(caseId, 2)).mediatorId).toBe(next.user.id);
    expect((await t.db.getRepository(MediatorProfileRecord).findOneByOrFail({ userId: first.user.id })).openCases).toBe(0);
    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', next.bearer).send({ noConflict: true }).expect(200);

    await t.http.post(`/api/v1/cases/${caseId}/assignment/reassign`).set('Authorization', admin.bearer).send({ reason: 'Workload', mediatorId: named.user.id }).expect(200);
    const round3 = await pendingOffer(caseId, 3);
    expect(round3).toMatchObject({ mediatorId: named.user.id, source: 'manual' });
    const row = await t.db.getRepository(Case).findOneByOrFail({ id: caseId });
    expect(row).toMatchObject({ status: 'assigning', mediatorId: null });
    // The queued offer job found the named mediator's offer and left it alone.
    expect(await jobsSettled(t, JobName.OfferCase, { caseId })).toBeGreaterThan(0);
    expect((await offers(caseId)).filter((o) => o.status === 'pending')).toHaveLength(1);
  }, 60_000);
});
