import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseEventLog } from '../cases/case-event-log.service';
import { Case } from '../cases/entities/case.entity';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { OBLIGATION_REMINDER_TEMPLATE } from '../notifications/notification-templates';
import { ObligationStatus } from './performance-rules';
import { PerformanceItem, PerformanceReminder } from './performance-item.entity';
import { PERFORMING, sideAudience } from './performance-items';
import { PerformanceTracking } from './performance-tracking';

export type JobOutcome = 'sent' | 'flagged' | 'skipped' | 'not_due' | 'missing' | 'done';

/** The delayed jobs of performance tracking. Both look at their row first: a stale or repeated job does nothing. */
@Injectable()
export class PerformanceJobs {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: CaseEventLog,
    private readonly tracking: PerformanceTracking,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.RemindObligation)
  async remind(job: Job<{ reminderId: string }>): Promise<{ outcome: JobOutcome }> {
    return { outcome: await this.sendReminder(job.data.reminderId) };
  }

  @JobHandler(JobName.FlagOverdueObligation)
  async overdue(job: Job<{ itemId: string }>): Promise<{ outcome: JobOutcome }> {
    return { outcome: await this.checkOverdue(job.data.itemId) };
  }

  /** Send one reminder if it is due and still useful; idempotent (the row and a dedupe key). */
  async sendReminder(reminderId: string): Promise<JobOutcome> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOne(PerformanceReminder, { where: { id: reminderId } });
      if (!found) return 'missing';
      const item = await tx.findOneByOrFail(PerformanceItem, { id: found.itemId });
      await this.events.lockCase(tx, item.caseId);
      const r = await tx.findOneOrFail(PerformanceReminder, { where: { id: reminderId }, lock: { mode: 'pessimistic_write' } });
      if (r.sentAt || r.skipped) return 'done';
      const now = this.clock.now();
      if (r.remindAt.getTime() > now.getTime()) return 'not_due';
      const c = await tx.findOneByOrFail(Case, { id: item.caseId });
      const [state] = (await this.tracking.states(tx, item.caseId, now)).filter((s) => s.item.id === item.id);
      const skip = !PERFORMING.includes(c.status)
        ? `case ${c.status}`
        : !state
          ? 'no longer tracked'
          : state.status === ObligationStatus.Confirmed || state.status === ObligationStatus.Reported
            ? `obligation ${state.status}`
            : now.getTime() >= item.dueAt.getTime()
              ? 'past due'
              : undefined;
      if (skip) {
        await tx.update(PerformanceReminder, { id: r.id }, { skipped: skip });
        return 'skipped';
      }
      await this.tracking.notifySides(tx, c, [sideAudience(item.obligorSide)], OBLIGATION_REMINDER_TEMPLATE, item, null, `obligation-reminder:${r.id}`);
      await tx.update(PerformanceReminder, { id: r.id }, { sentAt: now });
      return 'sent';
    });
  }

  /** Flag an item that is past due without confirmed performance; idempotent. */
  async checkOverdue(itemId: string): Promise<JobOutcome> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOne(PerformanceItem, { where: { id: itemId } });
      if (!found) return 'missing';
      await this.events.lockCase(tx, found.caseId);
      const item = await tx.findOneByOrFail(PerformanceItem, { id: itemId });
      if (item.overdueFlaggedAt || item.supersededAt) return 'done';
      const now = this.clock.now();
      if (item.dueAt.getTime() > now.getTime()) return 'not_due';
      const c = await tx.findOneByOrFail(Case, { id: item.caseId });
      if (!PERFORMING.includes(c.status)) return 'skipped';
      const [state] = (await this.tracking.states(tx, item.caseId, now)).filter((s) => s.item.id === item.id);
      if (state?.status !== ObligationStatus.Overdue) return 'skipped';
      return (await this.tracking.flagOverdue(tx, item, c)) ? 'flagged' : 'done';
    });
  }
}

/**
 * The backstop for lost or early jobs (as the deadline sweep is for deadlines): every
 * DEADLINE_SWEEP_INTERVAL_MS, one worker tracks effective agreements nobody tracked yet,
 * sends the reminders and raises the overdue flags that fell due more than DEADLINE_SWEEP_GRACE_MS
 * ago. Both are idempotent under the case lock, so a sweep that overlaps an item's own job acts once.
 */
@Injectable()
export class PerformanceSweep extends PeriodicSweep {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tracking: PerformanceTracking,
    private readonly jobs: PerformanceJobs,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  readonly sweepName = 'performance';

  intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    let done = 0;
    for (const caseId of await this.untracked()) done += await this.tracking.trackNow(caseId);
    const due = await this.dueWork(this.config.get('DEADLINE_SWEEP_GRACE_MS'));
    for (const id of due.reminders) if ((await this.jobs.sendReminder(id)) === 'sent') done++;
    for (const id of due.items) if ((await this.jobs.checkOverdue(id)) === 'flagged') done++;
    return done;
  }

  /**
   * Performing cases whose effective agreement is not tracked: the agreement took effect in a
   * way the listener did not see (its version was marked effective after the transition). The
   * sweep tracks them, so their reminders and flags never depend on someone looking.
   */
  private async untracked(limit = 100): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT c.id FROM cases c JOIN agreement_versions v ON v.case_id = c.id AND v.status = 'effective'
       WHERE c.status = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM performance_items i WHERE i.agreement_version_id = v.id)
       LIMIT $2`,
      [PERFORMING, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Reminders and overdue checks that fell due at least `graceMs` ago and were not handled: their jobs were lost or ran early. */
  private async dueWork(graceMs: number, limit = 100): Promise<{ reminders: string[]; items: string[] }> {
    const before = new Date(this.clock.nowMs() - graceMs);
    const reminders = (await this.db.query(`SELECT id FROM performance_reminders WHERE sent_at IS NULL AND skipped IS NULL AND remind_at <= $1 ORDER BY remind_at LIMIT $2`, [
      before,
      limit,
    ])) as { id: string }[];
    const items = (await this.db.query(
      `SELECT i.id FROM performance_items i JOIN cases c ON c.id = i.case_id
       WHERE i.overdue_flagged_at IS NULL AND i.superseded_at IS NULL AND i.due_at <= $1 AND c.status = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM performance_events e WHERE e.item_id = i.id AND e.type = 'confirmed')
       ORDER BY i.due_at LIMIT $3`,
      [before, PERFORMING, limit],
    )) as { id: string }[];
    return { reminders: reminders.map((r) => r.id), items: items.map((r) => r.id) };
  }
}
