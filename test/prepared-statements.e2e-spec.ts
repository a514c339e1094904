import { GlobalRole } from '../src/auth/roles';
import { hydrate } from '../src/common/database/hydrate';
import { runPrepared } from '../src/common/database/prepared-statement';
import { CaseAgent } from '../src/cases/entities/case-agent.entity';
import { Case } from '../src/cases/entities/case.entity';
import { CaseParty, PartySide } from '../src/cases/entities/case-party.entity';
import { IpRight } from '../src/cases/entities/ip-right.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { CaseDocument } from '../src/documents/document.entity';
import { applicationBody, caseInState, upload } from './support/case-fixtures';
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

  it('an entity read by fixed SQL (to_jsonb or SELECT *) is the entity TypeORM reads: dates as dates, transformed columns transformed, hidden columns left out', async () => {
    const applicant = await signedInUser(t, { roles: [GlobalRole.Party] });
    const filed = await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201);
    const caseId = filed.body.id as string;
    await upload(t, applicant.bearer, caseId).expect(201);
    await t.db.query(`UPDATE case_parties SET address_confirmed_at = now() WHERE case_id = $1`, [caseId]);
    const agent = await signedInUser(t, { roles: [GlobalRole.Party] });
    const withAgent = await caseInState(t, { status: CaseStatus.Draft, createdBy: applicant.user.id, agents: [{ userId: agent.user.id, side: PartySide.Applicant }] });

    const same = async <T extends object>(target: new () => T, table: string, where: string, id: string) => {
      const typeorm = await t.db.getRepository(target).find({ where: { [where === 'id' ? 'id' : 'caseId']: id } as never });
      const asJson = (await t.db.query(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE ${where === 'id' ? 'id' : 'case_id'} = $1`, [id])) as { row: Record<string, unknown> }[];
      const asColumns = (await t.db.query(`SELECT * FROM ${table} WHERE ${where === 'id' ? 'id' : 'case_id'} = $1`, [id])) as Record<string, unknown>[];
      expect(typeorm.length).toBeGreaterThan(0);
      const byId = (rows: T[]) => [...rows].sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
      expect(byId(asJson.map((r) => hydrate(t.db, target, r.row)))).toEqual(byId(typeorm));
      expect(byId(asColumns.map((r) => hydrate(t.db, target, r)))).toEqual(byId(typeorm));
    };
    await same(Case, 'cases', 'id', caseId);
    await same(CaseParty, 'case_parties', 'case_id', caseId);
    await same(IpRight, 'ip_rights', 'case_id', caseId);
    await same(CaseDocument, 'documents', 'case_id', caseId);
    await same(CaseAgent, 'case_agents', 'case_id', withAgent.id);

    const [row] = (await t.db.query(`SELECT to_jsonb(c) AS row FROM cases c WHERE id = $1`, [caseId])) as { row: Record<string, unknown> }[];
    const c = hydrate(t.db, Case, row.row);
    expect(c.createdAt).toBeInstanceOf(Date);
    expect(c.submittedAt).toBeNull();
    expect(c.searchText).toBeUndefined();
    const [doc] = (await t.db.query(`SELECT to_jsonb(d) AS row FROM documents d WHERE case_id = $1`, [caseId])) as { row: Record<string, unknown> }[];
    expect(typeof hydrate(t.db, CaseDocument, doc.row).size).toBe('number');
  });
});
