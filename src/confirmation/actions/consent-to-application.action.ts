import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem } from '../../common/errors/problem';
import { retryStaleReads } from '../../common/stale-read';
import { Clock } from '../../infrastructure/clock/clock';
import { effectiveAgreement } from '../case-settlement';
import { ApplicationStatus } from '../confirmation-application.entity';
import { ConfirmationConsents } from '../confirmation-consents';
import { ConfirmationService } from '../confirmation.service';
import type { RequestOrigin } from '../../common/request-origin';

@Injectable()
export class ConsentToApplication {
  constructor(
    private readonly access: CaseAccess,
    private readonly confirmation: ConfirmationService,
    private readonly consents: ConfirmationConsents,
    private readonly clock: Clock,
  ) {}

  /**
   * Another party (or its agent) joins the application online; the last consent lodges it with the
   * court. The application PDF that lodging serves is rendered and stored before the transaction
   * opens, from a read without the lock, made again if that read went stale.
   */
  async run(user: AuthUser, applicationId: string, origin: RequestOrigin): Promise<void> {
    await retryStaleReads(async () => {
      const now = this.clock.now();
      const prepared = await this.confirmation.readApplication(user, applicationId, async (manager, app, { case: c, roles }) => {
        if (app.status !== ApplicationStatus.CollectingConsents) throw new ConflictProblem(`The application is ${app.status}: consents are no longer collected`);
        await this.access.require(user, c.id, CaseAction.ApplyForConfirmation, manager);
        return this.consents.prepareLodging(manager, app, c, await effectiveAgreement(manager, c.id), user, roles, now);
      });
      await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
        if (app.status !== ApplicationStatus.CollectingConsents) throw new ConflictProblem(`The application is ${app.status}: consents are no longer collected`);
        await this.access.require(user, c.id, CaseAction.ApplyForConfirmation, tx);
        const version = await effectiveAgreement(tx, c.id);
        const result = await this.consents.recordConsent(tx, app, c, version, user, roles, origin, now, prepared);
        if (result.added === 0) throw new ConflictProblem('You have already consented for every party you act for');
      });
    });
  }
}
