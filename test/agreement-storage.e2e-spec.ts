import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { extractText, getDocumentProxy } from 'unpdf';
import { AgreementSigning } from '../src/agreements/agreement-signing.service';
import { deriveSignatureCode } from '../src/agreements/signature-codes';
import { GlobalRole } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { OrphanedObjectSweep } from '../src/documents/orphaned-object.sweep';
import { Clock } from '../src/infrastructure/clock/clock';
import { ObjectStorage, type PutObjectOptions } from '../src/infrastructure/storage/object-storage';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { startSmtpServer } from './support/smtp-server';
import { caseRowLocked } from './support/case-lock';
import { createTestApp, type TestApp } from './support/test-app';

const GRACE_MS = 60_000;

/**
 * Issue 22, item 4, for the agreement: the frozen and the signed PDF are rendered and stored before
 * the transaction that records them opens, never while the case row is locked. A rollback leaves
 * no document row whose object is missing, and the object it left behind is noted for the
 * orphaned-object sweep; a change between the look ahead and the lock makes the signature start
 * again rather than record a PDF that says something no longer true.
 */
describe('agreement PDFs are stored outside the transaction that records them', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let db: DataSource;
  let storage: ObjectStorage;
  /** Called before every object is stored; the test decides what happens meanwhile. */
  let beforePut: (key: string) => Promise<void> = async () => undefined;
  const puts: { key: string; caseLocked: boolean }[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, STORAGE_ORPHAN_GRACE_MS: String(GRACE_MS), QUEUE_PREFIX: `ags${randomUUID().slice(0, 6)}`, OUTBOX_POLL_INTERVAL_MS: '100' },
    });
    db = t.app.get(DataSource);
    storage = t.app.get(ObjectStorage);
    const put = storage.put.bind(storage);
    jest.spyOn(storage, 'put').mockImplementation(async (key: string, body: Readable, options: PutObjectOptions) => {
      const caseId = /^cases\/([0-9a-f-]{36})\//.exec(key)?.[1];
      if (caseId) puts.push({ key, caseLocked: await isLocked(caseId) });
      await beforePut(key);
      return put(key, body, options);
    });
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => {
    beforePut = async () => undefined;
  });

  const isLocked = (caseId: string): Promise<boolean> => caseRowLocked(db, caseId);

  const api = (caseId: string) => `/api/v1/cases/${caseId}/agreement`;

  /** A case whose agreement the applicant and the respondent have signed: the mediator's signature is the last one. */
  async function awaitingTheMediator() {
    const applicant = await signedInUser(t, { verified: true });
    const respondent = await signedInUser(t, { verified: true });
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], verified: true });
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
    });
    const draft = (
      await t.http
        .post(`${api(c.id)}/draft`)
        .set('Authorization', mediator.bearer)
        .send({ language: 'en' })
        .expect(201)
    ).body;
    const content = {
      ...draft.content,
      parties: [
        { ...draft.content.parties[0], idNumber: '330102199001011234' },
        { ...draft.content.parties[1], idNumber: '91440300MA5XXXXXX2', legalRepresentative: 'Wang Wu' },
      ],
      result: 'The respondent pays the applicant CNY 1,000.00.',
      performance: {
        obligations: [{ id: 'pay', kind: 'money', obligorSide: 'respondent', beneficiarySide: 'applicant', amount: '1000.00', currency: 'CNY', due: { daysAfterEffective: 10 } }],
      },
      confirmsOwnership: false,
    };
    await t.http
      .put(`${api(c.id)}/draft`)
      .set('Authorization', mediator.bearer)
      .send({ revision: draft.revision, content })
      .expect(200);
    const version = (
      await t.http
        .post(`${api(c.id)}/versions`)
        .set('Authorization', mediator.bearer)
        .send({})
        .expect(201)
    ).body as { id: string; hash: string };
    for (const signer of [applicant, respondent]) await sign(c.id, signer, version.hash, await codeFor(c.id, signer, version.hash)).expect(201);
    return { caseId: c.id, mediator, version, mediatorCode: await codeFor(c.id, mediator, version.hash) };
  }

  async function codeFor(caseId: string, who: SignedIn, versionHash: string): Promise<string> {
    const issued = await t.http
      .post(`${api(caseId)}/signature-codes`)
      .set('Authorization', who.bearer)
      .send({ versionHash, channel: 'email' })
      .expect(201);
    return deriveSignatureCode(t.app.get(AgreementSigning).codeSecret(), issued.body.codeId as string);
  }

  const sign = (caseId: string, who: SignedIn, versionHash: string, code: string) =>
    t.http
      .post(`${api(caseId)}/signatures`)
      .set('Authorization', who.bearer)
      .send({ versionHash, code });

  const status = async (caseId: string): Promise<string> => ((await db.query(`SELECT status FROM cases WHERE id = $1`, [caseId])) as { status: string }[])[0].status;

  /** Objects of the case noted in storage_writes that no document row refers to. */
  const unreferenced = async (caseId: string): Promise<string[]> =>
    (
      (await db.query(`SELECT w.key FROM storage_writes w WHERE w.key LIKE $1 AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.storage_key = w.key) ORDER BY w.key`, [
        `cases/${caseId}/%`,
      ])) as { key: string }[]
    ).map((r) => r.key);

  /** Every document row of the case has its object. */
  async function expectNoMissingObject(caseId: string): Promise<void> {
    const rows = (await db.query(`SELECT storage_key FROM documents WHERE case_id = $1`, [caseId])) as { storage_key: string }[];
    for (const { storage_key } of rows) expect(await storage.head(storage_key)).toBeDefined();
  }

  const signedPdfText = async (caseId: string): Promise<string> => {
    const [row] = (await db.query(
      `SELECT d.storage_key FROM agreement_versions v JOIN documents d ON d.id = v.signed_document_id WHERE v.case_id = $1 AND v.status = 'effective'`,
      [caseId],
    )) as { storage_key: string }[];
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(row.storage_key)) chunks.push(chunk as Buffer);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(Buffer.concat(chunks))), { mergePages: true });
    return text.replace(/\s+/g, ' ');
  };

  it('stores the frozen and the signed PDF while the case is unlocked; a rolled-back last signature leaves only a noted object, which the sweep removes', async () => {
    puts.length = 0;
    const f = await awaitingTheMediator();
    // The frozen PDF (proposal) was stored without the case's lock.
    expect(puts.filter((p) => p.key.startsWith(`cases/${f.caseId}/`))).toEqual([{ key: expect.any(String), caseLocked: false }]);

    // The transaction that records the signed agreement fails after the PDF was stored: agreement_effective cannot be chained.
    const fn = `fail_effective_${randomUUID().replace(/-/g, '')}`;
    await db.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.type = 'agreement_effective' AND NEW.case_id = '${f.caseId}' THEN RAISE EXCEPTION 'the transition failed'; END IF;
        RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      puts.length = 0;
      await sign(f.caseId, f.mediator, f.version.hash, f.mediatorCode).expect(500);
    } finally {
      await db.query(`DROP TRIGGER ${fn} ON case_events`);
      await db.query(`DROP FUNCTION ${fn}()`);
    }
    // The signed PDF was stored once, with the case unlocked, before the transaction that rolled back.
    expect(puts).toEqual([{ key: expect.stringMatching(`^cases/${f.caseId}/documents/`), caseLocked: false }]);
    const orphan = puts[0].key;
    expect(await status(f.caseId)).toBe('signing');
    expect(await db.query(`SELECT 1 FROM agreement_signatures WHERE version_id = $1 AND party_id IS NULL`, [f.version.id])).toEqual([]);
    // Left behind: an object no row refers to, noted for the sweep; no row refers to a missing object.
    expect(await unreferenced(f.caseId)).toEqual([orphan]);
    expect(await storage.head(orphan)).toBeDefined();
    await expectNoMissingObject(f.caseId);

    // Nothing was used up: the same code signs now, and the case settles in the same request.
    puts.length = 0;
    await sign(f.caseId, f.mediator, f.version.hash, f.mediatorCode).expect(201);
    expect(await status(f.caseId)).toBe('settled');
    expect(puts.map((p) => p.caseLocked)).toEqual([false]);
    expect(await unreferenced(f.caseId)).toEqual([orphan]);
    await expectNoMissingObject(f.caseId);

    // Once the grace has passed, the sweep removes the object of the rolled-back attempt and keeps every recorded one.
    t.app.get(Clock).advance(GRACE_MS + 1_000);
    try {
      expect(await t.app.get(OrphanedObjectSweep).sweep()).toBeGreaterThanOrEqual(1);
    } finally {
      t.app.get(Clock).reset();
    }
    expect(await storage.head(orphan)).toBeUndefined();
    expect(await unreferenced(f.caseId)).toEqual([]);
    await expectNoMissingObject(f.caseId);
  });

  it('a fact of the signed PDF changing between the look ahead and the lock: the signature starts again and the PDF says what is true', async () => {
    const f = await awaitingTheMediator();
    let renamed = 0;
    beforePut = async (key) => {
      if (!key.startsWith(`cases/${f.caseId}/`) || renamed > 0) return;
      renamed++;
      // While the first signed PDF is being stored, the applicant's name is corrected.
      await db.query(`UPDATE case_parties SET name = 'Renamed Applicant' WHERE case_id = $1 AND side = 'applicant'`, [f.caseId]);
    };
    puts.length = 0;
    await sign(f.caseId, f.mediator, f.version.hash, f.mediatorCode).expect(201);
    expect(await status(f.caseId)).toBe('settled');
    // Two PDFs stored, neither under the lock; the first, which named the old name, is recorded nowhere.
    expect(puts.map((p) => p.caseLocked)).toEqual([false, false]);
    expect(await unreferenced(f.caseId)).toEqual([puts[0].key]);
    await expectNoMissingObject(f.caseId);
    expect(await signedPdfText(f.caseId)).toContain('Renamed Applicant');
  });

  it('facts that keep changing: three tries, then 409, and nothing is signed', async () => {
    const f = await awaitingTheMediator();
    let n = 0;
    beforePut = async (key) => {
      if (!key.startsWith(`cases/${f.caseId}/`)) return;
      n++;
      await db.query(`UPDATE case_parties SET name = $2 WHERE case_id = $1 AND side = 'applicant'`, [f.caseId, `Applicant renamed ${n}`]);
    };
    puts.length = 0;
    const refused = await sign(f.caseId, f.mediator, f.version.hash, f.mediatorCode).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(puts).toHaveLength(3);
    expect(await status(f.caseId)).toBe('signing');
    expect(await db.query(`SELECT 1 FROM agreement_signatures WHERE version_id = $1 AND party_id IS NULL`, [f.version.id])).toEqual([]);
    expect((await unreferenced(f.caseId)).sort()).toEqual(puts.map((p) => p.key).sort());
    await expectNoMissingObject(f.caseId);

    // Once the facts hold still, the same code signs.
    beforePut = async () => undefined;
    await sign(f.caseId, f.mediator, f.version.hash, f.mediatorCode).expect(201);
    expect(await status(f.caseId)).toBe('settled');
  });
});
