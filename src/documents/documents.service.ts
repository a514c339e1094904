import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction, canSeeDocument, COURT_ROLES } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundProblem, ProblemException, ProblemType, ValidationProblem } from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import { StaleRead } from '../common/stale-read';
import type { Environment } from '../config/environment';
import { CaseEventLog } from '../cases/case-event-log.service';
import { Case } from '../cases/entities/case.entity';
import { APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from '../cases/lifecycle/case-roles';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { ObjectTooLargeError } from '../infrastructure/storage/object-storage.errors';
import { CaseDocument, CONFIDENTIAL_VISIBILITIES, DocumentKind, DocumentVisibility } from './document.entity';
import type { UploadDocumentQuery } from './document.dto';
import { receiveFile } from './multipart-file';
import { insertDocument } from './document-rows';
import { noteStorageWrite } from './storage-writes';

/** A document the platform produced, with its bytes. */
export interface GeneratedDocumentInput {
  caseId: string;
  kind: DocumentKind;
  visibility: DocumentVisibility;
  /** The side an `own_side_and_mediator` document belongs to (a caucus record). */
  side?: 'applicant' | 'respondent';
  filename: string;
  contentType: string;
  bytes: Buffer;
  actorId: string | null;
  actorRole: string;
}

/** A generated document whose bytes are stored and not yet recorded: what a transaction records. */
export type PreparedDocument = Omit<GeneratedDocumentInput, 'bytes'> & { id: string; storageKey: string; size: number; sha256: string };

@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly storage: ObjectStorage,
    private readonly idempotency: Idempotency,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  /**
   * Stream an upload to storage, hashing it on the way, then record it and its hash in the
   * case's event chain. Nothing is recorded unless the bytes are stored; stored bytes whose
   * record fails are removed.
   */
  async upload(user: AuthUser, caseId: string, query: UploadDocumentQuery, req: Request, idem?: IdempotentRequest): Promise<CaseDocument> {
    const { roles, case: c } = await this.access.require(user, caseId, CaseAction.UploadDocument);
    const previous = await this.idempotency.previous(idem, 'document');
    if (previous) {
      req.resume();
      return this.db.getRepository(CaseDocument).findOneByOrFail({ id: previous });
    }
    const side = APPLICANT_SIDE.some((r) => roles.includes(r)) ? 'applicant' : RESPONDENT_SIDE.some((r) => roles.includes(r)) ? 'respondent' : null;
    const courtOnly = side === null && COURT_ROLES.some((r) => roles.includes(r)) && !roles.includes(CaseRole.Mediator);
    const visibility = query.visibility ?? (courtOnly ? DocumentVisibility.Court : DocumentVisibility.AllParties);
    if (courtOnly && visibility !== DocumentVisibility.Court) {
      req.resume();
      throw new ValidationProblem([{ field: 'visibility', rule: 'isIn', message: 'court staff upload court documents only (visibility=court)' }]);
    }
    if (visibility === DocumentVisibility.OwnSideAndMediator && side === null) {
      req.resume();
      throw new ValidationProblem([{ field: 'visibility', rule: 'isIn', message: 'own_side_and_mediator is for a party’s own documents' }]);
    }
    if (query.supersedesId) {
      const old = await this.db.getRepository(CaseDocument).findOne({ where: { id: query.supersedesId, caseId } });
      if (!old || !canSeeDocument(roles, old, user.id)) {
        req.resume();
        throw new ValidationProblem([{ field: 'supersedesId', rule: 'isCaseDocument', message: 'supersedesId is not a document of this case' }]);
      }
    }

    const file = await receiveFile(req);
    const id = randomUUID();
    const key = `cases/${caseId}/documents/${id}`;
    const maxBytes = this.config.get('MAX_UPLOAD_MB') * 1024 * 1024;
    let stored;
    try {
      await noteStorageWrite(this.db.manager, key, this.clock.now());
      stored = await this.storage.put(key, file.stream, { contentType: file.contentType, maxBytes });
    } catch (error) {
      file.drain();
      if (error instanceof ObjectTooLargeError) {
        throw new ProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          ProblemType.PayloadTooLarge,
          'Payload too large',
          `The file is larger than ${this.config.get('MAX_UPLOAD_MB')} MB`,
        );
      }
      throw error;
    }
    try {
      return await this.db.transaction(async (tx) => {
        // Asked again under the lock: the case may have closed, or this person left it, during the upload.
        const { chainHead } = await this.access.requireLocked(user, caseId, CaseAction.UploadDocument, tx);
        const doc = tx.create(CaseDocument, {
          id,
          caseId,
          kind: query.kind,
          visibility,
          side,
          filename: file.filename,
          contentType: file.contentType,
          size: stored.size,
          sha256: stored.sha256,
          storageKey: key,
          uploadedBy: user.id,
          supersedesId: query.supersedesId ?? null,
        });
        doc.createdAt = await insertDocument(tx, doc);
        await this.events.appendAfter(tx, caseId, c.hashAlgorithm as 'sha256', chainHead, {
          type: 'document_added',
          actorId: user.id,
          actorRole: roles[0],
          payload: {
            documentId: id,
            kind: query.kind,
            visibility,
            filename: file.filename,
            contentType: file.contentType,
            size: stored.size,
            sha256: stored.sha256,
            supersedesId: query.supersedesId ?? null,
          },
          // A party's private exhibit is mediation content, and its very name is that side's.
          confidential: CONFIDENTIAL_VISIBILITIES.includes(visibility),
          confidentialSide: visibility === DocumentVisibility.OwnSideAndMediator && side !== null ? side : undefined,
        });
        await this.idempotency.record(tx, idem, 'document', id);
        // The insert answered what the database generated (the time it was recorded): no re-read.
        return doc;
      });
    } catch (error) {
      await this.storage.delete(key).catch((e: unknown) => this.logger.error({ err: e, key }, 'could not remove an orphaned upload'));
      if (idem && this.idempotency.isKeyCollision(error)) {
        return this.db.getRepository(CaseDocument).findOneByOrFail({ id: (await this.idempotency.previous(idem, 'document'))! });
      }
      throw error;
    }
  }

  /**
   * Store a document the platform produced (a generated PDF, a transcript, a demo exhibit) and
   * record it in the case's chain, in a transaction of its own. Callers that record it inside a
   * wider transaction use {@link prepareGenerated} before that transaction opens and
   * {@link recordGenerated} inside it.
   */
  async addGenerated(input: GeneratedDocumentInput): Promise<CaseDocument> {
    const prepared = await this.prepareGenerated(input);
    try {
      return await this.db.transaction((tx) => this.recordGenerated(tx, prepared));
    } catch (error) {
      await this.storage.delete(prepared.storageKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Before any transaction opens: store the bytes under a key of their own, noted first (in its
   * own commit) so that, should the transaction that records them roll back, the orphaned-object
   * sweep deletes the object no row refers to. No case lock is held while the bytes travel.
   */
  async prepareGenerated(input: GeneratedDocumentInput): Promise<PreparedDocument> {
    if (input.visibility === DocumentVisibility.OwnSideAndMediator && !input.side) throw new Error('an own_side_and_mediator document needs its side');
    const { bytes, ...document } = input;
    const id = randomUUID();
    const storageKey = `cases/${input.caseId}/documents/${id}`;
    await noteStorageWrite(this.db.manager, storageKey, this.clock.now());
    const stored = await this.storage.put(storageKey, Readable.from([bytes]), { contentType: input.contentType });
    return { ...document, id, storageKey, size: stored.size, sha256: stored.sha256 };
  }

  /**
   * Inside the caller's transaction: the document per language, recorded the first time a
   * language is asked for (the service of process asks once per language its recipients read).
   * A language nobody prepared means the recipients changed since the preparation.
   */
  recordOnFirstUse(tx: EntityManager, c: Case, prepared: ReadonlyMap<PdfLanguage, PreparedDocument>): (lang: PdfLanguage) => Promise<CaseDocument> {
    const recorded = new Map<PdfLanguage, Promise<CaseDocument>>();
    return async (lang) => {
      const document = prepared.get(lang);
      if (!document) throw new StaleRead(c.version, `no ${lang} document was prepared`);
      const known = recorded.get(lang) ?? this.recordGenerated(tx, document);
      recorded.set(lang, known);
      return known;
    };
  }

  /** Inside the caller's transaction: record a prepared document and its event. Database work only. */
  async recordGenerated(tx: EntityManager, prepared: PreparedDocument): Promise<CaseDocument> {
    await this.events.lockCase(tx, prepared.caseId);
    const c = await tx.findOneByOrFail(Case, { id: prepared.caseId });
    await insertDocument(tx, {
      id: prepared.id,
      caseId: prepared.caseId,
      kind: prepared.kind,
      visibility: prepared.visibility,
      side: prepared.side ?? null,
      filename: prepared.filename,
      contentType: prepared.contentType,
      size: prepared.size,
      sha256: prepared.sha256,
      storageKey: prepared.storageKey,
      uploadedBy: prepared.actorId,
      supersedesId: null,
    });
    await this.events.append(tx, prepared.caseId, c.hashAlgorithm as 'sha256', {
      type: 'document_added',
      actorId: prepared.actorId,
      actorRole: prepared.actorRole,
      payload: {
        documentId: prepared.id,
        kind: prepared.kind,
        visibility: prepared.visibility,
        filename: prepared.filename,
        contentType: prepared.contentType,
        size: prepared.size,
        sha256: prepared.sha256,
        generated: true,
      },
      confidential: CONFIDENTIAL_VISIBILITIES.includes(prepared.visibility),
      confidentialSide: prepared.visibility === DocumentVisibility.OwnSideAndMediator ? prepared.side : undefined,
    });
    return tx.findOneByOrFail(CaseDocument, { id: prepared.id });
  }

  /**
   * Lodge documents with the court (an application for confirmation and its materials): an
   * `all_parties` document becomes `court`, the tier that adds the court to the same readers.
   * Private (`own_side_and_mediator`) documents are never widened: the caller refuses them.
   * Recorded in the case's chain, in the caller's transaction (which holds the case lock).
   */
  async lodgeWithCourt(tx: EntityManager, c: Case, documentIds: readonly string[], actor: { id: string | null; role: string }): Promise<void> {
    if (documentIds.length === 0) return;
    const widened = (await tx.query(`UPDATE documents SET visibility = $3 WHERE case_id = $1 AND id = ANY($2::uuid[]) AND visibility = $4 RETURNING id`, [
      c.id,
      documentIds,
      DocumentVisibility.Court,
      DocumentVisibility.AllParties,
    ])) as [{ id: string }[], number];
    const ids = widened[0].map((r) => r.id);
    if (ids.length === 0) return;
    await this.events.append(tx, c.id, c.hashAlgorithm as 'sha256', {
      type: 'documents_lodged_with_court',
      actorId: actor.id,
      actorRole: actor.role,
      payload: { documentIds: ids, from: DocumentVisibility.AllParties, to: DocumentVisibility.Court },
    });
  }

  async list(user: AuthUser, caseId: string): Promise<CaseDocument[]> {
    const { roles } = await this.access.require(user, caseId, CaseAction.ListDocuments);
    const docs = await this.db.getRepository(CaseDocument).find({ where: { caseId }, order: { createdAt: 'ASC' } });
    return docs.filter((d) => canSeeDocument(roles, d, user.id));
  }

  /** A document you may see; 404 otherwise, whether or not it exists. */
  async get(user: AuthUser, documentId: string): Promise<CaseDocument> {
    const doc = await this.db.getRepository(CaseDocument).findOne({ where: { id: documentId } });
    if (!doc) throw new NotFoundProblem(`No document ${documentId}`);
    const { roles } = await this.access.load(user, doc.caseId).catch(() => {
      throw new NotFoundProblem(`No document ${documentId}`);
    });
    if (!canSeeDocument(roles, doc, user.id)) throw new NotFoundProblem(`No document ${documentId}`);
    return doc;
  }

  async content(user: AuthUser, documentId: string): Promise<{ doc: CaseDocument; stream: Readable }> {
    const doc = await this.get(user, documentId);
    return { doc, stream: await this.storage.get(doc.storageKey) };
  }
}
