import { GlobalRole } from '../src/auth/roles';
import { UNPUSHED_SQL } from '../src/notifications/push-in-app.job';
import { signedInUser } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The in-app push job asks which of its notifications were already pushed. During a burst the
 * table of deliveries grows far past what its statistics say; written as an anti-join, the query
 * then read every in-app delivery once per notification (issue 24). Here the statistics are taken
 * while the table is small and the table then grows to 20,000 deliveries: the query must still
 * read no more than a row per notification asked about.
 */
describe('which in-app notifications are still to push, at scale', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
  });
  afterAll(async () => {
    await t.db.query('ALTER TABLE notification_deliveries RESET (autovacuum_enabled)');
    await t.close();
  });

  it('looks each notification up instead of reading every delivery, however stale the statistics', async () => {
    const person = await signedInUser(t, { roles: [GlobalRole.Party] });
    const notify = async (count: number): Promise<string[]> =>
      (
        (await t.db.query(
          `INSERT INTO notifications (user_id, template, data, language, channels)
           SELECT $1, 'submit', '{}'::jsonb, 'zh-CN', ARRAY['in_app'] FROM generate_series(1, $2) RETURNING id`,
          [person.user.id, count],
        )) as { id: string }[]
      ).map((r) => r.id);
    await t.db.query('ALTER TABLE notification_deliveries SET (autovacuum_enabled = false)');
    await t.db.query('ANALYZE notification_deliveries');
    const pushedBefore = await notify(20_000);
    await t.db.query(
      `INSERT INTO notification_deliveries (notification_id, channel, address, attempt, status, finished_at)
       SELECT id, 'in_app', $1, 1, 'delivered', now() FROM unnest($2::uuid[]) AS id`,
      [person.user.id, pushedBefore],
    );
    const asked = [...(await notify(95)), ...pushedBefore.slice(0, 5)];

    const [{ 'QUERY PLAN': plan }] = (await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${UNPUSHED_SQL}`, [asked])) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
    const readFromDeliveries = nodesOf(plan[0].Plan)
      .filter((n) => n['Relation Name'] === 'notification_deliveries')
      .reduce((rows, n) => rows + n['Actual Rows'] * n['Actual Loops'], 0);
    expect(readFromDeliveries).toBeLessThanOrEqual(asked.length);

    const unpushed = (await t.db.query(UNPUSHED_SQL, [asked])) as { id: string }[];
    expect(unpushed).toHaveLength(95);
    expect(unpushed.map((n) => n.id)).not.toEqual(expect.arrayContaining([pushedBefore[0]]));
  });
});
