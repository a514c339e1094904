import { GlobalRole } from '../src/auth/roles';
import { CaseEventLog } from '../src/cases/case-event-log.service';
import { Case } from '../src/cases/entities/case.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { caseInState } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
const OUTCOMES = ['fulfilled', 'defaulted', 'mediation_failed', 'withdrawn', 'rejected_at_intake', 'respondent_declined', 'open'] as const;
type Kind = (typeof OUTCOMES)[number];

describe('platform statistics over a generated data set', () => {
  let t: TestApp;
  let admin: SignedIn;
  let clerk: SignedIn;
  let otherClerk: SignedIn;
  // A window in the past that no other test writes into.
  const from = new Date('2025-03-01T00:00:00Z');
  const to = new Date('2025-07-01T00:00:00Z');
  const generated: { kind: Kind; confirmed: boolean; source: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const otherCourt = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    otherClerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id, MembershipRole.Member);
    await addMembership(t.db, otherClerk.user.id, otherCourt.id, MembershipRole.Member);
    const log = t.app.get(CaseEventLog);

    for (let i = 0; i < 63; i++) {
      const kind = OUTCOMES[i % OUTCOMES.length];
      const referred = i % 3 !== 0;
      const confirmed = (kind === 'fulfilled' || kind === 'defaulted') && i % 2 === 0;
      const c = await caseInState(t, {
        status: kind === 'open' ? CaseStatus.Mediating : CaseStatus.Closed,
        createdBy: admin.user.id,
        referringCourtId: referred ? court.id : null,
      });
      const submitted = new Date(from.getTime() + i * 3_600_000);
      const at = (days: number) => new Date(submitted.getTime() + days * DAY);
      const steps: [string, Date][] = [['submit', submitted]];
      if (kind !== 'rejected_at_intake') steps.push(['accept', at(1)]);
      if (!['rejected_at_intake', 'withdrawn'].includes(kind)) steps.push(['mediator_accept', at(3)]);
      if (!['rejected_at_intake', 'withdrawn', 'respondent_declined'].includes(kind)) steps.push(['start_mediation', at(5)]);
      if (kind === 'fulfilled' || kind === 'defaulted') steps.push(['agreement_effective', at(20)]);
      if (confirmed) steps.push(['confirm', at(25)]);
      await t.db.transaction(async (tx) => {
        for (const [type, when] of steps) await log.append(tx, c.id, 'sha256', { type, actorId: null, actorRole: 'system', payload: { generated: true } }, when);
      });
      await t.db.getRepository(Case).update({ id: c.id }, { submittedAt: submitted, outcome: kind === 'open' ? null : (kind as never), closedAt: kind === 'open' ? null : at(40) });
      generated.push({ kind, confirmed, source: referred ? 'court_referral' : 'online_application' });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The same figures, counted here from what was generated, not from the database. */
  function expected(rows: typeof generated) {
    const n = (k: Kind) => rows.filter((r) => r.kind === k).length;
    const settled = n('fulfilled') + n('defaulted');
    const closed: Record<string, number> = {};
    for (const r of rows) if (r.kind !== 'open') closed[r.kind] = (closed[r.kind] ?? 0) + 1;
    return {
      received: rows.length,
      accepted: rows.length - n('rejected_at_intake'),
      settled,
      confirmed: rows.filter((r) => r.confirmed).length,
      performed: n('fulfilled'),
      defaulted: n('defaulted'),
      successRate: Math.round((settled / rows.length) * 1000) / 1000,
      voluntaryPerformanceRate: Math.round((n('fulfilled') / settled) * 1000) / 1000,
      closed,
    };
  }

  it('match counts computed independently, for the platform and for one court', async () => {
    const q = `from=${from.toISOString()}&to=${to.toISOString()}`;
    const platform = (await t.http.get(`/api/v1/reports/statistics?${q}`).set('Authorization', admin.bearer).expect(200)).body;
    const all = expected(generated);
    expect(platform).toMatchObject({
      scope: 'platform',
      received: { total: all.received, bySource: { court_referral: 42, online_application: 21 }, byDisputeType: { trademark: 63 } },
      accepted: all.accepted,
      settled: all.settled,
      successRate: all.successRate,
      confirmed: all.confirmed,
      performed: all.performed,
      defaulted: all.defaulted,
      voluntaryPerformanceRate: all.voluntaryPerformanceRate,
      closedByOutcome: all.closed,
      medianDays: { submissionToAcceptance: 1, acceptanceToMediatorAccept: 2, mediationToAgreement: 15, agreementToConfirmation: 5 },
    });

    const ownCourt = (await t.http.get(`/api/v1/reports/statistics?${q}`).set('Authorization', clerk.bearer).expect(200)).body;
    const referred = expected(generated.filter((r) => r.source === 'court_referral'));
    expect(ownCourt).toMatchObject({
      scope: 'courts',
      received: { total: referred.received },
      settled: referred.settled,
      performed: referred.performed,
      closedByOutcome: referred.closed,
    });
    const otherCourt = (await t.http.get(`/api/v1/reports/statistics?${q}`).set('Authorization', otherClerk.bearer).expect(200)).body;
    expect(otherCourt).toMatchObject({ received: { total: 0 }, settled: 0, successRate: null });
  });

  it('exports CSV, and refuses parties and bad periods', async () => {
    const csv = await t.http.get(`/api/v1/reports/statistics?from=${from.toISOString()}&to=${to.toISOString()}&format=csv`).set('Authorization', admin.bearer).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('metric,value');
    expect(lines).toContain(`received.total,${generated.length}`);
    expect(lines).toContain(`performed,${expected(generated).performed}`);
    const party = await signedInUser(t);
    await t.http.get('/api/v1/reports/statistics').set('Authorization', party.bearer).expect(403);
    const bad = await t.http.get(`/api/v1/reports/statistics?from=2026-01-01&to=2025-01-01`).set('Authorization', admin.bearer).expect(400);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
