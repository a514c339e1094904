import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job } from 'bullmq';
import type { Environment } from '../config/environment';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { PerformanceService, type JobOutcome } from './performance.service';

/** The delayed jobs of performance tracking. Both look at their row first: a stale or repeated job does nothing. */
@Injectable()
export class PerformanceJobs {
  constructor(private readonly performance: PerformanceService) {}

  @JobHandler(JobName.RemindObligation)
  async remind(job: Job<{ reminderId: string }>): Promise<{ outcome: JobOutcome }> {
    return { outcome: await this.performance.sendReminder(job.data.reminderId) };
  }

  @JobHandler(JobName.FlagOverdueObligation)
  async overdue(job: Job<{ itemId: string }>): Promise<{ outcome: JobOutcome }> {
    return { outcome: await this.performance.checkOverdue(job.data.itemId) };
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
    private readonly performance: PerformanceService,
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
    for (const caseId of await this.performance.untracked()) done += await this.performance.trackNow(caseId);
    const due = await this.performance.dueWork(this.config.get('DEADLINE_SWEEP_GRACE_MS'));
    for (const id of due.reminders) if ((await this.performance.sendReminder(id)) === 'sent') done++;
    for (const id of due.items) if ((await this.performance.checkOverdue(id)) === 'flagged') done++;
    return done;
  }
}
