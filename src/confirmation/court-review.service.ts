import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IsNull, type EntityManager } from 'typeorm';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import type { Case } from '../cases/entities/case.entity';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ConfirmationApplication, SupplementRequest } from './confirmation-application.entity';
import { rulingDocument, type RulingInput } from './confirmation-documents';
import { type RejectionGround } from './confirmation-rules';
import { ConfirmationService } from './confirmation.service';

/**
 * The court's side of judicial confirmation (docs/procedural-rules.md D20-D23), for the clerks and judges of the
 * court the application was lodged with: the queue with its deadlines, docketing with a 调确
 * number (or declining), requests for more material, the recorded extension of the decision
 * period, and the judge's ruling, generated from a template and served on the parties.
 *
 * Each step is an action in `actions/` (docket, decline, request material, extend, rule, preview
 * the ruling), the queue is `CourtQueueReader`; this is what they share: the ruling's text and
 * the open request for material.
 */
/** What the judge rules: the outcome, and for a rejection its grounds (Interp. 358) and explanation. */
export interface Ruling {
  outcome: 'confirmed' | 'rejected';
  grounds?: RejectionGround[];
  explanation?: string | null;
}

@Injectable()
export class CourtReviewService {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * What the ruling prints, read through `manager`: without the lock before rendering, and again
   * under it to check that nothing it was made from changed meanwhile.
   */
  async rulingFacts(manager: EntityManager, c: Case, app: ConfirmationApplication, judge: AuthUser, ruling: Ruling, decidedAt: Date): Promise<RulingInput> {
    const version = await manager.findOneByOrFail(AgreementVersionRecord, { id: app.agreementVersionId });
    const [court] = (await manager.query(`SELECT name FROM organisations WHERE id = $1`, [app.courtId])) as { name: string }[];
    return {
      documentId: app.docketNumber!,
      court: court.name,
      docketNumber: app.docketNumber!,
      parties: await this.confirmation.documentParties(manager, c.id, version),
      mediator: version.content.mediator,
      agreement: await this.confirmation.agreementFacts(manager, version),
      lodgedOn: this.calendar.localDate(app.lodgedAt!),
      docketedOn: this.calendar.localDate(app.docketedAt!),
      outcome: ruling.outcome,
      grounds: ruling.grounds,
      explanation: ruling.explanation,
      judge: judge.displayName,
      clerk: app.docketedBy ? ((await this.confirmation.userNames(manager, [app.docketedBy])).get(app.docketedBy) ?? null) : null,
      decidedAt,
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
    };
  }

  /** The ruling's PDF: CPU-heavy, so never rendered while a transaction holds the case lock. */
  async renderRuling(facts: RulingInput, lang: PdfLanguage): Promise<{ bytes: Buffer; filename: string }> {
    const bytes = await renderPdf(rulingDocument(facts, lang), lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    return { bytes, filename: lang === 'zh-CN' ? `民事裁定书-${facts.docketNumber}.pdf` : `ruling-${facts.docketNumber}.pdf` };
  }

  openRequest(tx: EntityManager, applicationId: string): Promise<SupplementRequest | null> {
    return tx.findOne(SupplementRequest, { where: { applicationId, supplementedAt: IsNull(), expiredAt: IsNull() } });
  }
}
