import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem, ForbiddenProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { actingFor } from '../../confirmation/case-settlement';
import { WorkingDayCalendar } from '../../infrastructure/calendar/working-day-calendar';
import { Clock } from '../../infrastructure/clock/clock';
import { enforcementWindow, ObligationStatus, type EnforcementWindow } from '../performance-rules';
import { PerformanceDefault } from '../performance-item.entity';
import { tracked } from '../performance-items';
import { PerformanceTracking } from '../performance-tracking';

/** Default (docs/procedural-rules.md E25). */
@Injectable()
export class DeclareDefault {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly tracking: PerformanceTracking,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * The beneficiary of an overdue obligation, or the mediator, declares a default: the case
   * closes (defaulted); for a confirmed case, with the 2-year window for applying to the court
   * for enforcement, counted from the last day of performance (CPL 250).
   */
  async run(user: AuthUser, caseId: string, body: { reason: string; expectedVersion?: number }): Promise<PerformanceDefault> {
    const { case: visible } = await this.access.load(user, caseId);
    await this.tracking.ensureTracked(visible);
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.load(user, caseId, tx);
      if (c.status !== CaseStatus.Settled && c.status !== CaseStatus.Confirmed) {
        throw new ConflictProblem(`A default is declared on a settled or confirmed case; this one is ${c.status}`);
      }
      const states = await this.tracking.states(tx, caseId);
      const overdue = states.filter((s) => s.status === ObligationStatus.Overdue);
      if (overdue.length === 0) throw new ConflictProblem('No obligation is overdue: a default is declared only once an obligation is past due without confirmed performance');
      // Who may is asked only now, so that everyone who sees the case learns the state first.
      await this.access.require(user, caseId, CaseAction.DeclareDefault, tx);
      const mediator = roles.includes(CaseRole.Mediator);
      const acting = await actingFor(tx, caseId, user.id, roles);
      const beneficiary = overdue.some((s) => acting.sides.includes(s.item.beneficiarySide));
      // The policy let a party through; only the beneficiary of an overdue obligation declares.
      if (!mediator && !beneficiary) throw new ForbiddenProblem('Only the beneficiary of an overdue obligation (or its agent), or the mediator, declares a default');
      const window: EnforcementWindow | null =
        c.status === CaseStatus.Confirmed
          ? enforcementWindow(
              states.map((s) => tracked(s.item)),
              this.calendar,
              this.config.get('ENFORCEMENT_WINDOW_YEARS'),
            )
          : null;
      const court = window && c.confirmingCourtId ? ((await tx.query(`SELECT name FROM organisations WHERE id = $1`, [c.confirmingCourtId])) as { name: string }[])[0] : undefined;
      const record = await tx.save(PerformanceDefault, {
        caseId,
        declaredBy: user.id,
        declaredRole: mediator ? CaseRole.Mediator : beneficiary ? 'beneficiary' : 'party',
        declaredAt: this.clock.now(),
        reason: body.reason,
        overdueItemIds: overdue.map((s) => s.item.id),
        confirmed: c.status === CaseStatus.Confirmed,
        enforcementCourtId: window ? c.confirmingCourtId : null,
        enforcementCountedFrom: window?.countedFrom ?? null,
        enforcementLastDay: window?.lastDay ?? null,
        enforcementEndsAt: window?.endsAt ?? null,
      });
      const years = this.config.get('ENFORCEMENT_WINDOW_YEARS');
      const outcomeReason = window
        ? `Default declared: ${body.reason}. Apply to ${court?.name ?? 'the confirming court'} for enforcement by ${window.lastDay} (${years} years from ${window.countedFrom}, CPL 250)`
        : `Default declared: ${body.reason}`;
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.DeclareDefault,
          actor: { kind: 'user', user },
          expectedVersion: body.expectedVersion,
          payload: {
            reason: body.reason,
            overdueItems: overdue.map((s) => s.item.itemKey),
            enforcementWindow: window ? { courtId: c.confirmingCourtId, countedFrom: window.countedFrom, lastDay: window.lastDay, endsAt: window.endsAt.toISOString() } : null,
          },
          set: { outcomeReason },
          triggers: ['feature'],
        },
        tx,
      );
      return record;
    });
  }
}
