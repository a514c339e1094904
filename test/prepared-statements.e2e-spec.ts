import { GlobalRole } from '../src/auth/roles';
import { runPrepared } from '../src/common/database/prepared-statement';
import { signedInUser } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The hot path's prepared statements (authentication, the access check) run on the caller's
 * connection: inside a transaction they see what it wrote and nothing else does; the person a
 * request reads is the person as of now.
 */
describe('prepared statements of the hot path', () => {
  let t: TestApp;
  const ROLES_OF = { name: 'test.roles-of', text: 'SELECT roles FROM users WHERE id = $1' };

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
  });
  afterAll(() => t.close());

  it('a statement in a transaction sees its uncommitted write; one outside it does not, until the commit', async () => {
    const person = await signedInUser(t, { roles: [GlobalRole.Party] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside: unknown;
    const transaction = t.db.transaction(async (tx) => {
      await tx.query(`UPDATE users SET roles = ARRAY['party', 'mediator'] WHERE id = $1`, [person.user.id]);
      inside = (await runPrepared<{ roles: string[] }>(tx, ROLES_OF, [person.user.id]))[0].roles;
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(inside).toEqual(['party', 'mediator']);
    expect((await runPrepared<{ roles: string[] }>(t.db.manager, ROLES_OF, [person.user.id]))[0].roles).toEqual(['party']);
    release();
    await transaction;
    expect((await runPrepared<{ roles: string[] }>(t.db.manager, ROLES_OF, [person.user.id]))[0].roles).toEqual(['party', 'mediator']);
  });

  it('authentication reads the person and memberships afresh on every request: a new membership shows at once, a disabled account is refused at once', async () => {
    const person = await signedInUser(t, { roles: [GlobalRole.Party] });
    const me = await t.http.get('/api/v1/me').set('Authorization', person.bearer).expect(200);
    expect(me.body).toMatchObject({ id: person.user.id, roles: ['party'], memberships: [] });
    const [org] = (await t.db.query(`INSERT INTO organisations (kind, name) VALUES ('company', 'Prepared Ltd') RETURNING id`)) as { id: string }[];
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, 'admin')`, [person.user.id, org.id]);
    const after = await t.http.get('/api/v1/me').set('Authorization', person.bearer).expect(200);
    expect(after.body.memberships).toEqual([{ organisationId: org.id, role: 'admin' }]);
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [person.user.id]);
    await t.http.get('/api/v1/me').set('Authorization', person.bearer).expect(401);
  });
});
