import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import type { Case } from '../cases/entities/case.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import type { Environment } from '../config/environment';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { mediatorForDocuments } from '../organisations/mediator-for-documents';
import { noticeOfMediation } from './service-documents';
import { ServiceOfProcess } from './service-of-process.service';
import { ServicePurpose } from './service.entity';

/** Serves the notice of mediation on the respondents when a mediator accepts (docs/procedural-rules.md A3). */
@Injectable()
export class NoticeOfMediationEffects {
  constructor(
    private readonly service: ServiceOfProcess,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The mediator's acceptance serves the notice of mediation on the respondents: with the acceptance or not at all. */
  @TransitionEffect('serviceOfProcess.serveNoticeOfMediation')
  async noticeOnAcceptance(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.serveNoticeOfMediation(tx, fired.case);
  }

  private async serveNoticeOfMediation(tx: EntityManager, c: Case): Promise<void> {
    const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const respondents = parties.filter((p) => p.side === PartySide.Respondent);
    const mediator = await mediatorForDocuments(tx, c.mediatorId);
    const now = this.clock.now();
    await this.service.serveOnParties(tx, {
      case: c,
      purpose: ServicePurpose.NoticeOfMediation,
      partyIds: respondents.map((p) => p.id),
      document: async (lang) => {
        const documentId = `${c.number}-NOTICE-${lang}`;
        const pdf = await renderPdf(
          noticeOfMediation(
            {
              documentId,
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
              issuedAt: now,
              timeZone: this.config.get('PLATFORM_TIMEZONE'),
            },
            lang,
          ),
          lang,
          { timeZone: this.config.get('PLATFORM_TIMEZONE') },
        );
        return this.documents.addGeneratedInTransaction(
          {
            caseId: c.id,
            kind: DocumentKind.NoticeOfMediation,
            visibility: DocumentVisibility.AllParties,
            filename: lang === 'zh-CN' ? `调解通知书-${c.number}.pdf` : `notice-of-mediation-${c.number}.pdf`,
            contentType: 'application/pdf',
            bytes: pdf,
            actorId: null,
            actorRole: CaseRole.System,
          },
          tx,
        );
      },
    });
    // Respondents see the case from the moment the notice is served on them.
    await tx.query(`UPDATE cases SET respondent_access_from = COALESCE(respondent_access_from, $2) WHERE id = $1`, [c.id, now]);
  }
}
