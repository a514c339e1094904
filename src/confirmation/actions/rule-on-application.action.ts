import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import type { Case } from '../../cases/entities/case.entity';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, ValidationProblem } from '../../common/errors/problem';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { ServiceOfProcess } from '../../service-of-process/service-of-process.service';
import { ServicePurpose } from '../../service-of-process/service.entity';
import { ApplicationStatus, ConfirmationApplication } from '../confirmation-application.entity';
import { REJECTION_GROUND_LABELS, validateRejection, type RejectionGround } from '../confirmation-rules';
import { ConfirmationService } from '../confirmation.service';

import { CourtReviewService, type Ruling } from '../court-review.service';

@Injectable()
export class RuleOnApplication {
  constructor(
    private readonly court: CourtReviewService,
    private readonly confirmation: ConfirmationService,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
  ) {}

  /** The judge rules the agreement valid: a ruling (民事裁定书) served on every party; the case is confirmed. */
  async confirm(user: AuthUser, applicationId: string): Promise<void> {
    await this.decide(user, applicationId, { outcome: 'confirmed' });
  }

  /** The judge rejects the application on grounds of Interp. 358: a ruling served on every party; the case is confirmation_rejected. */
  async reject(user: AuthUser, applicationId: string, body: { grounds: RejectionGround[]; explanation?: string }): Promise<void> {
    const errors = validateRejection(body);
    if (errors.length > 0) throw new ValidationProblem(errors);
    await this.decide(user, applicationId, { outcome: 'rejected', grounds: body.grounds, explanation: body.explanation ?? null });
  }

  private async decide(user: AuthUser, applicationId: string, ruling: Ruling): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.RuleOnConfirmation, tx);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: only a docketed application is ruled on`);
      const open = await this.court.openRequest(tx, app.id);
      if (open) throw new ConflictProblem(`Material asked for on ${open.requestedAt.toISOString()} is still awaited (until ${open.dueAt.toISOString()})`);
      const now = this.clock.now();
      const docs = new Map<PdfLanguage, CaseDocument>();
      const rulingIn = async (lang: PdfLanguage): Promise<CaseDocument> => {
        const made = docs.get(lang) ?? (await this.rulingPdf(tx, c, app, user, ruling, now, lang));
        docs.set(lang, made);
        return made;
      };
      // The court's ruling is in Chinese (CPL art. 11); a party reading English is served an English rendering too.
      const own = await rulingIn('zh-CN');
      await this.service.serveOnParties(tx, { case: c, purpose: ServicePurpose.Ruling, document: rulingIn });
      const confirmed = ruling.outcome === 'confirmed';
      const reason = confirmed ? undefined : ruling.grounds!.map((g) => REJECTION_GROUND_LABELS[g].en).join('; ') + (ruling.explanation ? ` — ${ruling.explanation}` : '');
      await this.transitions.fire(
        {
          caseId: c.id,
          event: confirmed ? CaseEvent.Confirm : CaseEvent.RejectConfirmation,
          actor: { kind: 'user', user },
          payload: {
            applicationId,
            docketNumber: app.docketNumber,
            rulingDocumentId: own.id,
            ...(confirmed ? {} : { grounds: ruling.grounds, explanation: ruling.explanation, reason }),
          },
          triggers: ['feature'],
        },
        tx,
      );
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        {
          status: confirmed ? ApplicationStatus.Confirmed : ApplicationStatus.Rejected,
          decidedAt: now,
          decidedBy: user.id,
          rulingDocumentId: own.id,
          rejectionGrounds: confirmed ? null : ruling.grounds,
          rejectionExplanation: confirmed ? null : (ruling.explanation ?? null),
          updatedAt: now,
        },
      );
    });
  }

  private async rulingPdf(tx: EntityManager, c: Case, app: ConfirmationApplication, judge: AuthUser, ruling: Ruling, decidedAt: Date, lang: PdfLanguage): Promise<CaseDocument> {
    const { bytes, filename } = await this.court.rulingBytes(tx, c, app, judge, ruling, decidedAt, lang);
    return this.documents.addGeneratedInTransaction(
      {
        caseId: c.id,
        kind: DocumentKind.Ruling,
        visibility: DocumentVisibility.Court,
        filename,
        contentType: 'application/pdf',
        bytes,
        actorId: judge.id,
        actorRole: CaseRole.ConfirmingJudge,
      },
      tx,
    );
  }
}
