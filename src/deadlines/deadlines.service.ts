import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseTransitions, type FireTransition } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { ProblemException } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import { DEADLINE_KINDS, type DeadlineKind } from './deadline-kinds';
import { Deadline } from './deadline.entity';
import { reminderAt } from './reminder-time';
import { periodSettingsFrom, statutoryPeriods } from './statutory-periods';
import { WorkingDayCalendar, type Period } from '../infrastructure/calendar/working-day-calendar';

/** What a deadline job carries: the row, and the due time it was scheduled for. */
export interface DeadlineJob {
  deadlineId: string;
  /** ISO instant; a row whose due time moved since makes this job stale. */
  dueAt: string;
}

export type FireOutcome = 'fired' | 'refused' | 'already_done' | 'paused' | 'moved' | 'not_due' | 'missing';

/**
 * Starts, pauses, resumes, extends and cancels a case's deadlines in the caller's transaction,
 * scheduling their jobs through the outbox; and fires them through CaseTransitions, the same
 * guarded path as a person's action, so a late action and the deadline cannot both win.
 */
@Injectable()
export class Deadlines {
  private readonly logger = new Logger(Deadlines.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly transitions: CaseTransitions,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The kind's period for this case, counted from now (CPL art. 85). */
  dueAtFor(kind: DeadlineKind, c: Pick<Case, 'referralType'>, from = this.clock.now()): Date {
    const period = DEADLINE_KINDS[kind].period(statutoryPeriods(periodSettingsFrom((key) => this.config.get(key))), c);
    return this.calendar.computeDueAt(from, period);
  }

  /** Start a deadline (replacing a running one of the same kind) and schedule its jobs. */
  async start(tx: EntityManager, input: { caseId: string; kind: DeadlineKind; dueAt?: Date }): Promise<Deadline> {
    await this.cancel(tx, input.caseId, [input.kind]);
    const c = await tx.findOneOrFail(Case, { where: { id: input.caseId } });
    const dueAt = input.dueAt ?? this.dueAtFor(input.kind, c);
    const [{ id }] = (await tx.query(`INSERT INTO deadlines (case_id, kind, event, due_at) VALUES ($1, $2, $3, $4) RETURNING id`, [
      input.caseId,
      input.kind,
      DEADLINE_KINDS[input.kind].event,
      dueAt,
    ])) as { id: string }[];
    const deadline = await tx.findOneOrFail(Deadline, { where: { id } });
    await this.schedule(tx, deadline);
    return deadline;
  }

  /** Stop the clock; what is left is kept (appraisal time does not count, docs/procedural-rules.md B7). */
  async pause(tx: EntityManager, caseId: string, kind: DeadlineKind): Promise<Deadline | undefined> {
    const now = this.clock.now();
    const [rows] = (await tx.query(
      `UPDATE deadlines SET paused_at = $3, remaining_ms = GREATEST(0, floor(extract(epoch FROM due_at - $3::timestamptz) * 1000))::bigint, updated_at = now()
       WHERE case_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL RETURNING id`,
      [caseId, kind, now],
    )) as [{ id: string }[], number];
    return rows[0] ? tx.findOneOrFail(Deadline, { where: { id: rows[0].id } }) : undefined;
  }

  /** Restart the clock with the time that was left; the due time moves later by the pause. */
  async resume(tx: EntityManager, caseId: string, kind: DeadlineKind): Promise<Deadline | undefined> {
    const now = this.clock.now();
    const [rows] = (await tx.query(
      `UPDATE deadlines SET due_at = $3::timestamptz + make_interval(secs => remaining_ms / 1000.0), paused_at = NULL, remaining_ms = NULL, updated_at = now()
       WHERE case_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NOT NULL RETURNING id`,
      [caseId, kind, now],
    )) as [{ id: string }[], number];
    if (!rows[0]) return undefined;
    const deadline = await tx.findOneOrFail(Deadline, { where: { id: rows[0].id } });
    await this.schedule(tx, deadline);
    return deadline;
  }

  /**
   * Move the end later by a period counted from the current last day (e.g. 10 more calendar
   * days, rolled past rest days as any period is). A paused deadline keeps more time in hand.
   */
  async extend(tx: EntityManager, caseId: string, kind: DeadlineKind, by: Period): Promise<Deadline | undefined> {
    const current = await tx.findOne(Deadline, { where: { caseId, kind, firedAt: IsNull(), cancelledAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    if (!current) return undefined;
    // The current period's last day is the trigger day of the extension: it is not counted again.
    const newDueAt = this.calendar.computeDueAt(new Date(current.dueAt.getTime() - 1), by);
    const added = newDueAt.getTime() - current.dueAt.getTime();
    await tx.query(
      `UPDATE deadlines SET due_at = $2, extended_by_ms = extended_by_ms + $3, remaining_ms = CASE WHEN paused_at IS NULL THEN NULL ELSE remaining_ms + $3 END, updated_at = now() WHERE id = $1`,
      [current.id, newDueAt, added],
    );
    const deadline = await tx.findOneOrFail(Deadline, { where: { id: current.id } });
    if (!deadline.pausedAt) await this.schedule(tx, deadline);
    return deadline;
  }

  /** Cancel running deadlines of these kinds (all kinds when omitted). Their jobs find them cancelled. */
  async cancel(tx: EntityManager, caseId: string, kinds?: readonly DeadlineKind[]): Promise<number> {
    const [, count] = (await tx.query(
      `UPDATE deadlines SET cancelled_at = $3, updated_at = now()
       WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL AND ($2::text[] IS NULL OR kind = ANY($2::text[]))`,
      [caseId, kinds ?? null, this.clock.now()],
    )) as [unknown, number];
    return count;
  }

  async listForCase(caseId: string): Promise<Deadline[]> {
    return this.db.getRepository(Deadline).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Fire a due deadline: its event through CaseTransitions with the system as the actor and
   * `timer` as the only allowed trigger. Safe to call any number of times, from a job and the
   * sweep at once: the case row and then the deadline row are locked (the order a person's
   * transition takes them in, so the two never deadlock), and a fired, cancelled, paused or
   * moved deadline is left alone. `expectedDueAt` is the due time the caller was scheduled for.
   */
  async fire(deadlineId: string, by: 'job' | 'sweep', expectedDueAt?: Date): Promise<FireOutcome> {
    // Looked at without a lock first: a deadline that won't fire gets nothing prepared for it.
    const seen = await this.db.getRepository(Deadline).findOne({ where: { id: deadlineId } });
    if (!seen) return 'missing';
    const early = this.notFiring(seen, expectedDueAt);
    if (early) return early;
    const transition = (d: Deadline): FireTransition => ({
      caseId: d.caseId,
      event: d.event,
      actor: { kind: 'system', reason: `${d.kind} deadline due ${d.dueAt.toISOString()}` },
      payload: { deadlineId: d.id, deadlineKind: d.kind, dueAt: d.dueAt.toISOString() },
      triggers: ['timer'],
    });
    return this.transitions.preparedTransaction(transition(seen), async (tx, prepared) => {
      await tx.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [seen.caseId]);
      const d = await tx.findOneOrFail(Deadline, { where: { id: deadlineId }, lock: { mode: 'pessimistic_write' } });
      const outcome = this.notFiring(d, expectedDueAt);
      if (outcome) return outcome;
      // Marked fired before the transition: leaving the state would otherwise cancel this very deadline.
      await tx.query(`UPDATE deadlines SET fired_at = $2, fired_by = $3, fire_result = 'fired', updated_at = now() WHERE id = $1`, [d.id, this.clock.now(), by]);
      try {
        await this.transitions.fire({ ...transition(d), prepared }, tx);
        return 'fired';
      } catch (error) {
        // The case moved on without cancelling the deadline: record why, don't retry for ever.
        if (!(error instanceof ProblemException)) throw error;
        const reason = `refused: ${(error.getResponse() as { detail?: string }).detail ?? error.message}`;
        await tx.query(`UPDATE deadlines SET fire_result = $2 WHERE id = $1`, [d.id, reason.slice(0, 500)]);
        this.logger.warn({ deadlineId: d.id, caseId: d.caseId, reason }, 'deadline fell due but its transition was refused');
        return 'refused';
      }
    });
  }

  /** Why a deadline does not fire now, or undefined when it does. */
  private notFiring(d: Deadline, expectedDueAt: Date | undefined): FireOutcome | undefined {
    if (d.firedAt || d.cancelledAt) return 'already_done';
    if (d.pausedAt) return 'paused';
    if (expectedDueAt && d.dueAt.getTime() !== expectedDueAt.getTime()) return 'moved';
    // A job that ran early (clocks of machines differ): the sweep fires it once it is due.
    if (d.dueAt.getTime() > this.clock.nowMs()) return 'not_due';
    return undefined;
  }

  /** Deadlines due at least `graceMs` ago and still running: their jobs were lost or are late. */
  async overdue(graceMs: number, limit = 100): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM deadlines WHERE fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2`, [
      new Date(this.clock.nowMs() - graceMs),
      limit,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The fire job at the due time and, when there is time for one, the reminder before it. */
  private async schedule(tx: EntityManager, d: Deadline): Promise<void> {
    const data: DeadlineJob = { deadlineId: d.id, dueAt: d.dueAt.toISOString() };
    const remindAt = reminderAt(this.calendar, d.dueAt, this.config.get(DEADLINE_KINDS[d.kind].reminderSetting ?? 'REMINDER_WORKING_DAYS_BEFORE'));
    await this.outbox.addMany(tx, [
      { job: JobName.FireDeadline, data: { ...data }, runAt: d.dueAt },
      ...(remindAt && remindAt.getTime() > this.clock.nowMs() ? [{ job: JobName.RemindDeadline, data: { ...data }, runAt: remindAt }] : []),
    ]);
  }
}
