import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GlobalRole } from '../src/auth/roles';
import { Case } from '../src/cases/entities/case.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { ApplicationStatus, ConfirmationApplication } from '../src/confirmation/confirmation-application.entity';
import { DocumentsService, type GeneratedDocumentInput, type PreparedDocument } from '../src/documents/documents.service';
import { OrphanedObjectSweep } from '../src/documents/orphaned-object.sweep';
import { Clock } from '../src/infrastructure/clock/clock';
import { ObjectStorage } from '../src/infrastructure/storage/object-storage';
import { MembershipRole } from '../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../src/organisations/organisation.entity';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { settledCase, type CourtStaff } from './support/settled-case-fixture';
import type { ServiceBody } from './support/services';
import { caseRowLocked } from './support/case-lock';
import { createTestApp, type TestApp } from './support/test-app';

const GRACE_MS = 60_000;

/**
 * Issue 22, item 4, for the court's ruling and the certificate of service: their PDFs are rendered
 * and stored before the transaction that records them opens, never while it holds the case lock.
 * When that transaction rolls back, no document row refers to a missing object, and what was
 * stored is noted for the orphaned-object sweep, which removes it once the grace has passed.
 */
describe('generated documents whose recording transaction rolls back', () => {
  let t: TestApp;
  let db: DataSource;
  let storage: ObjectStorage;
  let documents: DocumentsService;
  let court: CourtStaff;
  let applicant: SignedIn;
  let respondent: SignedIn;
  let caseId: string;
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { STORAGE_ORPHAN_GRACE_MS: String(GRACE_MS) } });
    db = t.app.get(DataSource);
    storage = t.app.get(ObjectStorage);
    documents = t.app.get(DocumentsService);
    const org = await createOrganisation(t.db, { kind: OrganisationKind.Court, name: `杭州市西湖区人民法院 ${randomUUID().slice(0, 4)}`, region: '330106' });
    await t.db.getRepository(Organisation).update({ id: org.id }, { courtLevel: CourtLevel.Basic });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    const judge = await signedInUser(t, { roles: [GlobalRole.Judge] });
    await addMembership(t.db, clerk.user.id, org.id, MembershipRole.Member);
    await addMembership(t.db, judge.user.id, org.id, MembershipRole.Member);
    court = { courtId: org.id, clerk, judge };
    const centre = await createOrganisation(t.db, { kind: OrganisationKind.MediationOrganisation, name: 'Hangzhou IP Mediation Centre', region: '330106' });
    applicant = await signedInUser(t);
    respondent = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    await addMembership(t.db, mediator.user.id, centre.id);
    caseId = (await settledCase(t, { applicant, respondent, mediator })).case.id;
    // Applied for, consented to and docketed: ready for the judge's ruling.
    applicationId = (await post(applicant, `/cases/${caseId}/confirmation-applications`, { courtId: court.courtId }).expect(201)).body.id as string;
    await post(respondent, `/confirmation-applications/${applicationId}/consents`).expect(200);
    await post(court.clerk, `/confirmation-applications/${applicationId}/docket`).expect(200);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    t?.app.get(Clock).reset();
    await t?.close();
  });

  const post = (who: SignedIn, path: string, body: Record<string, unknown> = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const noted = async (key: string): Promise<boolean> => ((await db.query(`SELECT 1 FROM storage_writes WHERE key = $1`, [key])) as unknown[]).length > 0;
  const referenced = async (key: string): Promise<boolean> => ((await db.query(`SELECT 1 FROM documents WHERE storage_key = $1`, [key])) as unknown[]).length > 0;
  const caseLocked = (): Promise<boolean> => caseRowLocked(db, caseId);

  /**
   * Runs `act` with the first recording of a generated document failing after its row is written,
   * as a failure later in the same transaction would: returns what was stored meanwhile and
   * whether the case was locked while it was stored.
   */
  async function withRecordingFailing(act: () => Promise<unknown>): Promise<{ stored: PreparedDocument[]; lockedWhileStoring: boolean[] }> {
    const prepare = documents.prepareGenerated.bind(documents);
    const record = documents.recordGenerated.bind(documents);
    const stored: PreparedDocument[] = [];
    const lockedWhileStoring: boolean[] = [];
    const preparing = jest.spyOn(documents, 'prepareGenerated').mockImplementation(async (input: GeneratedDocumentInput) => {
      lockedWhileStoring.push(await caseLocked());
      const prepared = await prepare(input);
      stored.push(prepared);
      return prepared;
    });
    const recording = jest.spyOn(documents, 'recordGenerated').mockImplementationOnce(async (tx, prepared) => {
      await record(tx, prepared);
      throw new Error('the transaction failed after its document was recorded');
    });
    try {
      await act();
    } finally {
      preparing.mockRestore();
      recording.mockRestore();
    }
    return { stored, lockedWhileStoring };
  }

  /** No document row of the case refers to an object that is not stored. */
  async function expectNoMissingObjects(): Promise<void> {
    const rows = (await db.query(`SELECT storage_key FROM documents WHERE case_id = $1`, [caseId])) as { storage_key: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const { storage_key } of rows) expect(await storage.head(storage_key)).toBeDefined();
  }

  const orphans: string[] = [];

  it('the court’s ruling: stored without the case lock; a rolled-back ruling leaves its PDF noted for the sweep and nothing recorded; ruling again works', async () => {
    const failed = await withRecordingFailing(() => post(court.judge, `/confirmation-applications/${applicationId}/confirm`).expect(500));
    expect(failed.stored.length).toBeGreaterThan(0);
    expect(failed.lockedWhileStoring).toEqual(failed.stored.map(() => false));
    for (const { storageKey } of failed.stored) {
      expect(await storage.head(storageKey)).toBeDefined();
      expect(await noted(storageKey)).toBe(true);
      expect(await referenced(storageKey)).toBe(false);
      orphans.push(storageKey);
    }
    await expectNoMissingObjects();
    expect((await db.getRepository(ConfirmationApplication).findOneByOrFail({ id: applicationId })).status).toBe(ApplicationStatus.Docketed);
    expect((await db.getRepository(Case).findOneByOrFail({ id: caseId })).status).toBe(CaseStatus.UnderCourtReview);

    await post(court.judge, `/confirmation-applications/${applicationId}/confirm`).expect(200);
    expect((await db.getRepository(Case).findOneByOrFail({ id: caseId })).status).toBe(CaseStatus.Confirmed);
    await expectNoMissingObjects();
  });

  it('the certificate of service: stored without the lock; a rolled-back certificate leaves its PDF noted for the sweep and the service without one; issuing again works', async () => {
    const services = (await t.http.get(`/api/v1/cases/${caseId}/services`).set('Authorization', applicant.bearer).expect(200)).body.items as (ServiceBody & { purpose: string })[];
    const ruling = services.find((s) => s.purpose === 'ruling' && s.recipientUserId === applicant.user.id)!;
    // The applicant reads the ruling in the platform: served.
    await t.http.get(`/api/v1/services/${ruling.id}/document`).set('Authorization', applicant.bearer).expect(200);

    const failed = await withRecordingFailing(() => post(applicant, `/services/${ruling.id}/certificate`).expect(500));
    expect(failed.stored).toHaveLength(1);
    expect(failed.lockedWhileStoring).toEqual([false]);
    const [{ storageKey }] = failed.stored;
    expect(await storage.head(storageKey)).toBeDefined();
    expect(await noted(storageKey)).toBe(true);
    expect(await referenced(storageKey)).toBe(false);
    orphans.push(storageKey);
    expect((await db.query(`SELECT certificate_document_id FROM services WHERE id = $1`, [ruling.id]))[0].certificate_document_id).toBeNull();
    await expectNoMissingObjects();

    const issued = await post(applicant, `/services/${ruling.id}/certificate`).expect(200);
    expect(issued.body).toMatchObject({ kind: 'service_certificate' });
    await expectNoMissingObjects();
  });

  it('the sweep removes, after the grace, what the rolled-back attempts stored, and nothing any row refers to', async () => {
    expect(orphans.length).toBeGreaterThan(1);
    t.app.get(Clock).advance(GRACE_MS + 1_000);
    expect(await t.app.get(OrphanedObjectSweep).sweep()).toBeGreaterThanOrEqual(orphans.length);
    for (const key of orphans) {
      expect(await storage.head(key)).toBeUndefined();
      expect(await noted(key)).toBe(false);
    }
    await expectNoMissingObjects();
  });
});
