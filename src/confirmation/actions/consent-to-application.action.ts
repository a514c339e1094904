import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem } from '../../common/errors/problem';
import { effectiveAgreement } from '../case-settlement';
import { ApplicationStatus } from '../confirmation-application.entity';
import { ConfirmationConsents } from '../confirmation-consents';
import { ConfirmationService, type RequestOrigin } from '../confirmation.service';

@Injectable()
export class ConsentToApplication {
  constructor(
    private readonly access: CaseAccess,
    private readonly confirmation: ConfirmationService,
    private readonly consents: ConfirmationConsents,
  ) {}

  /** Another party (or its agent) joins the application online; the last consent lodges it with the court. */
  async run(user: AuthUser, applicationId: string, origin: RequestOrigin): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      if (app.status !== ApplicationStatus.CollectingConsents) throw new ConflictProblem(`The application is ${app.status}: consents are no longer collected`);
      await this.access.require(user, c.id, CaseAction.ApplyForConfirmation, tx);
      const version = await effectiveAgreement(tx, c.id);
      const result = await this.consents.recordConsent(tx, app, c, version, user, roles, origin);
      if (result.added === 0) throw new ConflictProblem('You have already consented for every party you act for');
    });
  }
}
