import { GlobalRole } from '../src/auth/roles';
import { ACTIVE_ADMINS_SQL } from '../src/notifications/active-admins';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Every submit and every exhausted service reads the active administrators (the intake desk).
 * Written as `'admin' = ANY(roles)` it could not use the GIN index on users.roles: a sequential
 * scan of every user (47 ms at 105,000 users, issue 24). With 20,000 people, a few of them
 * administrators, PostgreSQL must find them through users_roles_idx.
 */
describe('reading the administrators at scale', () => {
  let t: TestApp;
  let admin: SignedIn;
  const SEEDED_ADMINS = 5;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    await t.db.query(
      `INSERT INTO users (email, display_name, roles)
       SELECT 'scale-' || g || '@accord.test', 'Person ' || g,
              CASE WHEN g % 4000 = 0 THEN ARRAY['admin'] WHEN g % 10 = 0 THEN ARRAY['mediator'] ELSE ARRAY['party'] END
         FROM generate_series(1, 20000) g`,
    );
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE email = 'scale-20000@accord.test'`);
    await t.db.query('ANALYZE users');
  });

  afterAll(() => t.close());

  it('finds them through the GIN index on roles, not by reading every user', async () => {
    const [{ 'QUERY PLAN': plan }] = (await t.db.query(`EXPLAIN (FORMAT JSON) ${ACTIVE_ADMINS_SQL}`)) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
    const nodes = nodesOf(plan[0].Plan);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'users')).toEqual([]);
    expect(nodes).toContainEqual(expect.objectContaining({ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'users_roles_idx' }));
  });

  it('still finds exactly the active administrators', async () => {
    const rows = (await t.db.query(ACTIVE_ADMINS_SQL)) as { id: string }[];
    const expected = (await t.db.query(`SELECT id FROM users WHERE status = 'active' AND 'admin' = ANY(roles)`)) as { id: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    // The signed-in one and the seeded ones, less the disabled one.
    expect(rows).toHaveLength(1 + SEEDED_ADMINS - 1);
    expect(rows.map((r) => r.id)).toContain(admin.user.id);
  });

  it("the people list's role filter lists the administrators among them", async () => {
    const res = await t.http.get('/api/v1/users?role=admin&limit=100').set('Authorization', admin.bearer).expect(200);
    const emails = (res.body.items as { email: string; roles: string[] }[]).map((u) => u.email);
    expect(emails).toHaveLength(1 + SEEDED_ADMINS);
    expect(emails).toEqual(expect.arrayContaining(['scale-4000@accord.test', 'scale-20000@accord.test', admin.user.email]));
    expect((res.body.items as { roles: string[] }[]).every((u) => u.roles.includes('admin'))).toBe(true);
  });
});
