import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../infrastructure/clock/clock';
import { PERFORMANCE_DISPUTED_TEMPLATE } from '../../notifications/notification-templates';
import { PerformanceTracking } from '../performance-tracking';
import { PerformanceStep } from './performance-step';

/** The beneficiary disputes the last report; past the last day the item is flagged overdue at once. */
@Injectable()
export class DisputePerformance {
  constructor(
    private readonly step: PerformanceStep,
    private readonly tracking: PerformanceTracking,
    private readonly clock: Clock,
  ) {}

  async run(user: AuthUser, caseId: string, itemId: string, body: { reason: string }): Promise<void> {
    await this.step.run(
      user,
      caseId,
      itemId,
      'disputed',
      async (_tx, ctx) => ({ reason: body.reason, notify: [ctx.item.obligorSide], template: PERFORMANCE_DISPUTED_TEMPLATE }),
      async (tx, ctx) => {
        if (ctx.item.dueAt.getTime() <= this.clock.nowMs()) await this.tracking.flagOverdue(tx, ctx.item, ctx.case);
      },
    );
  }
}
