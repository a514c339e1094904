import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem, ValidationProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { ApplicationStatus } from '../confirmation-application.entity';
import { validateRejection, type RejectionGround } from '../confirmation-rules';
import { ConfirmationService } from '../confirmation.service';

import { CourtReviewService } from '../court-review.service';

@Injectable()
export class PreviewRuling {
  constructor(
    private readonly court: CourtReviewService,
    private readonly confirmation: ConfirmationService,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
  ) {}

  /**
   * The ruling as it would be issued now, for the judge to read before issuing it: rendered from
   * the same template, stored nowhere, served on no one.
   */
  async run(
    user: AuthUser,
    applicationId: string,
    ruling: { outcome: 'confirmed' | 'rejected'; grounds?: RejectionGround[]; explanation?: string },
    lang: PdfLanguage,
  ): Promise<{ bytes: Buffer; filename: string }> {
    if (ruling.outcome === 'rejected') {
      const errors = validateRejection({ grounds: ruling.grounds ?? [], explanation: ruling.explanation });
      if (errors.length > 0) throw new ValidationProblem(errors);
    }
    // Read without the lock: a preview changes nothing, and rendering must not hold the case.
    const facts = await this.confirmation.readApplication(user, applicationId, async (manager, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.RuleOnConfirmation, manager);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: only a docketed application is ruled on`);
      return this.court.rulingFacts(manager, c, app, user, { ...ruling, explanation: ruling.explanation ?? null }, this.clock.now());
    });
    const rendered = await this.court.renderRuling(facts, lang);
    return { bytes: rendered.bytes, filename: `preview-${rendered.filename}` };
  }
}
