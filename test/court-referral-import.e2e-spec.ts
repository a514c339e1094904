import { Workbook } from 'exceljs';
import type { Response } from 'superagent';
import { GlobalRole } from '../src/auth/roles';
import { MembershipRole } from '../src/organisations/membership.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { SHEET_COLUMNS } from '../src/court-referrals/referral-sheet';
import { referralBody } from './support/case-fixtures';
import { goodRow, sheet, type Lang, type Row } from './support/referral-sheets';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('court referrals in bulk from a spreadsheet, and the referred list (HTTP)', () => {
  let t: TestApp;
  let clerk: SignedIn;
  let otherClerk: SignedIn;
  let courtId: string;
  const tag = Math.random().toString(36).slice(2, 8);

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: '杭州市中级人民法院' });
    courtId = court.id;
    clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id, MembershipRole.Member);
    const other = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    otherClerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, otherClerk.user.id, other.id, MembershipRole.Member);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (path: 'preview' | 'confirm', bytes: Buffer, filename: string, lang: Lang = 'en') =>
    t.http
      .post(`/api/v1/court-referrals/${path === 'preview' ? 'import/preview' : 'import'}?lang=${lang}`)
      .set('Authorization', clerk.bearer)
      .attach('file', bytes, filename);
  const courtCases = async (): Promise<number> => Number(((await t.db.query(`SELECT count(*) AS n FROM cases WHERE referring_court_id = $1`, [courtId])) as { n: string }[])[0].n);

  it('offers the template in Chinese and in English, as .xlsx (with notes) and as .csv (with a BOM)', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const xlsx = await t.http.get(`/api/v1/court-referrals/import-template?lang=${lang}&format=xlsx`).set('Authorization', clerk.bearer).buffer(true).parse(binary).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.headers['content-disposition']).toContain(`referral-template-${lang}.xlsx`);
      const workbook = new Workbook();
      await workbook.xlsx.load(xlsx.body as never);
      const headers = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
      expect(headers).toEqual(SHEET_COLUMNS.map((c) => c.header[lang]));
      expect(workbook.worksheets[1].rowCount).toBe(SHEET_COLUMNS.length + 1);

      const csv = await t.http.get(`/api/v1/court-referrals/import-template?lang=${lang}&format=csv`).set('Authorization', clerk.bearer).buffer(true).parse(binary).expect(200);
      const bytes = csv.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8').trim()).toBe(SHEET_COLUMNS.map((c) => c.header[lang]).join(','));
    }
    const wrong = await t.http.get('/api/v1/court-referrals/import-template?lang=fr').set('Authorization', clerk.bearer).expect(400);
    expect(wrong.body.errors[0].field).toBe('lang');
  });

  it('200 rows with 3 bad ones: exactly those 3 errors and nothing created; fixed, 200 cases; the same file again, none', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => goodRow(tag, i + 1));
    const fixed = rows.map((r) => ({ ...r }));
    rows[10].referralType = '随便写的';
    rows[99].applicantEmail = 'not an e-mail';
    rows[149].respondentName = '';
    const bad = await sheet(rows, 'xlsx', 'zh-CN');

    const preview = await upload('preview', bad, '委派案件.xlsx', 'zh-CN').expect(200);
    expect(preview.body.rows).toBe(200);
    expect(preview.body.toCreate).toBe(0);
    // The header is row 1: data row i is sheet row i + 2.
    expect(preview.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [12, 'referralType'],
      [101, 'applicantEmail'],
      [151, 'respondentName'],
    ]);
    expect(preview.body.errors[0]).toMatchObject({ header: '委派类型', message: expect.stringContaining('诉前委派调解') });
    expect(preview.body.errors[1].message).toContain('email');
    expect(preview.body.errors[2].message).toContain('respondent');

    const refused = await upload('confirm', bad, '委派案件.xlsx').expect(400);
    expect(refused.body.errors).toHaveLength(3);
    expect(await courtCases()).toBe(0);

    const good = await sheet(fixed, 'xlsx', 'zh-CN');
    const clean = await upload('preview', good, '委派案件.xlsx').expect(200);
    expect(clean.body).toMatchObject({ rows: 200, errors: [], toCreate: 200, alreadyReferred: 0 });
    expect(await courtCases()).toBe(0);

    const done = await upload('confirm', good, '委派案件.xlsx').expect(200);
    expect(done.body).toEqual({ created: 200, alreadyReferred: 0 });
    expect(await courtCases()).toBe(200);

    const again = await upload('preview', good, '委派案件.xlsx').expect(200);
    expect(again.body).toMatchObject({ toCreate: 0, alreadyReferred: 200 });
    const twice = await upload('confirm', good, '委派案件.xlsx').expect(200);
    expect(twice.body).toEqual({ created: 0, alreadyReferred: 200 });
    expect(await courtCases()).toBe(200);
  }, 240_000);

  it('reads a UTF-8 .csv with English headers and codes, keeping phone and ID numbers as typed', async () => {
    const rows: Row[] = Array.from({ length: 3 }, (_, i) => ({
      ...goodRow(`${tag}csv`, i),
      referralType: 'post_filing_ordinary',
      disputeType: 'patent',
      ipRightKind: 'Invention patent',
      applicantKind: 'person',
      applicantName: 'Li Lei',
      applicantLegalRepresentative: '',
      applicantIdType: 'Resident identity card',
      applicantIdNumber: '330102199001011234',
      applicantPhone: '+8613800138000',
      applicantConsent: 'Yes',
      applicantDomicile: '330102',
      respondentKind: 'person',
      respondentLegalRepresentative: '',
      respondentDomicile: '440304',
    }));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await sheet(rows, 'csv', 'en')]);
    const preview = await upload('preview', bytes, 'referrals.csv').expect(200);
    expect(preview.body).toMatchObject({ rows: 3, errors: [], toCreate: 3 });
    expect(await upload('confirm', bytes, 'referrals.csv').expect(200)).toMatchObject({ body: { created: 3, alreadyReferred: 0 } });
    expect((await upload('confirm', bytes, 'referrals.csv').expect(200)).body).toEqual({ created: 0, alreadyReferred: 3 });

    const list = await t.http
      .get(`/api/v1/court-referrals?q=${encodeURIComponent(rows[0].referralNumber)}`)
      .set('Authorization', clerk.bearer)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ referralNumber: rows[0].referralNumber, referralType: 'post_filing_ordinary', status: 'submitted' });
    const view = await t.http.get(`/api/v1/cases/${list.body.items[0].id}`).set('Authorization', clerk.bearer).expect(200);
    expect(view.body.applicants[0]).toMatchObject({ phone: '+8613800138000', idNumber: '330102199001011234', domicileRegion: '330102' });
    // The natural persons' domiciles, for the court choice (docs/procedural-rules.md D16).
    expect(view.body.respondents[0]).toMatchObject({ kind: 'person', domicileRegion: '440304' });
  });

  it('refuses a sheet without the template columns, and a file that is no spreadsheet', async () => {
    const wb = new Workbook();
    wb.addWorksheet('x').addRow(['Name', 'Colour']);
    const noColumns = await upload('preview', Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx').expect(400);
    expect(noColumns.body.errors[0]).toMatchObject({ field: 'file', rule: 'hasColumns' });
    await upload('preview', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf').expect(415);
  });

  it('one referral under a number the court used already is refused beside the number', async () => {
    const taken = goodRow(tag, 1).referralNumber;
    const res = await t.http
      .post('/api/v1/referrals')
      .set('Authorization', clerk.bearer)
      .send(referralBody(clerk.user.email, { referralNumber: taken }))
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'referralNumber', rule: 'isUnique' })]);
    // Another court may use the same number.
    await t.http
      .post('/api/v1/referrals')
      .set('Authorization', otherClerk.bearer)
      .send(referralBody(otherClerk.user.email, { referralNumber: taken }))
      .expect(201);
  });

  it("lists the court's referrals newest first with cursor paging and filters, and exports them as CSV Excel reads", async () => {
    const tooMany = await t.http.get('/api/v1/court-referrals?limit=150').set('Authorization', clerk.bearer).expect(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
    const pages: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/court-referrals?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', clerk.bearer)
        .expect(200);
      pages.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    }
    expect(new Set(pages).size).toBe(203);
    const simplified = await t.http.get('/api/v1/court-referrals?referralType=post_filing_simplified&limit=100').set('Authorization', clerk.bearer).expect(200);
    expect(simplified.body.items).toHaveLength(66);
    const none = await t.http.get('/api/v1/court-referrals?status=closed').set('Authorization', clerk.bearer).expect(200);
    expect(none.body.items).toEqual([]);
    // Another court sees only its own.
    const theirs = await t.http.get('/api/v1/court-referrals').set('Authorization', otherClerk.bearer).expect(200);
    expect(theirs.body.items).toHaveLength(1);

    const csv = await t.http
      .get('/api/v1/court-referrals/export?lang=zh-CN&referralType=post_filing_simplified')
      .set('Authorization', clerk.bearer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('法院委派（委托）编号,平台案号,委派类型,案件名称,纠纷类型,状态,结果,委派时间,结案时间');
    expect(lines).toHaveLength(67);
    expect(lines[1]).toContain('立案后委托调解（简易程序）');
    expect(lines[1]).toContain('已提交');
    const en = await t.http.get('/api/v1/court-referrals/export?lang=en').set('Authorization', clerk.bearer).buffer(true).parse(binary).expect(200);
    expect((en.body as Buffer).toString('utf8')).toContain('Court referral number,Case number');

    // Not court staff: refused.
    const party = await signedInUser(t, { roles: [GlobalRole.Party] });
    await t.http.get('/api/v1/court-referrals').set('Authorization', party.bearer).expect(403);
  });
});
