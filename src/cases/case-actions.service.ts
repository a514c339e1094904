import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthUser } from '../auth/auth-user';
import { ValidationProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { Clock } from '../infrastructure/clock/clock';
import { CaseReader } from './case-reader.service';
import { CaseTransitions, type FireTransition, type Fired } from './case-transitions.service';
import { CaseEvent } from './lifecycle/case-lifecycle';
import type { TransitionRequest } from './transition.dto';

const NEEDS_REASON: readonly string[] = [CaseEvent.Reject, CaseEvent.RequestCorrection];

/**
 * Transitions people fire through the generic endpoint: the intake steps and withdrawal.
 * Adds what each needs (a reason, a correction deadline, completeness) and fires it.
 */
@Injectable()
export class CaseActions {
  constructor(
    private readonly transitions: CaseTransitions,
    private readonly reader: CaseReader,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async fire(user: AuthUser, caseId: string, body: TransitionRequest, ifMatch?: number): Promise<Fired> {
    if (NEEDS_REASON.includes(body.event) && !body.reason) {
      throw new ValidationProblem([{ field: 'reason', rule: 'isNotEmpty', message: `reason is required to ${body.event.replace('_', ' ')}` }]);
    }
    const payload: Record<string, unknown> = {};
    if (body.reason) payload.reason = body.reason;
    if (body.items?.length) payload.items = body.items;
    if (body.event === CaseEvent.RequestCorrection) {
      // No statutory period: the days intake chose, or the configured number, in calendar days counted per CPL art. 85.
      const days: number = body.correctionDays ?? this.config.get('CORRECTION_PERIOD_DAYS', { infer: true });
      payload.dueAt = this.calendar.computeDueAt(this.clock.now(), { days, unit: 'calendar' }).toISOString();
    }
    const input: FireTransition = {
      caseId,
      event: body.event,
      actor: { kind: 'user', user },
      expectedVersion: body.expectedVersion ?? ifMatch,
      payload,
      triggers: ['api'],
    };
    if ([CaseEvent.Submit, CaseEvent.Resubmit].includes(body.event as CaseEvent)) input.completeness = this.reader.completeness;
    return this.transitions.fire(input);
  }
}
