import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction, canSeeWholeRecord } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { ForbiddenProblem, NotFoundProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { CaseTransitions } from '../cases/case-transitions.service';
import { CaseEventRecord } from '../cases/entities/case-event.entity';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { CaseDocument } from '../documents/document.entity';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { Outbox } from '../outbox/outbox.service';
import { archiveCaseInput, archiveDocumentInput, archiveEventInput } from './archive-input.mapper';
import { archiveFingerprint, archiveStorageKey, type ArchiveInput } from './archive-manifest';
import { ArchiveRecord } from './archive-record.entity';
import { retentionFor, retentionPolicy } from './archive-retention';
import { verifyStoredArchive } from './archive-verifier';
import type { ArchiveVerificationView } from './archive.view';
import { ArchiveWriter } from './archive-writer';

/**
 * Electronic archiving (docs/procedural-rules.md G29–G32): a case that closes is sealed into one ZIP by a job,
 * then moves to `archived` and is read-only. The job is idempotent and resumable: the storage
 * key is derived from the archive's content, so a retry after a crash reuses (after verifying)
 * what an interrupted attempt stored, and the archive row and the transition commit together.
 */
@Injectable()
export class ArchiveService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly transitions: CaseTransitions,
    private readonly storage: ObjectStorage,
    private readonly access: CaseAccess,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A closed case is sealed into the archive after the commit, by a job: writing the archive is slow, external I/O. */
  @TransitionEffect('archive.schedule')
  async scheduleArchive(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.outbox.add(tx, { job: JobName.ArchiveCase, data: { caseId: fired.case.id } });
  }

  /** Messages were posted and no transcript is filed. */
  private async transcriptsOwed(caseId: string): Promise<boolean> {
    const [row] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM mediation_messages WHERE case_id = $1)
          AND NOT EXISTS (SELECT 1 FROM documents WHERE case_id = $1 AND kind = 'message_transcript') AS owed`,
      [caseId],
    )) as { owed: boolean }[];
    return row.owed;
  }

  @JobHandler(JobName.ArchiveCase)
  async handle(job: Job<{ caseId: string }>): Promise<{ archived: boolean }> {
    return { archived: await this.archive(job.data.caseId) };
  }

  async archive(caseId: string): Promise<boolean> {
    const c = await this.db.getRepository(Case).findOneByOrFail({ id: caseId });
    if (c.status !== CaseStatus.Closed) return false; // already archived, or not closed: nothing to do
    // The transcripts belong in the archive; when a closing handed their filing to a job, wait for it.
    if (await this.transcriptsOwed(c.id)) throw new Error(`case ${c.id}: its message transcripts are not filed yet; the archive job retries`);
    const input = await this.inputOf(c);
    const algorithm = this.config.get('HASH_ALGORITHM');
    const storageKey = archiveStorageKey(c.id, archiveFingerprint(input, algorithm, ['zh-CN', 'en']));
    const retention = retentionFor(
      retentionPolicy(this.config.get('ARCHIVE_RETENTION_YEARS'), this.config.get('ARCHIVE_RETENTION_BY_OUTCOME')),
      c.outcome!,
      c.closedAt!,
      this.config.get('PLATFORM_TIMEZONE'),
    );
    const written = await new ArchiveWriter(this.storage).write(input, {
      storageKey,
      algorithm,
      retention,
      languages: ['zh-CN', 'en'],
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
      verifyUrl: this.config.get('PUBLIC_URL'),
    });
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const now = await tx.findOneByOrFail(Case, { id: caseId });
      if (now.status !== CaseStatus.Closed) return false;
      await tx
        .createQueryBuilder()
        .insert()
        .into(ArchiveRecord)
        .values({
          caseId,
          storageKey: written.storageKey,
          size: written.size,
          sha256: written.sha256,
          manifestHash: written.manifestHash,
          algorithm: written.algorithm,
          events: written.events,
          documents: written.documents,
          retentionYears: written.retention.years,
          retainUntil: written.retention.until,
          trustedTimestamp: (written.trustedTimestamp ?? null) as never,
          archivedAt: written.archivedAt,
        })
        .orIgnore()
        .execute();
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.Archive,
          actor: { kind: 'system', reason: 'archive job' },
          payload: {
            storageKey: written.storageKey,
            manifestHash: written.manifestHash,
            sha256: written.sha256,
            retainUntil: written.retention.until,
            // Whether the store itself enforces the retention (S3 Object Lock), not only the platform.
            objectLockedUntil: written.lockedUntil?.toISOString() ?? null,
          },
          triggers: ['feature'],
        },
        tx,
      );
      return true;
    });
  }

  private async inputOf(c: Case): Promise<ArchiveInput> {
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const events = await this.db.getRepository(CaseEventRecord).find({ where: { caseId: c.id }, order: { sequence: 'ASC' } });
    const documents = await this.db.getRepository(CaseDocument).find({ where: { caseId: c.id }, order: { createdAt: 'ASC' } });
    return { case: archiveCaseInput(c, parties), events: events.map(archiveEventInput), documents: documents.map(archiveDocumentInput) };
  }

  async record(user: AuthUser, caseId: string): Promise<ArchiveRecord> {
    await this.access.require(user, caseId, CaseAction.View);
    const row = await this.db.getRepository(ArchiveRecord).findOne({ where: { caseId } });
    if (!row) throw new NotFoundProblem(`Case ${caseId} has no archive yet`);
    return row;
  }

  /** Recompute every hash of the stored archive against the seal recorded when it was made. */
  async verify(user: AuthUser, caseId: string): Promise<ArchiveVerificationView> {
    const row = await this.record(user, caseId);
    const report = await verifyStoredArchive(this.storage, row.storageKey, { expectedManifestHash: row.manifestHash, expectedSha256: row.sha256 });
    // The manifest holds party identities and sealed names: the report says what was checked, not the content.
    return { ok: report.ok, zip: report.zip, items: report.items, recorded: { manifestHash: row.manifestHash, sha256: row.sha256 } };
  }

  /**
   * The ZIP holds sealed mediation content and is sealed whole: only those who could see every
   * item in it before may download it. A case with one side's caucus material in it is
   * therefore for the mediator alone; the parties keep their documents under /documents.
   */
  async content(user: AuthUser, caseId: string): Promise<{ row: ArchiveRecord; stream: Readable }> {
    const { roles } = await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const row = await this.record(user, caseId);
    const documents = await this.db.getRepository(CaseDocument).find({ where: { caseId }, select: { visibility: true, side: true, kind: true, uploadedBy: true } });
    const events = await this.db.getRepository(CaseEventRecord).find({ where: { caseId }, select: { confidential: true, confidentialSide: true } });
    if (!canSeeWholeRecord(roles, user.id, { documents, events })) {
      throw new ForbiddenProblem(
        'The archive holds sealed caucus material of the other side, so it is released whole only to the mediator; your own documents remain under the case documents',
      );
    }
    return { row, stream: await this.storage.get(row.storageKey) };
  }
}
