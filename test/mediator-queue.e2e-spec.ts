import { GlobalRole } from '../src/auth/roles';
import { referralBody } from './support/case-fixtures';
import { courtWithClerk, mediatorProfile, profiledMediator, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp, workerTestEnv } from './support/test-app';

/** The mediator's work queue (issue 19): what an offered mediator reads before answering, and its own availability. */
describe('the mediator’s work queue', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...workerTestEnv('mqueue') } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A court of its own keeps each scenario's mediators apart: its referrals reach only them. */
  async function courtWithMediators(count: number) {
    const court = await courtWithClerk(t);
    const mediators: SignedIn[] = [];
    for (let i = 0; i < count; i++) {
      mediators.push(await profiledMediator(t, admin, mediatorProfile([court.id], { technicalFields: ['G06F'], seniority: 3 - i })));
    }
    const refer = async () => {
      const referred = await t.http.post('/api/v1/referrals').set('Authorization', court.clerk.bearer).send(referralBody(court.clerk.user.email)).expect(201);
      await t.http.post(`/api/v1/cases/${referred.body.id}/transitions`).set('Authorization', admin.bearer).send({ event: 'accept', expectedVersion: 1 }).expect(200);
      return referred.body.id as string;
    };
    return { courtId: court.id, mediators, refer };
  }

  const queueOf = async (m: SignedIn) => (await t.http.get('/api/v1/assignment/queue').set('Authorization', m.bearer).expect(200)).body;

  it('an offer says why the mediator was chosen (never naming other mediators) and whom the case is between; an accepted case shows its type and next deadline', async () => {
    const { mediators, refer } = await courtWithMediators(2);
    const caseId = await refer();

    // The two are equally suited, so the matcher's tie-break (a hash of the case) picks one.
    const { best, runnerUp, offer } = await eventually(
      async () => {
        for (const [best, runnerUp] of [mediators, [...mediators].reverse()]) {
          const offer = (await queueOf(best)).offers.find((o: { caseId: string }) => o.caseId === caseId);
          if (offer) return { best, runnerUp, offer };
        }
        return undefined;
      },
      30_000,
      'the offer in a queue',
    );
    expect(offer).toMatchObject({
      caseId,
      disputeType: 'patent',
      round: 1,
      explanation: {
        source: 'matcher',
        track: expect.stringMatching(/^(fast|standard|complex)$/),
        filtersPassed: expect.arrayContaining(['dispute_type', 'language', 'no_conflict_of_interest']),
        reason: null,
      },
    });
    expect(offer.explanation.score).toBeGreaterThan(0);
    expect(offer.explanation.parts.map((p: { name: string }) => p.name)).toEqual(['expertise', 'workload', 'successRate', 'fairness']);
    for (const part of offer.explanation.parts) expect(part.value).toBeGreaterThanOrEqual(0);
    // The parties, for the conflict-of-interest disclosure.
    expect(offer.people).toEqual(
      expect.arrayContaining([
        { side: 'applicant', role: 'party', name: '杭州甲科技有限公司', organisation: null },
        { side: 'respondent', role: 'party', name: '深圳乙电子有限公司', organisation: null },
      ]),
    );
    // The runner-up and the stored ranking stay with the administrators.
    const raw = JSON.stringify(offer);
    expect(raw).not.toContain(runnerUp.user.id);
    expect(raw).not.toContain('runnersUp');
    expect(raw).not.toContain('tieBreak');

    // Another mediator's queue does not hold it.
    expect((await queueOf(runnerUp)).offers.map((o: { caseId: string }) => o.caseId)).not.toContain(caseId);

    await t.http.post(`/api/v1/cases/${caseId}/assignment/accept`).set('Authorization', best.bearer).send({ noConflict: true }).expect(200);
    const queue = await queueOf(best);
    expect(queue.offers.map((o: { caseId: string }) => o.caseId)).not.toContain(caseId);
    const mine = queue.cases.find((c: { caseId: string }) => c.caseId === caseId);
    expect(mine).toMatchObject({ caseId, status: 'awaiting_respondent', disputeType: 'patent', overdue: false });
    // Its next deadline is the earliest running one, and the queue says what it is for.
    const deadlines = (await t.http.get(`/api/v1/cases/${caseId}/deadlines`).set('Authorization', best.bearer).expect(200)).body.items as {
      kind: string;
      dueAt: string;
      state: string;
    }[];
    const soonest = deadlines.filter((d) => d.state === 'running').sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime())[0];
    expect(soonest).toBeDefined();
    expect({ kind: mine.nextDeadlineKind, at: new Date(mine.nextDeadline).toISOString() }).toEqual({ kind: soonest.kind, at: new Date(soonest.dueAt).toISOString() });
  }, 60_000);

  it('a mediator sets itself away until a date and back; the matcher passes it over meanwhile; a leave that ends in the past is refused', async () => {
    const { mediators, refer } = await courtWithMediators(2);
    const [away, other] = mediators;
    const until = new Date(Date.now() + 14 * 86_400_000).toISOString();

    const set = await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: true, onLeaveFrom: null, onLeaveUntil: until }).expect(200);
    expect(set.body).toMatchObject({ userId: away.user.id, active: true, onLeaveFrom: null });
    expect(new Date(set.body.onLeaveUntil).toISOString()).toBe(until);
    // The mediator reads its own profile back (dispute types, languages, seniority, capacity).
    const own = await t.http.get(`/api/v1/mediators/${away.user.id}/profile`).set('Authorization', away.bearer).expect(200);
    expect(own.body).toMatchObject({ disputeTypes: ['patent'], languages: ['zh-CN', 'en'], seniority: 3, capacity: 10 });
    expect(new Date(own.body.onLeaveUntil).toISOString()).toBe(until);

    // On leave, the best-ranked mediator is passed over.
    const caseId = await refer();
    const offered = await eventually(
      async () => ((await queueOf(other)).offers as { caseId: string }[]).find((o) => o.caseId === caseId),
      15_000,
      'the offer to the other mediator',
    );
    expect(offered).toBeDefined();
    expect((await queueOf(away)).offers).toEqual([]);

    // A leave already over, or one without an end, is refused beside its field, and changes nothing.
    const past = await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: true, onLeaveUntil: '2020-01-01' }).expect(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'onLeaveUntil', rule: 'isFuture' })]);
    const endless = await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: true, onLeaveFrom: '2030-01-01' }).expect(400);
    expect(endless.body.errors).toEqual([expect.objectContaining({ field: 'onLeaveUntil', rule: 'isNotEmpty' })]);
    const bad = await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: 'yes' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('active');
    const unchanged = await t.http.get(`/api/v1/mediators/${away.user.id}/profile`).set('Authorization', away.bearer).expect(200);
    expect(new Date(unchanged.body.onLeaveUntil).toISOString()).toBe(until);

    // Off with no date; then back.
    await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: false, onLeaveFrom: null, onLeaveUntil: null }).expect(200);
    const back = await t.http.put('/api/v1/mediators/me/availability').set('Authorization', away.bearer).send({ active: true, onLeaveFrom: null, onLeaveUntil: null }).expect(200);
    expect(back.body).toMatchObject({ active: true, onLeaveFrom: null, onLeaveUntil: null });

    // Only mediators have an availability; a party may not set one.
    const party = await signedInUser(t);
    await t.http.put('/api/v1/mediators/me/availability').set('Authorization', party.bearer).send({ active: false }).expect(403);
  }, 60_000);
});
