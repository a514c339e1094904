import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { applicationBody, referralBody, upload } from './support/case-fixtures';
import { addMembership, createOrganisation, mediatorProfile, profiledMediator, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The dashboard's figures for cases that went through the API into various states (issue 20):
 * the expected numbers are counted from what this test did, and each person sees only their
 * scope — a court its own cases, a mediator their own, a party nothing.
 */
describe('statistics of cases seeded through the API, by scope', () => {
  let t: TestApp;
  let admin: SignedIn;
  const from = new Date(Date.now() - 1000);
  let to: Date;
  const courts: Record<'a' | 'b', { id: string; clerk: SignedIn }> = {} as never;
  let mediator: SignedIn;
  // What this test did to each case it made, by court ('a', 'b', or null for an online application).
  const made: { court: 'a' | 'b' | null; disputeType: string; accepted: boolean; rejected: boolean; mediated: boolean }[] = [];

  const trademark = {
    disputeType: 'trademark',
    ipRights: [{ kind: 'trademark', number: '12345678', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: 'JIA', classes: ['9'] }],
  };

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    for (const key of ['a', 'b'] as const) {
      const org = await createOrganisation(t.db, { kind: OrganisationKind.Court });
      const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
      await addMembership(t.db, clerk.user.id, org.id, MembershipRole.Member);
      courts[key] = { id: org.id, clerk };
    }
    mediator = await profiledMediator(t, admin, mediatorProfile([courts.a.id], { disputeTypes: ['patent', 'trademark'] }));

    const transition = (id: string, body: Record<string, unknown>) => t.http.post(`/api/v1/cases/${id}/transitions`).set('Authorization', admin.bearer).send(body).expect(200);
    // Court A refers five: three patent, two trademark; intake accepts four and rejects one; the mediator takes two.
    const planA = [
      { overrides: {}, fate: 'mediated' },
      { overrides: trademark, fate: 'mediated' },
      { overrides: {}, fate: 'accepted' },
      { overrides: trademark, fate: 'accepted' },
      { overrides: {}, fate: 'rejected' },
    ] as const;
    for (const { overrides, fate } of planA) {
      const referred = await t.http.post('/api/v1/referrals').set('Authorization', courts.a.clerk.bearer).send(referralBody(courts.a.clerk.user.email, overrides)).expect(201);
      const id = referred.body.id as string;
      if (fate === 'rejected') await transition(id, { event: 'reject', expectedVersion: 1, reason: 'Not an IP dispute' });
      else await transition(id, { event: 'accept', expectedVersion: 1 });
      if (fate === 'mediated') {
        await t.http.post(`/api/v1/cases/${id}/assignment/manual`).set('Authorization', admin.bearer).send({ mediatorId: mediator.user.id, reason: 'Statistics test' }).expect(200);
        await t.http.post(`/api/v1/cases/${id}/assignment/accept`).set('Authorization', mediator.bearer).send({ noConflict: true }).expect(200);
      }
      made.push({
        court: 'a',
        disputeType: (overrides as { disputeType?: string }).disputeType ?? 'patent',
        accepted: fate !== 'rejected',
        rejected: fate === 'rejected',
        mediated: fate === 'mediated',
      });
    }
    // Court B refers one, accepted.
    const b = await t.http.post('/api/v1/referrals').set('Authorization', courts.b.clerk.bearer).send(referralBody(courts.b.clerk.user.email)).expect(201);
    await transition(b.body.id, { event: 'accept', expectedVersion: 1 });
    made.push({ court: 'b', disputeType: 'patent', accepted: true, rejected: false, mediated: false });
    // An online application, submitted and left at intake: no court's.
    const applicant = await signedInUser(t);
    const filed = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    await upload(t, applicant.bearer, filed.body.id).expect(201);
    await t.http
      .post(`/api/v1/cases/${filed.body.id}/transitions`)
      .set('Authorization', applicant.bearer)
      .send({ event: 'submit', expectedVersion: filed.body.version })
      .expect(200);
    made.push({ court: null, disputeType: 'patent', accepted: false, rejected: false, mediated: false });
    to = new Date(Date.now() + 60_000);
  });
  afterAll(async () => {
    await t?.close();
  });

  const period = () => `from=${from.toISOString()}&to=${to.toISOString()}`;
  const stats = (who: SignedIn, extra = '') => t.http.get(`/api/v1/reports/statistics?${period()}${extra}`).set('Authorization', who.bearer);

  /** The figures, counted from `made`. */
  function expected(rows: typeof made) {
    const byDisputeType: Record<string, number> = {};
    for (const r of rows) byDisputeType[r.disputeType] = (byDisputeType[r.disputeType] ?? 0) + 1;
    const rejected = rows.filter((r) => r.rejected).length;
    return {
      received: { total: rows.length, bySource: rows.length ? { court_referral: rows.length } : {}, byDisputeType },
      accepted: rows.filter((r) => r.accepted).length,
      settled: 0,
      successRate: rows.length ? 0 : null,
      performed: 0,
      voluntaryPerformanceRate: null,
      closedByOutcome: rejected ? { rejected_at_intake: rejected } : {},
    };
  }

  it('counts a court’s cases the same for its clerk and for an administrator who picks that court', async () => {
    const courtA = expected(made.filter((r) => r.court === 'a'));
    const clerk = (await stats(courts.a.clerk).expect(200)).body;
    expect(clerk).toMatchObject({ scope: 'courts', ...courtA });
    expect(clerk.received).toEqual(courtA.received);
    expect(clerk.closedByOutcome).toEqual(courtA.closedByOutcome);
    const picked = (await stats(admin, `&courtId=${courts.a.id}`).expect(200)).body;
    expect(picked).toMatchObject({ scope: 'courts', ...courtA });
    // The court's mediators' workload: the two cases the mediator took.
    expect(clerk.mediators).toEqual([expect.objectContaining({ mediatorId: mediator.user.id, openCases: 2 })]);

    const courtB = (await stats(courts.b.clerk).expect(200)).body;
    expect(courtB).toMatchObject({ scope: 'courts', ...expected(made.filter((r) => r.court === 'b')) });
    expect(courtB.mediators).toEqual([]);
  });

  it('counts for the platform everything the test made (and maybe more, from other tests)', async () => {
    const platform = (await stats(admin).expect(200)).body;
    expect(platform.scope).toBe('platform');
    expect(platform.received.total).toBeGreaterThanOrEqual(made.length);
    expect(platform.received.bySource.online_application).toBeGreaterThanOrEqual(made.filter((r) => r.court === null).length);
  });

  it('gives a mediator only their own cases', async () => {
    const own = (await stats(mediator).expect(200)).body;
    expect(own).toMatchObject({ scope: 'mediator', ...expected(made.filter((r) => r.mediated)) });
    expect(own.mediators.map((m: { mediatorId: string }) => m.mediatorId)).toEqual([mediator.user.id]);
  });

  it('refuses another court’s figures to court staff, everything to a party, and a court id that is not one', async () => {
    await stats(courts.a.clerk, `&courtId=${courts.b.id}`).expect(403);
    const party = await signedInUser(t);
    const refused = await stats(party).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const bad = await stats(admin, '&courtId=court-a').expect(400);
    expect(bad.body.errors[0].field).toBe('courtId');
  });
});
