import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import { ApplicationStatus, SupplementRequest } from '../confirmation-application.entity';
import { ConfirmationService } from '../confirmation.service';

import { CourtReviewService } from '../court-review.service';

@Injectable()
export class RequestSupplement {
  constructor(
    private readonly court: CourtReviewService,
    private readonly confirmation: ConfirmationService,
    private readonly transitions: CaseTransitions,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The court asks for more material by a deadline; not supplied in time counts as withdrawn (Interp. 357). */
  async run(user: AuthUser, applicationId: string, body: { items: string; days?: number }): Promise<SupplementRequest> {
    return this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c }) => {
      if (app.status !== ApplicationStatus.Docketed) throw new ConflictProblem(`The application is ${app.status}: material is asked for once it is docketed`);
      if (await this.court.openRequest(tx, app.id)) throw new ConflictProblem('Material asked for earlier is still awaited: one request at a time');
      const now = this.clock.now();
      const dueAt = this.calendar.computeDueAt(now, { days: body.days ?? this.config.get('SUPPLEMENT_DAYS'), unit: 'calendar' });
      const request = await tx.save(SupplementRequest, { applicationId, items: body.items, requestedBy: user.id, requestedAt: now, dueAt });
      await this.transitions.fire(
        {
          caseId: c.id,
          event: CaseEvent.RequestSupplement,
          actor: { kind: 'user', user },
          payload: { applicationId, requestId: request.id, reason: body.items, dueAt: dueAt.toISOString() },
          triggers: ['feature'],
        },
        tx,
      );
      return request;
    });
  }
}
