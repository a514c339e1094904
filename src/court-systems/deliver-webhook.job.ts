import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import { nextWebhookAttempt } from './webhook-retry';
import type { WebhookAnswer } from './webhook-sender';
import { WebhookSender } from './webhook-sender';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import { WebhookAttempt, WebhookEventRecord, WebhookSubscription } from './webhook.entity';

export interface DeliverWebhookJob {
  deliveryId: string;
  /** Set by an administrator's replay: its first attempt is marked so. */
  replay?: boolean;
}

interface Claimed {
  id: string;
  subscription_id: string;
  case_id: string;
  sequence: number;
  event_id: string;
  attempts: number;
  failures_in_row: number;
}

export type DeliverWebhookOutcome = { delivered: boolean; attempt: number } | { skipped: string };

/** A few seconds past the receiver's timeout: an attempt still "sending" after that has lost its worker. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Sends one webhook delivery, in its case's turn. The claim is one guarded UPDATE: the delivery
 * is pending and due (or its lease ran out, or this very job is running again), and no earlier
 * delivery of the same case to the same subscription is still pending or sending. A delivery not
 * yet in its turn waits: when the one before it is delivered or given up, that job enqueues it.
 *
 * Each attempt is a `webhook_attempts` row (status code, error, duration). A failure schedules the
 * next attempt through the outbox as a delayed job, after WEBHOOK_RETRY_BASE_MS × 2^(n−1) (capped,
 * jittered), until WEBHOOK_MAX_ATTEMPTS have failed in a row; then the delivery is given up and the
 * case's next one goes. BullMQ's own retries are only for the platform's faults (the database
 * away): a rerun of the same job re-claims its delivery at once.
 */
@Injectable()
export class DeliverWebhook {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sender: WebhookSender,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @JobHandler(JobName.DeliverWebhook)
  async handle(job: Job<DeliverWebhookJob>): Promise<DeliverWebhookOutcome> {
    const { deliveryId } = job.data;
    const jobId = job.id ?? `${job.name}:${deliveryId}`;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.get('WEBHOOK_TIMEOUT_MS', { infer: true }) + LEASE_MARGIN_MS);
    const result = (await this.db.query(
      `UPDATE webhook_deliveries d
       SET status = 'sending', attempts = attempts + 1, lease_until = $3, claimed_by_job = $4
       WHERE d.id = $1
         AND ((d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $2))
              OR (d.status = 'sending' AND (d.lease_until < $2 OR d.claimed_by_job = $4)))
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                         WHERE p.subscription_id = d.subscription_id AND p.case_id = d.case_id
                           AND p.sequence < d.sequence AND p.status IN ('pending', 'sending'))
       RETURNING d.id, d.subscription_id, d.case_id, d.sequence, d.event_id, d.attempts, d.failures_in_row`,
      [deliveryId, now, leaseUntil, jobId],
    )) as [Claimed[], number];
    // UPDATE … RETURNING answers [rows, count].
    const [claimed] = result[0];
    if (!claimed) return this.notClaimed(deliveryId, now);

    const attempts = this.db.getRepository(WebhookAttempt);
    // An attempt that never finished: its worker stopped while sending; whether it arrived is unknown.
    await this.db.query(
      `UPDATE webhook_attempts SET finished_at = $2, error = 'the worker stopped during this attempt; it may have arrived' WHERE delivery_id = $1 AND finished_at IS NULL`,
      [deliveryId, now],
    );
    const attempt = await attempts.save({ deliveryId, attempt: claimed.attempts, replay: job.data.replay === true, startedAt: now });

    const subscription = await this.db
      .getRepository(WebhookSubscription)
      .createQueryBuilder('s')
      .addSelect(['s.secret', 's.previousSecret'])
      .where('s.id = :id', { id: claimed.subscription_id })
      .getOneOrFail();
    const event = await this.db.getRepository(WebhookEventRecord).findOneByOrFail({ id: claimed.event_id });
    const answer: WebhookAnswer = subscription.disabledAt
      ? { statusCode: null, error: 'the subscription is disabled', durationMs: 0 }
      : await this.send(subscription, event, deliveryId);
    const givenUpAtOnce = subscription.disabledAt !== null;

    await this.db.transaction(async (tx) => {
      const finishedAt = this.clock.now();
      await tx.getRepository(WebhookAttempt).update(attempt.id, { finishedAt, durationMs: answer.durationMs, statusCode: answer.statusCode, error: answer.error });
      const base = { lease_until: null, claimed_by_job: null, last_status_code: answer.statusCode, last_error: answer.error };
      if (answer.error === null) {
        await this.update(tx, deliveryId, { ...base, status: 'delivered', delivered_at: finishedAt, failed_at: null, failures_in_row: 0, next_attempt_at: null });
        await this.releaseNext(tx, claimed, finishedAt);
        return;
      }
      const failures = claimed.failures_in_row + 1;
      const next = givenUpAtOnce
        ? ({ giveUp: true } as const)
        : nextWebhookAttempt(failures, {
            maxAttempts: this.config.get('WEBHOOK_MAX_ATTEMPTS', { infer: true }),
            baseMs: this.config.get('WEBHOOK_RETRY_BASE_MS', { infer: true }),
            maxMs: this.config.get('WEBHOOK_RETRY_MAX_MS', { infer: true }),
            jitter: 0.2,
          });
      if ('giveUp' in next) {
        await this.update(tx, deliveryId, { ...base, status: 'failed', failed_at: finishedAt, failures_in_row: failures, next_attempt_at: null });
        await this.releaseNext(tx, claimed, finishedAt);
        return;
      }
      const runAt = new Date(finishedAt.getTime() + next.retryInMs);
      await this.update(tx, deliveryId, { ...base, status: 'pending', failures_in_row: failures, next_attempt_at: runAt });
      await this.outbox.add(tx, { job: JobName.DeliverWebhook, data: { deliveryId }, runAt });
    });
    return { delivered: answer.error === null, attempt: claimed.attempts };
  }

  private async send(subscription: WebhookSubscription, event: WebhookEventRecord, deliveryId: string): Promise<WebhookAnswer> {
    const now = this.clock.now();
    const secrets = [subscription.secret];
    if (subscription.previousSecret && subscription.previousSecretUntil && subscription.previousSecretUntil > now) secrets.push(subscription.previousSecret);
    const body = JSON.stringify(event.payload);
    return this.sender.post(subscription.url, body, {
      [SIGNATURE_HEADER]: signatureHeader(secrets, Math.floor(now.getTime() / 1000), body),
      'Accord-Event-Id': event.id,
      'Accord-Event-Type': event.type,
      'Accord-Delivery-Id': deliveryId,
    });
  }

  private async update(tx: EntityManager, id: string, columns: Record<string, unknown>): Promise<void> {
    const names = Object.keys(columns);
    await tx.query(`UPDATE webhook_deliveries SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...Object.values(columns)]);
  }

  /**
   * The case's next delivery to this subscription, now in its turn: enqueued (its own job found it
   * waiting), and due from now (so the sweep counts its grace from now, not from when it was made).
   */
  private async releaseNext(tx: EntityManager, done: Claimed, now: Date): Promise<void> {
    const [next] = (await tx.query(
      `SELECT id FROM webhook_deliveries
       WHERE subscription_id = $1 AND case_id = $2 AND sequence > $3 AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $4)
       ORDER BY sequence LIMIT 1`,
      [done.subscription_id, done.case_id, done.sequence, now],
    )) as { id: string }[];
    if (!next) return;
    await tx.query(`UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE id = $1`, [next.id, now]);
    await this.outbox.add(tx, { job: JobName.DeliverWebhook, data: { deliveryId: next.id } });
  }

  /** Why the claim took nothing; a pending delivery whose job came before its time is scheduled again for then. */
  private async notClaimed(deliveryId: string, now: Date): Promise<DeliverWebhookOutcome> {
    const [row] = (await this.db.query(`SELECT status, next_attempt_at FROM webhook_deliveries WHERE id = $1`, [deliveryId])) as { status: string; next_attempt_at: Date | null }[];
    if (!row) return { skipped: 'no such delivery' };
    if (row.status !== 'pending') return { skipped: `already ${row.status}` };
    if (row.next_attempt_at && new Date(row.next_attempt_at) > now) {
      await this.db.transaction((tx) => this.outbox.add(tx, { job: JobName.DeliverWebhook, data: { deliveryId }, runAt: new Date(row.next_attempt_at!) }));
      return { skipped: 'not due yet: scheduled again' };
    }
    return { skipped: 'waiting for the case’s earlier delivery' };
  }
}
