import { DataSource } from 'typeorm';
import { DocumentKind, DocumentVisibility } from '../src/documents/document.entity';
import { DocumentsService } from '../src/documents/documents.service';
import { OrphanedObjectSweep } from '../src/documents/orphaned-object.sweep';
import { noteStorageWrite } from '../src/documents/storage-writes';
import { Clock } from '../src/infrastructure/clock/clock';
import { ObjectStorage } from '../src/infrastructure/storage/object-storage';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { GlobalRole } from '../src/auth/roles';
import { applicationBody, caseInState } from './support/case-fixtures';
import { caseRowLocked } from './support/case-lock';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

const GRACE_MS = 60_000;

/**
 * Issue 22, item 4: a document's bytes are stored before the transaction that records them
 * commits. A rollback must leave neither a row whose object is missing nor, once the grace has
 * passed, an object no row refers to.
 */
describe('stored objects and the transactions that record them', () => {
  let t: TestApp;
  let db: DataSource;
  let storage: ObjectStorage;
  let applicant: SignedIn;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { STORAGE_ORPHAN_GRACE_MS: String(GRACE_MS) } });
    db = t.app.get(DataSource);
    storage = t.app.get(ObjectStorage);
    applicant = await signedInUser(t);
    caseId = (await t.http.post('/api/v1/cases').set('Authorization', applicant.bearer).send(applicationBody(applicant.user.email)).expect(201)).body.id;
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await t?.close();
  });

  const generated = (filename: string) => ({
    caseId,
    kind: DocumentKind.Other,
    visibility: DocumentVisibility.AllParties,
    filename,
    contentType: 'text/plain',
    bytes: Buffer.from(`generated ${filename}`),
    actorId: null,
    actorRole: 'system',
  });
  const noted = async (key: string): Promise<boolean> => ((await db.query(`SELECT 1 FROM storage_writes WHERE key = $1`, [key])) as unknown[]).length > 0;

  it('deletes, after the grace, the object of a document whose transaction rolled back, and keeps every recorded one', async () => {
    const uploaded = await t.http
      .post(`/api/v1/cases/${caseId}/documents?kind=evidence`)
      .set('Authorization', applicant.bearer)
      .attach('file', Buffer.from('%PDF-1.4 evidence'), { filename: 'evidence.pdf', contentType: 'application/pdf' })
      .expect(201);
    const documents = t.app.get(DocumentsService);
    // As a transition does it: the bytes are stored before the transaction, recorded inside it.
    const kept = await documents.prepareGenerated(generated('kept.txt'));
    const committed = await db.transaction((tx) => documents.recordGenerated(tx, kept));

    const rolledBack = await documents.prepareGenerated(generated('rolled-back.txt'));
    const orphanKey = rolledBack.storageKey;
    await expect(
      db.transaction(async (tx) => {
        await documents.recordGenerated(tx, rolledBack);
        throw new Error('the transition failed after its document was recorded');
      }),
    ).rejects.toThrow('the transition failed');

    // The rollback left the object and its note; no row refers to it.
    expect(await storage.head(orphanKey)).toBeDefined();
    expect(await noted(orphanKey)).toBe(true);
    expect(await db.query(`SELECT 1 FROM documents WHERE storage_key = $1`, [orphanKey])).toEqual([]);

    // Within the grace the sweep leaves it: its transaction might still have been running.
    expect(await t.app.get(OrphanedObjectSweep).sweep()).toBe(0);
    expect(await storage.head(orphanKey)).toBeDefined();

    t.app.get(Clock).advance(GRACE_MS + 1_000);
    expect(await t.app.get(OrphanedObjectSweep).sweep()).toBe(1);
    expect(await storage.head(orphanKey)).toBeUndefined();
    expect(await noted(orphanKey)).toBe(false);

    // Nothing referenced is missing, and the notes of recorded documents are gone too.
    const rows = (await db.query(`SELECT storage_key FROM documents WHERE case_id = $1`, [caseId])) as { storage_key: string }[];
    expect(rows.map((r) => r.storage_key).sort()).toEqual([committed.storageKey, `cases/${caseId}/documents/${uploaded.body.id}`].sort());
    for (const { storage_key } of rows) {
      expect(await storage.head(storage_key)).toBeDefined();
      expect(await noted(storage_key)).toBe(false);
    }
  });

  it("notes an object about to be stored without waiting for the disk, and only in the note's own transaction", async () => {
    const runner = db.createQueryRunner();
    try {
      const key = `cases/${caseId}/documents/note-${Date.now()}`;
      await runner.startTransaction();
      await noteStorageWrite(runner.manager, key, new Date());
      expect(await runner.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'off' }]);
      await runner.commitTransaction();
      expect(await db.query('SELECT key FROM storage_writes WHERE key = $1', [key])).toEqual([{ key }]);
      // On its own (as an upload notes it) the statement is its transaction; the connection goes back to the pool as it was.
      await noteStorageWrite(runner.manager, `${key}-again`, new Date());
      expect(await runner.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    } finally {
      await runner.release();
    }
  });

  it('renders and stores the failure report a termination serves while nobody holds the case lock', async () => {
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator], displayName: 'Mediator Probe' });
    const respondentUser = await signedInUser(t);
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondentUser.user.id,
      mediatorId: mediator.user.id,
      respondentServed: true,
    });
    const [respondentParty] = (await db.query(`SELECT id FROM case_parties WHERE case_id = $1 AND side = 'respondent'`, [c.id])) as { id: string }[];
    // Each store of a document is asked, while its bytes travel, whether the case row is free.
    const lockFreeDuringStore: boolean[] = [];
    const put = storage.put.bind(storage);
    const spy = jest.spyOn(storage, 'put').mockImplementation(async (key, body, options) => {
      if (key.startsWith(`cases/${c.id}/`)) lockFreeDuringStore.push(!(await caseRowLocked(db, c.id)));
      return put(key, body, options);
    });
    try {
      await t.http
        .post(`/api/v1/cases/${c.id}/termination`)
        .set('Authorization', mediator.bearer)
        .send({ reason: 'refuses_to_continue', partiesConcerned: [respondentParty.id], explanation: 'The respondent said it would not continue.' })
        .expect(200);
    } finally {
      spy.mockRestore();
    }
    // The report went out (once per language its readers read), and not one store waited on the lock or held it.
    expect(lockFreeDuringStore.length).toBeGreaterThan(0);
    expect(lockFreeDuringStore.every(Boolean)).toBe(true);
    const reports = (await db.query(`SELECT storage_key FROM documents WHERE case_id = $1 AND kind = 'failure_report'`, [c.id])) as { storage_key: string }[];
    expect(reports.length).toBe(lockFreeDuringStore.length);
    for (const { storage_key } of reports) expect(await storage.head(storage_key)).toBeDefined();
  });
});
