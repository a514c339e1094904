import { randomUUID } from 'node:crypto';
import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { applicationBody, referralBody } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { binary, pdfText } from './support/pdf-text';
import { goodRow, sheet, type Row } from './support/referral-sheets';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * An organisation's legal representative (法定代表人, docs/procedural-rules.md C13): applications,
 * referrals, the spreadsheet import and a court system's batch take it, refuse an organisation
 * without one (naming the field) and a person with one; the agreement template and its PDF name it.
 */
describe('legal representatives of organisation parties (HTTP)', () => {
  let t: TestApp;
  let filer: SignedIn;
  let clerk: SignedIn;
  let admin: SignedIn;
  let courtId: string;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false, env: { QUEUE_PREFIX: `legalrep${randomUUID().slice(0, 6)}` } });
    filer = await signedInUser(t, { verified: true });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    courtId = (await createOrganisation(t.db, { kind: OrganisationKind.Court })).id;
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, courtId, MembershipRole.Member);
  });
  afterAll(async () => {
    await t?.close();
  });

  const casesCount = async (): Promise<number> => Number(((await t.db.query(`SELECT count(*) AS n FROM cases`)) as { n: string }[])[0].n);
  const fieldsOf = (body: { errors: { field: string; rule: string }[] }) => body.errors.map((e) => `${e.field} ${e.rule}`);
  /** The fixture's application with these legal representatives (undefined leaves the field out). */
  const filing = (applicantRep: string | undefined, respondentRep: string | undefined, over: Record<string, unknown> = {}) => {
    const body = applicationBody(filer.user.email, over) as { applicant: Record<string, unknown>; respondents: Record<string, unknown>[] };
    body.applicant = { ...body.applicant, legalRepresentative: applicantRep };
    body.respondents = body.respondents.map((r) => ({ ...r, legalRepresentative: respondentRep }));
    return body;
  };

  it('refuses an organisation filing without its legal representative, naming the field, and a person with one; nothing is created', async () => {
    const before = await casesCount();
    const missing = await t.http.post('/api/v1/cases').set('Authorization', filer.bearer).send(filing(undefined, '  ')).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(missing.body)).toEqual(['applicant.legalRepresentative isNotEmpty', 'respondents.0.legalRepresentative isNotEmpty']);
    expect(missing.body.detail).toContain('legal representative (法定代表人)');

    const person = filing(undefined, '李强');
    person.applicant = { ...person.applicant, kind: 'person', name: '王小明', legalRepresentative: '王大明' };
    const personRefused = await t.http.post('/api/v1/cases').set('Authorization', filer.bearer).send(person).expect(400);
    expect(fieldsOf(personRefused.body)).toEqual(['applicant.legalRepresentative isEmpty']);
    expect(await casesCount()).toBe(before);

    // Editing a draft is checked alike, and the refused edit changes nothing.
    const created = await t.http.post('/api/v1/cases').set('Authorization', filer.bearer).send(filing('张伟', '李强')).expect(201);
    expect(created.body.applicants[0]).toMatchObject({ kind: 'organisation', legalRepresentative: '张伟' });
    expect(created.body.respondents[0]).toMatchObject({ kind: 'organisation', legalRepresentative: '李强' });
    const edit = await t.http
      .put(`/api/v1/cases/${created.body.id}/application`)
      .set('Authorization', filer.bearer)
      .send({ ...filing('张伟', undefined), expectedVersion: created.body.version })
      .expect(400);
    expect(fieldsOf(edit.body)).toEqual(['respondents.0.legalRepresentative isNotEmpty']);
    const view = await t.http.get(`/api/v1/cases/${created.body.id}`).set('Authorization', filer.bearer).expect(200);
    expect(view.body.version).toBe(created.body.version);
    expect(view.body.respondents[0].legalRepresentative).toBe('李强');
  });

  it('fills the agreement template with it: the draft saves at once and its PDF names both representatives', async () => {
    const created = await t.http.post('/api/v1/cases').set('Authorization', filer.bearer).send(filing('Zhang Wei', 'Li Qiang')).expect(201);
    const caseId = created.body.id as string;
    // Intake, assignment and service are other tests' business: the case is put in mediation directly.
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true });
    const respondent = await signedInUser(t, { verified: true });
    await t.db.query(`UPDATE cases SET status = 'mediating', mediator_id = $2, respondent_access_from = now() WHERE id = $1`, [caseId, mediator.user.id]);
    await t.db.query(`UPDATE case_parties SET user_id = $2 WHERE case_id = $1 AND side = 'respondent'`, [caseId, respondent.user.id]);

    const draft = await t.http.post(`/api/v1/cases/${caseId}/agreement/draft`).set('Authorization', mediator.bearer).send({ language: 'en' }).expect(201);
    const content = draft.body.content as { parties: { kind: string; legalRepresentative?: string; idNumber: string }[]; [key: string]: unknown };
    expect(content.parties.map((p) => p.legalRepresentative)).toEqual(['Zhang Wei', 'Li Qiang']);
    // What only the mediator can fill; the legal representatives are not among the problems.
    expect((draft.body.problems as { field: string }[]).map((p) => p.field).filter((f) => f.includes('legalRepresentative'))).toEqual([]);
    content.parties[1].idNumber = '91440300MA5XXXXXX2';
    content.result = 'The respondent stops selling the infringing chargers and pays CNY 50,000.00.';
    content.performance = {
      obligations: [{ id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '50000.00', currency: 'CNY', due: { daysAfterEffective: 10 } }],
    };
    content.confirmsOwnership = false;
    const saved = await t.http.put(`/api/v1/cases/${caseId}/agreement/draft`).set('Authorization', mediator.bearer).send({ revision: draft.body.revision, content }).expect(200);
    expect(saved.body.problems).toEqual([]);

    const version = await t.http.post(`/api/v1/cases/${caseId}/agreement/versions`).set('Authorization', mediator.bearer).send({}).expect(201);
    const pdf = await t.http.get(`/api/v1/documents/${version.body.documentId}/content`).set('Authorization', filer.bearer).buffer(true).parse(binary).expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toMatch(/Legal representative:? ?Zhang Wei/);
    expect(text).toMatch(/Legal representative:? ?Li Qiang/);
  });

  it('a court referral needs it too, one at a time and by spreadsheet', async () => {
    const number = () => `(2026)浙01民诉前调${randomUUID().slice(0, 8)}号`;
    const referral = (rep: string | undefined) => {
      const body = referralBody(`applicant-${randomUUID().slice(0, 6)}@test.accord`, { referralNumber: number() }) as { respondents: Record<string, unknown>[] };
      body.respondents = body.respondents.map((r) => ({ ...r, legalRepresentative: rep }));
      return body;
    };
    const refused = await t.http.post('/api/v1/referrals').set('Authorization', clerk.bearer).send(referral(undefined)).expect(400);
    expect(fieldsOf(refused.body)).toEqual(['respondents.0.legalRepresentative isNotEmpty']);
    const referred = await t.http.post('/api/v1/referrals').set('Authorization', clerk.bearer).send(referral('李强')).expect(201);
    expect(referred.body.respondents[0].legalRepresentative).toBe('李强');

    // The spreadsheet: a column each for the applicant's and the respondent's, the error on its cell.
    const tag = randomUUID().slice(0, 6);
    const row = (respondentRep: string): Row => ({ ...goodRow(tag, respondentRep ? 2 : 1), respondentLegalRepresentative: respondentRep });
    const xlsx = (rows: Row[]) => sheet(rows, 'xlsx', 'zh-CN');
    const upload = (path: string, bytes: Buffer) =>
      t.http.post(`/api/v1/court-referrals/${path}?lang=zh-CN`).set('Authorization', clerk.bearer).attach('file', bytes, '委派案件.xlsx');
    const without = await upload('import/preview', await xlsx([row('')]));
    expect(without.status).toBe(200);
    expect(without.body.errors.map((e: { row: number; column: string; header: string }) => [e.row, e.column, e.header])).toEqual([
      [2, 'respondentLegalRepresentative', '被申请人法定代表人'],
    ]);
    const good = row('李强');
    const done = await upload('import', await xlsx([good])).expect(200);
    expect(done.body).toEqual({ created: 1, alreadyReferred: 0 });
    const [{ legal_representative }] = (await t.db.query(
      `SELECT p.legal_representative FROM case_parties p JOIN cases c ON c.id = p.case_id WHERE c.referral_number = $1 AND p.side = 'respondent'`,
      [good.referralNumber],
    )) as { legal_representative: string }[];
    expect(legal_representative).toBe('李强');
  });

  it("a court system's batch answers a row without it with the field, and creates the row with it", async () => {
    const issued = await t.http
      .post('/api/v1/admin/court-systems/keys')
      .set('Authorization', admin.bearer)
      .send({ courtId, courtSystemName: `审判管理系统 ${randomUUID().slice(0, 4)}`, label: 'production', permissions: ['refer_cases'] })
      .expect(201);
    const row = (rep: string | undefined) => {
      const body = referralBody(`applicant-${randomUUID().slice(0, 6)}@test.accord`, { referralNumber: `(2026)浙01民诉前调${randomUUID().slice(0, 8)}号` }) as {
        applicant: Record<string, unknown>;
      };
      body.applicant = { ...body.applicant, legalRepresentative: rep };
      return body;
    };
    const res = await t.http
      .post('/api/v1/court-systems/referral-batches')
      .set('Authorization', `Bearer ${issued.body.key as string}`)
      .send({ referrals: [row(undefined), row('张伟')] })
      .expect(200);
    expect(res.body).toMatchObject({ created: 1, invalid: 1 });
    expect(res.body.rows[0].errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`)).toEqual(['referrals.0.applicant.legalRepresentative isNotEmpty']);
    const created = await t.http
      .get(`/api/v1/cases/${res.body.rows[1].caseId as string}`)
      .set('Authorization', admin.bearer)
      .expect(200);
    expect(created.body.applicants[0].legalRepresentative).toBe('张伟');
  });
});
