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
import { requireUnchanged, retryStaleReads, StaleRead } from '../../common/stale-read';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { ServiceOfProcess } from '../../service-of-process/service-of-process.service';
import { ServicePurpose } from '../../service-of-process/service.entity';
import { ApplicationStatus, ConfirmationApplication } from '../confirmation-application.entity';
import type { RulingInput } from '../confirmation-documents';
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

  /**
   * Reads and renders without the lock (the ruling in Chinese and in each language a party reads),
   * stores the PDFs, then rules under the lock, recording them only if what they were made from
   * still holds; otherwise it starts again from the read (issue 22, item 4).
   */
  private async decide(user: AuthUser, applicationId: string, ruling: Ruling): Promise<void> {
    await retryStaleReads(async () => {
      const now = this.clock.now();
      const read = await this.confirmation.readApplication(user, applicationId, (manager, app, { case: c }) => this.ruleable(manager, user, c, app, ruling, now));
      const prepared = new Map<PdfLanguage, PreparedDocument>();
      // The court's ruling is in Chinese (CPL art. 11); a party reading English is served an English rendering too.
      for (const lang of new Set<PdfLanguage>(['zh-CN', ...read.languages])) prepared.set(lang, await this.prepareRuling(read.c, user, read.facts, lang));

      await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
        const locked = await this.ruleable(tx, user, c, app, ruling, now);
        requireUnchanged(read.facts, locked.facts, c.version);
        const docs = new Map<PdfLanguage, CaseDocument>();
        const rulingIn = async (lang: PdfLanguage): Promise<CaseDocument> => {
          const ready = prepared.get(lang);
          // A party came to read a language no rendering was made in: render again from a fresh read.
          if (!ready) throw new StaleRead(c.version);
          const made = docs.get(lang) ?? (await this.documents.recordGenerated(tx, ready));
          docs.set(lang, made);
          return made;
        };
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
    });
  }

  /**
   * Whether the judge may rule on the application now, and what the ruling is made from, read
   * through `manager`: once without the lock, once under it. The case's version and status and
   * the application's own state are among the facts, so any change to them counts.
   */
  private async ruleable(manager: EntityManager, user: AuthUser, c: Case, app: ConfirmationApplication, ruling: Ruling, decidedAt: Date) {
    await this.access.require(user, c.id, CaseAction.RuleOnConfirmation, manager);
    if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: only a docketed application is ruled on`);
    const open = await this.court.openRequest(manager, app.id);
    if (open) throw new ConflictProblem(`Material asked for on ${open.requestedAt.toISOString()} is still awaited (until ${open.dueAt.toISOString()})`);
    const document = await this.court.rulingFacts(manager, c, app, user, ruling, decidedAt);
    return {
      c,
      languages: await this.service.languagesOf(manager, c),
      facts: { caseVersion: c.version, caseStatus: c.status, applicationUpdatedAt: app.updatedAt, document },
    };
  }

  /** Before the transaction: render the ruling in `lang` and store it, to be recorded under the lock. */
  private async prepareRuling(c: Case, judge: AuthUser, facts: { document: RulingInput }, lang: PdfLanguage): Promise<PreparedDocument> {
    const { bytes, filename } = await this.court.renderRuling(facts.document, lang);
    return this.documents.prepareGenerated({
      caseId: c.id,
      kind: DocumentKind.Ruling,
      visibility: DocumentVisibility.Court,
      filename,
      contentType: 'application/pdf',
      bytes,
      actorId: judge.id,
      actorRole: CaseRole.ConfirmingJudge,
    });
  }
}
