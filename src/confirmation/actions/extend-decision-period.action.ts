import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import { ApplicationStatus, ConfirmationApplication } from '../confirmation-application.entity';
import { decisionDeadline, decisionExtensionProblem } from '../confirmation-rules';
import { ConfirmationService } from '../confirmation.service';

@Injectable()
export class ExtendDecisionPeriod {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A judge records the approved extension of the decision period (2011 Prov. 5), once, before it ends. */
  async run(user: AuthUser, applicationId: string, body: { approvedBy: string; reason: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      await this.access.require(user, c.id, CaseAction.ExtendDecisionPeriod, tx);
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: there is no decision period running`);
      const approval = { approvedBy: body.approvedBy, reason: body.reason, approvedAt: this.clock.now() };
      const days = this.config.get('COURT_DECISION_DAYS');
      const problem = decisionExtensionProblem(app.docketedAt!, approval, this.calendar, { alreadyExtended: app.extensionApprovedAt !== null, days });
      if (problem) throw new ConflictProblem(problem);
      const decision = decisionDeadline(app.docketedAt!, this.calendar, { extension: approval, days, extensionDays: this.config.get('COURT_DECISION_EXTENSION_DAYS') });
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        {
          extensionApprovedBy: approval.approvedBy,
          extensionReason: approval.reason,
          extensionApprovedAt: approval.approvedAt,
          extensionRecordedBy: user.id,
          decisionDueAt: decision.dueAt,
          decisionLastDay: decision.lastDay,
          updatedAt: approval.approvedAt,
        },
      );
      // The transition's deadlines.extend moves the court_decision deadline by the same days, from the same last day.
      await this.transitions.fire(
        {
          caseId: c.id,
          event: CaseEvent.ExtendDecision,
          actor: { kind: 'user', user },
          payload: {
            applicationId,
            approvedBy: approval.approvedBy,
            reason: approval.reason,
            extendDays: this.config.get('COURT_DECISION_EXTENSION_DAYS'),
            decisionDueAt: decision.dueAt.toISOString(),
            originalDueAt: decision.originalDueAt.toISOString(),
          },
          triggers: ['feature'],
        },
        tx,
      );
    });
  }
}
