import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { InlineJobs, type InlineJobRow } from '../outbox/inline-jobs';
import { NotificationPush } from './notification-push.service';
import { renderNotification } from './notification-templates';
import type { Notification } from './notification.entity';
import { servedDocumentLink } from './served-document-link';

/** The in-app notifications one transaction made, pushed by one job. */
export interface PushInAppJob {
  notificationIds: string[];
}

/**
 * Which of a job's notifications are not yet recorded as pushed. The check is one index lookup per
 * notification (LIMIT keeps it one): written as NOT EXISTS, an anti-join, PostgreSQL with
 * statistics from when the table was small read every in-app delivery for each notification
 * (30–40 ms for 100 during a burst; `test/in-app-push-plan.e2e-spec.ts`).
 */
export const UNPUSHED_SQL = `SELECT n.id, n.user_id, n.template, n.language, n.data, n.case_id, n.created_at FROM notifications n
  LEFT JOIN LATERAL (SELECT 1 AS done FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = 'in_app' AND d.status = 'delivered' LIMIT 1) earlier ON true
  WHERE n.id = ANY($1::uuid[]) AND n.user_id IS NOT NULL AND earlier.done IS NULL
  ORDER BY n.created_at, n.id`;

const UNPUSHED: PreparedStatement = { name: 'notifications.unpushed', text: UNPUSHED_SQL };

/** One in-app attempt per notification, numbered after its earlier ones. */
const RECORD_PUSHED: PreparedStatement = {
  name: 'notifications.record-pushed',
  text: `INSERT INTO notification_deliveries (notification_id, channel, address, attempt, status, provider_message_id, provider_response, error, permanent, will_retry, job_id, started_at, finished_at)
         SELECT r.id, 'in_app', r.user_id::text,
                coalesce((SELECT max(d.attempt) FROM notification_deliveries d WHERE d.notification_id = r.id AND d.channel = 'in_app'), 0) + 1,
                $4, CASE WHEN $4 = 'delivered' THEN r.id::text END,
                CASE WHEN $4 = 'delivered' THEN 'in the inbox; pushed live to ' || r.listeners || ' API instance(s)' END,
                $5, CASE WHEN $4 = 'failed' THEN false END, $6, r.job_id, $8, now()
           FROM unnest($1::uuid[], $2::uuid[], $3::int[], $7::text[]) AS r(id, user_id, listeners, job_id)`,
};

interface Unpushed {
  id: string;
  user_id: string;
  template: Notification['template'];
  language: Notification['language'];
  data: Notification['data'];
  case_id: string | null;
  created_at: Date;
}

/**
 * The live push of the in-app notifications one transaction made: one outbox row for all of them,
 * not one per notification (issue 24), which the outbox relay runs itself, with the other rows of
 * its batch (`InlineJobs`): no queue between the commit and the pages. Should that fail, or a row
 * be queued as a job anyway (by hand, or by an older version), the job does the same work and is
 * retried as jobs are. The inbox row, written in the notifying transaction, is what puts a
 * notification in front of the person: every page of theirs shows it the next time it asks. This
 * tells the pages open now, then records per notification, in one statement, that it did and to
 * how many API instances: the in-app line of a service certificate. In-app delivery never counts
 * for service (`deemed-served.ts`), so nothing is lost by recording after the push rather than
 * before: a run that dies between the two pushes again on the retry, and a page shows a
 * notification it already has (the inbox is keyed by id).
 */
@Injectable()
export class PushInAppNotifications implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly push: NotificationPush,
    private readonly config: ConfigService<Environment, true>,
    private readonly inline: InlineJobs,
  ) {}

  onModuleInit(): void {
    this.inline.register(JobName.PushInApp, (rows) => this.pushRows(rows));
  }

  @JobHandler(JobName.PushInApp)
  async handle(job: Job<PushInAppJob>): Promise<{ pushed: number }> {
    const willRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    return { pushed: await this.pushAndRecord(job.data.notificationIds, () => job.id ?? null, willRetry) };
  }

  /** The relay's rows, a batch at once; a failure is recorded as to be retried (the relay queues the rows as jobs). */
  private async pushRows(rows: InlineJobRow[]): Promise<void> {
    const rowOf = new Map<string, string>();
    for (const row of rows) for (const id of (row.data as unknown as PushInAppJob).notificationIds) rowOf.set(id, row.id);
    await this.pushAndRecord([...rowOf.keys()], (notificationId) => rowOf.get(notificationId)!, true);
  }

  /** Pushes what is not yet recorded as pushed (a repeated run skips what an earlier one recorded) and records it. */
  private async pushAndRecord(notificationIds: string[], jobIdOf: (notificationId: string) => string | null, willRetry: boolean): Promise<number> {
    const unpushed = await runPrepared<Unpushed>(this.db.manager, UNPUSHED, [notificationIds]);
    if (unpushed.length === 0) return 0;
    const startedAt = new Date();
    let listeners: number[];
    try {
      listeners = await Promise.all(unpushed.map((n) => this.push.publish(n.user_id, this.pushed(n))));
    } catch (error) {
      await this.record(unpushed, jobIdOf, startedAt, { failed: (error as Error).message.slice(0, 2000), willRetry });
      throw error;
    }
    await this.record(unpushed, jobIdOf, startedAt, { listeners });
    return unpushed.length;
  }

  private pushed(n: Unpushed): Parameters<NotificationPush['publish']>[1] {
    const rendered = renderNotification(n.template, n.language, n.data, {
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
      publicUrl: this.config.get('PUBLIC_URL'),
      documentLink: servedDocumentLink({ data: n.data, userId: n.user_id }, this.config),
    });
    return { id: n.id, template: n.template, title: rendered.title, text: rendered.text, caseId: n.case_id, createdAt: new Date(n.created_at).toISOString() };
  }

  /** One attempt per notification, numbered after its earlier ones, in one statement. */
  private async record(
    unpushed: Unpushed[],
    jobIdOf: (notificationId: string) => string | null,
    startedAt: Date,
    outcome: { listeners: number[] } | { failed: string; willRetry: boolean },
  ): Promise<void> {
    const delivered = 'listeners' in outcome;
    await runPrepared(this.db.manager, RECORD_PUSHED, [
      unpushed.map((n) => n.id),
      unpushed.map((n) => n.user_id),
      delivered ? outcome.listeners : unpushed.map(() => 0),
      delivered ? 'delivered' : 'failed',
      delivered ? null : outcome.failed,
      delivered ? null : outcome.willRetry,
      unpushed.map((n) => jobIdOf(n.id)),
      startedAt,
    ]);
  }
}
