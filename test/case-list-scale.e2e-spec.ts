import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows PostgreSQL read from `cases` while running the plan: kept or filtered out, by every scan of it. */
function casesRowsRead(node: PlanNode): number {
  const own = node['Relation Name'] === 'cases' ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + casesRowsRead(child), 0);
}

/**
 * The case list of someone named in a few cases among many (found by `npm run bench queues`:
 * a mediator's first page took seconds with a million cases, PostgreSQL walking every case
 * newest first). It must read those few cases, not all of them, and still list exactly them.
 */
describe('case list at scale', () => {
  let t: TestApp;
  let mediator: SignedIn;
  const own: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const applicant = await signedInUser(t, { roles: [GlobalRole.Party] });
    // The mediator's cases are the oldest: walking newest first would meet them last.
    for (let i = 0; i < 3; i++) {
      const c = await caseInState(t, { status: CaseStatus.Mediating, createdBy: applicant.user.id, mediatorId: mediator.user.id });
      await t.db.query(`UPDATE cases SET created_at = now() - interval '10 years' + $2 * interval '1 day' WHERE id = $1`, [c.id, i]);
      own.unshift(c.id);
    }
    const offered = await caseInState(t, { status: CaseStatus.Assigning, createdBy: applicant.user.id });
    await t.db.query(`UPDATE cases SET created_at = now() - interval '11 years' WHERE id = $1`, [offered.id]);
    await t.db.query(`INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at) VALUES ($1, $2, 1, 'manual', 'pending', now() + interval '1 day')`, [
      offered.id,
      mediator.user.id,
    ]);
    own.push(offered.id);
    await t.db.query(
      `INSERT INTO cases (number, status, source, title, dispute_type, created_by)
       SELECT 'ACC-SCALE-' || g || '-' || substr(md5(random()::text), 1, 6), 'mediating', 'online_application', 'Someone else''s case', 'patent', $1
         FROM generate_series(1, 5000) g`,
      [applicant.user.id],
    );
    await t.db.query('ANALYZE cases, case_parties, case_agents, assignment_offers');
  });

  afterAll(() => t.close());

  it("a mediator's list reads the mediator's cases, not every case, and lists exactly them", async () => {
    const queries: [string, unknown[]][] = [];
    const spy = jest.spyOn(t.db.logger, 'logQuery').mockImplementation((query, parameters) => {
      queries.push([query, (parameters as unknown[] | undefined) ?? []]);
    });
    let listed: string[];
    try {
      const first = await t.http.get('/api/v1/cases?limit=2').set('Authorization', mediator.bearer).expect(200);
      const second = await t.http.get(`/api/v1/cases?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', mediator.bearer).expect(200);
      listed = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(second.body.nextCursor).toBeNull();
    } finally {
      spy.mockRestore();
    }
    expect(listed).toEqual(own);

    const [sql, parameters] = queries.find(([q]) => q.includes('FROM "cases" "c"'))!;
    const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    // The old plan read all 5,000 others (and then some) before it found a page.
    expect(casesRowsRead(plan[0].Plan)).toBeLessThan(50);
  });
});
