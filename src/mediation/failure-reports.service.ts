import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseRole } from '../cases/lifecycle/case-roles';
import type { UpcomingTransition } from '../cases/prepared-transition';
import { PrepareTransitionEffect, TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { NotFoundProblem } from '../common/errors/problem';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { FailureReportRecord } from './failure-report.entity';
import { MediationCase } from './mediation-case.service';
import { FailureReportView } from './termination.dto';
import { failureHandOff } from './termination';
import { FailureReportDrafts, reportFilename, type ReportDraft } from './termination/failure-report-drafts';

/**
 * The end of a mediation without agreement (docs/procedural-rules.md B8-B9). The mediator terminates with a
 * reason; a party withdraws; the period expires. Whichever it is, the failure report is written
 * (reasons and cost-raising conduct, never the negotiation's content) and its PDF rendered and
 * stored just before the transition's transaction; in it, the report is recorded as a
 * court-visible document, served on every party and, for a court referral, on the referring
 * court as the hand-off.
 */
@Injectable()
export class FailureReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly room: MediationCase,
    private readonly drafts: FailureReportDrafts,
    private readonly documents: DocumentsService,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
  ) {}

  async get(user: AuthUser, caseId: string): Promise<FailureReportView> {
    await this.access.require(user, caseId, CaseAction.View);
    const report = await this.db.getRepository(FailureReportRecord).findOneBy({ caseId });
    if (!report) throw new NotFoundProblem('This case has no failure report');
    return FailureReportView.of(report);
  }

  /** Before the transaction that ends the mediation: the report, and its PDF in each language its recipients read, stored. */
  @PrepareTransitionEffect('failureReport.issue')
  async prepareReport(upcoming: UpcomingTransition): Promise<PreparedReport> {
    const c = upcoming.case;
    const draft = await this.drafts.forTransition(this.db.manager, upcoming);
    const preparedAt = this.clock.now();
    const render = await this.drafts.renderer(this.db.manager, c, draft, preparedAt);
    const toCourt = failureHandOff(c.source, c.referralType) !== 'none' && c.referringCourtId !== null;
    const documents = new Map<PdfLanguage, PreparedDocument>();
    for (const lang of await this.service.languagesOf(this.db.manager, c, { court: toCourt })) {
      const document = await this.documents.prepareGenerated({
        caseId: c.id,
        kind: DocumentKind.FailureReport,
        visibility: DocumentVisibility.Court,
        filename: reportFilename(c, lang),
        contentType: 'application/pdf',
        bytes: await render(lang),
        actorId: draft.preparedBy?.id ?? null,
        actorRole: draft.preparedBy ? CaseRole.Mediator : CaseRole.System,
      });
      documents.set(lang, document);
    }
    return { draft, preparedAt, documents };
  }

  /** A mediation that ends without agreement (terminated, withdrawn from, expired) gets its report, served. A withdrawal before mediation began ends an application, not a mediation: its row names no report. */
  @TransitionEffect('failureReport.issue')
  async issueOnEnd(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const { draft, preparedAt, documents } = fired.prepared as PreparedReport;
    const c = fired.case;
    const id = randomUUID();
    const handOff = failureHandOff(c.source, c.referralType);
    const explanationIn = (lang: PdfLanguage): string => (typeof draft.explanation === 'string' ? draft.explanation : draft.explanation[lang]);
    const documentIn = this.documents.recordOnFirstUse(tx, c, documents);
    const served = [...(await this.service.serveOnParties(tx, { case: c, purpose: ServicePurpose.FailureReport, document: documentIn }))];
    // The hand-off (docs/procedural-rules.md B9; 特邀 26): the referring court receives the report by service too.
    if (handOff !== 'none' && c.referringCourtId) {
      served.push(await this.service.serveOnCourt(tx, { case: c, purpose: ServicePurpose.FailureReport, courtOrganisationId: c.referringCourtId, document: documentIn }));
    }
    const documentIds = [...new Set(served.map((s) => s.documentId))];
    await tx.insert(FailureReportRecord, {
      id,
      caseId: c.id,
      event: fired.transition.event,
      reasons: draft.reasons,
      partiesConcerned: draft.partiesConcerned,
      explanation: explanationIn(c.preferredLanguage === 'en' ? 'en' : 'zh-CN'),
      costRaisingConduct: draft.costRaisingConduct,
      preparedBy: draft.preparedBy?.id ?? null,
      preparedAt,
      handOff,
      documentIds,
    });
    await this.room.record(tx, c, {
      type: 'failure_report_issued',
      actorId: draft.preparedBy?.id ?? null,
      actorRole: draft.preparedBy ? CaseRole.Mediator : CaseRole.System,
      payload: { failureReportId: id, reasons: draft.reasons, handOff, documentIds },
    });
  }
}

/** A failure report written and its PDFs stored, before the transaction that ends the mediation. */
interface PreparedReport {
  draft: ReportDraft;
  preparedAt: Date;
  documents: ReadonlyMap<PdfLanguage, PreparedDocument>;
}
