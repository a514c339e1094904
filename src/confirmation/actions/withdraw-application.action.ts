import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Clock } from '../../infrastructure/clock/clock';
import { ApplicationStatus, ConfirmationApplication, OPEN_APPLICATION } from '../confirmation-application.entity';
import { ConfirmationService, isParty } from '../confirmation.service';

@Injectable()
export class WithdrawApplication {
  constructor(
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly confirmation: ConfirmationService,
    private readonly clock: Clock,
  ) {}

  /** A party withdraws the application before the ruling (Interp. 357). */
  async run(user: AuthUser, applicationId: string, body: { reason: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      await this.access.require(user, c.id, CaseAction.WithdrawConfirmation, tx);
      if (!OPEN_APPLICATION.includes(app.status)) throw new ConflictProblem(`The application is ${app.status}: there is nothing to withdraw`);
      if (app.status === ApplicationStatus.CollectingConsents) {
        await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
          type: 'confirmation_application_withdrawn',
          actorId: user.id,
          actorRole: roles.find((r) => isParty([r]))!,
          payload: { applicationId, reason: body.reason },
        });
      } else {
        await this.transitions.fire(
          { caseId: c.id, event: CaseEvent.WithdrawConfirmation, actor: { kind: 'user', user }, payload: { applicationId, reason: body.reason }, triggers: ['feature'] },
          tx,
        );
      }
      const now = this.clock.now();
      await tx.update(
        ConfirmationApplication,
        { id: app.id },
        { status: ApplicationStatus.Withdrawn, withdrawnAt: now, withdrawnBy: user.id, withdrawalReason: body.reason, updatedAt: now },
      );
    });
  }
}
