import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { ApplicationStatus, ConfirmationApplication } from '../confirmation-application.entity';
import { ConfirmationService } from '../confirmation.service';

@Injectable()
export class DeclineApplication {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
  ) {}

  /** The court declines the application (no jurisdiction), with its reason: the case is settled again. */
  async run(user: AuthUser, applicationId: string, body: { reason: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      if (app.status !== ApplicationStatus.Lodged) throw new ConflictProblem(`The application is ${app.status}: only a lodged application is declined`);
      await this.transitions.fire(
        { caseId: c.id, event: CaseEvent.CourtDecline, actor: { kind: 'user', user }, payload: { applicationId, reason: body.reason }, triggers: ['feature'] },
        tx,
      );
      const now = this.clock.now();
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        { status: ApplicationStatus.Declined, declinedAt: now, declinedBy: user.id, declineReason: body.reason, updatedAt: now },
      );
    });
  }
}
