import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import type { Case } from '../cases/entities/case.entity';
import type { CaseRole } from '../cases/lifecycle/case-roles';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfDocumentSpec, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ProblemException } from '../common/errors/problem';
import { StaleRead } from '../common/stale-read';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import type { ConfirmationApplication } from './confirmation-application.entity';
import type { ObjectionWindow } from './court-procedure-rules';
import { RulingObjection } from './ruling-objection.entity';

/** An objection filed after its window closed (Interp. 372; docs/procedural-rules.md D23): the problem names the deadline. */
export class ObjectionWindowPassedProblem extends ProblemException {
  constructor(detail: string, window: ObjectionWindow) {
    super(HttpStatus.CONFLICT, 'urn:accord:problem:objection-window-passed', 'The period to object has ended', detail, {
      deadline: { kind: window.kind, setting: window.setting, length: window.length, lastDay: window.lastDay, closedAt: window.dueAt.toISOString() },
    });
  }
}

/**
 * What the court's summonses (docs/procedural-rules.md D21) and objections to the ruling (D23) share: the names they
 * print, their PDFs rendered and stored before the transaction and recorded in it, and their entry in the case's
 * timeline. The use cases are actions in actions/.
 */
@Injectable()
export class CourtProcedureService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly events: CaseEventLog,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  get timeZone(): string {
    return this.config.get('PLATFORM_TIMEZONE');
  }

  async courtName(manager: EntityManager, courtId: string): Promise<string> {
    const [court] = (await manager.query(`SELECT name FROM organisations WHERE id = $1`, [courtId])) as { name: string }[];
    return court.name;
  }

  /** The case's parties by name, applicants first, as documents list them. */
  async partyNames(manager: EntityManager, caseId: string): Promise<{ id: string; name: string }[]> {
    return (await manager.query(`SELECT id, name FROM case_parties WHERE case_id = $1 ORDER BY side, position`, [caseId])) as { id: string; name: string }[];
  }

  /** Render a document in each language and store it, before the transaction (no external I/O under the case lock). */
  async prepare(
    c: Case,
    kind: DocumentKind,
    languages: Iterable<PdfLanguage>,
    spec: (lang: PdfLanguage) => { doc: PdfDocumentSpec; filename: string },
    actor: { id: string; role: CaseRole | string },
  ): Promise<Map<PdfLanguage, PreparedDocument>> {
    const prepared = new Map<PdfLanguage, PreparedDocument>();
    for (const lang of new Set(languages)) {
      const { doc, filename } = spec(lang);
      const bytes = await renderPdf(doc, lang, { timeZone: this.timeZone });
      prepared.set(
        lang,
        await this.documents.prepareGenerated({
          caseId: c.id,
          kind,
          visibility: DocumentVisibility.Court,
          filename,
          contentType: 'application/pdf',
          bytes,
          actorId: actor.id,
          actorRole: actor.role,
        }),
      );
    }
    return prepared;
  }

  /** Inside the transaction: the prepared document of a language, recorded once; a language not prepared means the read went stale. */
  recorder(tx: EntityManager, c: Case, prepared: Map<PdfLanguage, PreparedDocument>): (lang: PdfLanguage) => Promise<CaseDocument> {
    const recorded = new Map<PdfLanguage, CaseDocument>();
    return async (lang) => {
      const ready = prepared.get(lang);
      if (!ready) throw new StaleRead(c.version);
      const made = recorded.get(lang) ?? (await this.documents.recordGenerated(tx, ready));
      recorded.set(lang, made);
      return made;
    };
  }

  /** An entry in the case's timeline (its hash chain), at the platform's time. */
  async record(tx: EntityManager, c: Case, user: AuthUser | null, role: CaseRole | string, type: string, payload: Record<string, unknown>): Promise<void> {
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, { type, actorId: user?.id ?? null, actorRole: role, payload }, this.clock.now());
  }

  /**
   * Inside the transaction, for a party's and a third party's objection alike: record its document, serve it on the
   * court through the one service path, store the objection and enter it in the case's timeline.
   */
  async serveObjection(
    tx: EntityManager,
    input: {
      case: Case;
      app: ConfirmationApplication;
      prepared: Map<PdfLanguage, PreparedDocument>;
      user: AuthUser;
      role: CaseRole | string;
      objection: Omit<RulingObjection, 'applicationId' | 'caseId' | 'filedBy' | 'documentId' | 'reviewDecision' | 'reviewNote' | 'reviewedBy' | 'reviewedAt'>;
    },
  ): Promise<RulingObjection> {
    const { case: c, app, objection } = input;
    const documentIn = this.recorder(tx, c, input.prepared);
    const own = await documentIn('zh-CN');
    // A PRC court works in Chinese (CPL art. 11): what is lodged with it is in Chinese, whatever the case's language.
    await this.service.serveOnCourt(tx, { case: c, purpose: ServicePurpose.RulingObjection, courtOrganisationId: app.courtId, document: async () => own });
    await tx.insert(RulingObjection, { ...objection, applicationId: app.id, caseId: c.id, filedBy: input.user.id, documentId: own.id });
    await this.record(tx, c, input.user, input.role, 'ruling_objection_filed', {
      applicationId: app.id,
      objectionId: objection.id,
      kind: objection.kind,
      partyId: objection.partyId,
      objectorName: objection.objectorName,
      windowLastDay: objection.windowLastDay,
      documentId: own.id,
    });
    return tx.findOneByOrFail(RulingObjection, { id: objection.id });
  }
}
