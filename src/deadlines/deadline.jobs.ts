import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Case } from '../cases/entities/case.entity';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { loadCaseAudiences } from '../notifications/case-audiences';
import { resolveRecipients } from '../notifications/lifecycle-notifications';
import { REMINDER_TEMPLATE } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { DEADLINE_KINDS } from './deadline-kinds';
import { Deadline } from './deadline.entity';
import { Deadlines, type DeadlineJob, type FireOutcome } from './deadlines.service';

/** The delayed jobs of deadlines. Both check the row first: a stale job does nothing. */
@Injectable()
export class DeadlineJobs {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deadlines: Deadlines,
    private readonly notifier: Notifier,
  ) {}

  @JobHandler(JobName.FireDeadline)
  async fire(job: Job<DeadlineJob>): Promise<{ outcome: FireOutcome }> {
    return { outcome: await this.deadlines.fire(job.data.deadlineId, 'job', new Date(job.data.dueAt)) };
  }

  @JobHandler(JobName.RemindDeadline)
  async remind(job: Job<DeadlineJob>): Promise<{ reminded: number } | { skipped: string }> {
    const d = await this.db.getRepository(Deadline).findOne({ where: { id: job.data.deadlineId } });
    if (!d || d.firedAt || d.cancelledAt) return { skipped: 'the deadline is over' };
    if (d.pausedAt || d.dueAt.toISOString() !== job.data.dueAt) return { skipped: 'the deadline moved' };
    const spec = DEADLINE_KINDS[d.kind];
    return this.db.transaction(async (tx) => {
      const c = await tx.findOneOrFail(Case, { where: { id: d.caseId } });
      const people = await loadCaseAudiences(tx, c, spec.remind);
      const ids = await this.notifier.notify(tx, {
        userIds: resolveRecipients(spec.remind, people, null),
        known: people.contacts,
        template: REMINDER_TEMPLATE,
        data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, dueAt: d.dueAt.toISOString(), deadlineKind: d.kind },
        caseId: c.id,
        // A redelivered reminder job reminds nobody twice; a deadline that moved reminds again.
        dedupeKey: `reminder:${d.id}:${d.dueAt.getTime()}`,
      });
      return { reminded: ids.length };
    });
  }
}
