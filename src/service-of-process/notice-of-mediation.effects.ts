import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import type { UpcomingTransition } from '../cases/prepared-transition';
import { PrepareTransitionEffect, TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import type { Environment } from '../config/environment';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { mediatorForDocuments } from '../organisations/mediator-for-documents';
import { noticeOfMediation } from './service-documents';
import { ServiceOfProcess } from './service-of-process.service';
import { ServicePurpose } from './service.entity';

/** Serves the notice of mediation on the respondents when a mediator accepts (docs/procedural-rules.md A3). */
@Injectable()
export class NoticeOfMediationEffects {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly service: ServiceOfProcess,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Before the acceptance's transaction: the notice, in each language its respondents read, names
   * the accepting mediator and is rendered and stored while no lock is held.
   */
  @PrepareTransitionEffect('serviceOfProcess.serveNoticeOfMediation')
  async prepareNotice(upcoming: UpcomingTransition): Promise<PreparedNotice> {
    const c = upcoming.case;
    const parties = await this.db.manager.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const respondents = parties.filter((p) => p.side === PartySide.Respondent);
    const mediator = await mediatorForDocuments(this.db.manager, (upcoming.set.mediatorId as string | undefined) ?? c.mediatorId);
    const issuedAt = this.clock.now();
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    const documents = new Map<PdfLanguage, PreparedDocument>();
    for (const lang of await this.service.languagesOf(this.db.manager, c, { partyIds: respondents.map((p) => p.id) })) {
      const spec = noticeOfMediation(
        {
          documentId: `${c.number}-NOTICE-${lang}`,
          caseNumber: c.number,
          caseTitle: c.title,
          disputeType: c.disputeType,
          statement: c.statement,
          claims: c.claims,
          applicants: parties.filter((p) => p.side === PartySide.Applicant).map((p) => p.name),
          respondents: respondents.map((p) => p.name),
          mediatorName: mediator?.name ?? '—',
          organisation: mediator?.organisation ?? null,
          answerWorkingDays: this.config.get('RESPONDENT_CONSENT_WORKING_DAYS'),
          issuedAt,
          timeZone,
        },
        lang,
      );
      const prepared = await this.documents.prepareGenerated({
        caseId: c.id,
        kind: DocumentKind.NoticeOfMediation,
        visibility: DocumentVisibility.AllParties,
        filename: lang === 'zh-CN' ? `调解通知书-${c.number}.pdf` : `notice-of-mediation-${c.number}.pdf`,
        contentType: 'application/pdf',
        bytes: await renderPdf(spec, lang, { timeZone }),
        actorId: null,
        actorRole: CaseRole.System,
      });
      documents.set(lang, prepared);
    }
    return { respondentIds: respondents.map((p) => p.id), issuedAt, documents };
  }

  /** The mediator's acceptance serves the notice of mediation on the respondents: with the acceptance or not at all. */
  @TransitionEffect('serviceOfProcess.serveNoticeOfMediation')
  async noticeOnAcceptance(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const notice = fired.prepared as PreparedNotice;
    await this.service.serveOnParties(tx, {
      case: fired.case,
      purpose: ServicePurpose.NoticeOfMediation,
      partyIds: notice.respondentIds,
      document: this.documents.recordOnFirstUse(tx, fired.case, notice.documents),
    });
    // Respondents see the case from the moment the notice is served on them.
    await tx.query(`UPDATE cases SET respondent_access_from = COALESCE(respondent_access_from, $2) WHERE id = $1`, [fired.case.id, notice.issuedAt]);
  }
}

/** The notice of mediation, rendered and stored per language before the acceptance's transaction. */
interface PreparedNotice {
  respondentIds: string[];
  issuedAt: Date;
  documents: ReadonlyMap<PdfLanguage, PreparedDocument>;
}
