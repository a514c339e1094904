import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { GroupedWrites } from '../common/database/grouped-writes';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { DeliveryError } from '../infrastructure/delivery.error';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { SmsSender } from '../infrastructure/sms/sms-sender';
import type { Channel } from './lifecycle-notifications';
import { NotificationPush } from './notification-push.service';
import { renderNotification, type RenderedNotification } from './notification-templates';
import { servedDocumentLink } from './served-document-link';
import { Notification } from './notification.entity';
import type { DeliverNotificationJob } from './notifier.service';

interface Handover {
  providerMessageId: string;
  providerResponse: string;
}

export type DeliveryOutcome = { delivered: true; attempt: number } | { skipped: string };

/** A failure that no retry can fix, recorded as permanent (a recipient without an address). */
class NoAddressError extends DeliveryError {
  constructor(channel: Channel) {
    super(`the recipient has no ${channel === 'email' ? 'e-mail address' : 'phone number'} any more`, true);
  }
}

interface Claimed {
  id: string;
  user_id: string | null;
  case_id: string | null;
  template: Notification['template'];
  data: Notification['data'];
  language: Notification['language'];
  created_at: Date;
  /** Where this channel reaches the recipient now: their account's address, or the one the notification holds. */
  address: string | null;
  already_delivered: boolean;
  /** The attempt this run recorded as started (null when already delivered). */
  attempt_id: string | null;
  attempt: number | null;
}

/**
 * Claims one attempt, in one statement: reads the notification and where to reach its recipient
 * now; unless this channel was delivered already, records an attempt that never finished as
 * interrupted (its worker died during the hand-over: whether the message went out is unknown,
 * which is what the record says) and the new attempt as sending, numbered after the earlier
 * ones. The unique (notification, channel, attempt) makes a concurrent run of the same job fail
 * here, before sending.
 */
const CLAIM_ATTEMPT: PreparedStatement = {
  name: 'notifications.claim-attempt',
  text: `WITH n AS (
           SELECT n.id, n.user_id, n.case_id, n.template, n.data, n.language, n.created_at,
                  CASE $2::text WHEN 'email' THEN CASE WHEN n.user_id IS NULL THEN n.email ELSE u.email END
                                WHEN 'sms' THEN CASE WHEN n.user_id IS NULL THEN n.phone ELSE u.phone END
                                ELSE n.user_id::text END AS address
             FROM notifications n LEFT JOIN users u ON u.id = n.user_id
            WHERE n.id = $1
         ), earlier AS (
           SELECT coalesce(max(d.attempt), 0) AS last, bool_or(d.status = 'delivered') IS TRUE AS delivered
             FROM notification_deliveries d WHERE d.notification_id = $1 AND d.channel = $2
         ), interrupted AS (
           UPDATE notification_deliveries SET status = 'interrupted', finished_at = now(), error = 'the worker stopped during this attempt'
            WHERE notification_id = $1 AND channel = $2 AND status = 'sending' AND NOT (SELECT delivered FROM earlier)
         ), started AS (
           INSERT INTO notification_deliveries (notification_id, channel, address, attempt, status, job_id)
           SELECT n.id, $2, coalesce(n.address, ''), earlier.last + 1, 'sending', $3 FROM n, earlier WHERE NOT earlier.delivered
           RETURNING id, attempt
         )
         SELECT n.*, earlier.delivered AS already_delivered, started.id AS attempt_id, started.attempt
           FROM n CROSS JOIN earlier LEFT JOIN started ON true`,
};

/** Attempts that went out, as many as finished together (see GroupedWrites). */
const ATTEMPTS_DELIVERED: PreparedStatement = {
  name: 'notifications.attempts-delivered',
  text: `UPDATE notification_deliveries d SET status = 'delivered', provider_message_id = r.message_id, provider_response = r.response, finished_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, message_id, response) WHERE d.id = r.id`,
};

interface DeliveredAttempt {
  id: string;
  providerMessageId: string;
  providerResponse: string;
}

const ATTEMPT_FAILED: PreparedStatement = {
  name: 'notifications.attempt-failed',
  text: `UPDATE notification_deliveries SET status = 'failed', error = $2, permanent = $3, will_retry = $4, finished_at = now() WHERE id = $1`,
};

/**
 * Delivers one notification on one channel and records the attempt. Idempotent: BullMQ may run
 * a job twice (a worker died, a stalled job), so it first looks whether this channel was
 * already delivered. Temporary failures are thrown back to BullMQ, which retries with the
 * delivery backoff; permanent ones stop the retries (UnrecoverableError) and stay on record.
 */
@Injectable()
export class DeliverNotification {
  /**
   * A job completes only once its outcome is written; outcomes of jobs that finish together are
   * written in one statement (the worker runs several jobs at once).
   */
  private readonly delivered = new GroupedWrites<DeliveredAttempt>((rows) =>
    runPrepared(this.db.manager, ATTEMPTS_DELIVERED, [rows.map((r) => r.id), rows.map((r) => r.providerMessageId), rows.map((r) => r.providerResponse)]),
  );

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailSender,
    private readonly sms: SmsSender,
    private readonly push: NotificationPush,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @JobHandler(JobName.DeliverNotification)
  async handle(job: Job<DeliverNotificationJob>): Promise<DeliveryOutcome> {
    const { notificationId, channel } = job.data;
    const [found] = await runPrepared<Claimed>(this.db.manager, CLAIM_ATTEMPT, [notificationId, channel, job.id ?? null]);
    if (!found) return { skipped: 'no such notification' };
    if (found.already_delivered || !found.attempt_id || found.attempt === null) return { skipped: 'already delivered' };
    const notification: Pick<Notification, 'id' | 'userId' | 'caseId' | 'template' | 'data' | 'language' | 'createdAt'> = {
      id: found.id,
      userId: found.user_id,
      caseId: found.case_id,
      template: found.template,
      data: found.data,
      language: found.language,
      createdAt: found.created_at,
    };
    const { address, attempt_id: attemptId, attempt } = found;

    const rendered = renderNotification(notification.template, notification.language, notification.data, {
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
      publicUrl: this.config.get('PUBLIC_URL'),
      documentLink: servedDocumentLink(notification, this.config),
    });
    let handover: Handover;
    try {
      if (!address) throw new NoAddressError(channel);
      handover = await this.send(channel, address, notification, rendered);
    } catch (error) {
      const permanent = error instanceof DeliveryError ? error.permanent : false;
      const willRetry = !permanent && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      await runPrepared(this.db.manager, ATTEMPT_FAILED, [attemptId, (error as Error).message.slice(0, 2000), permanent, willRetry]);
      if (permanent) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
    await this.delivered.add({ id: attemptId, providerMessageId: handover.providerMessageId, providerResponse: handover.providerResponse });
    return { delivered: true, attempt };
  }

  private async send(channel: Channel, address: string, n: Pick<Notification, 'id' | 'template' | 'caseId' | 'createdAt'>, rendered: RenderedNotification): Promise<Handover> {
    switch (channel) {
      case 'in_app': {
        // The inbox row exists since the transition committed; this is the live push to the
        // person's open pages, wherever they are connected.
        const listeners = await this.push.publish(address, {
          id: n.id,
          template: n.template,
          title: rendered.title,
          text: rendered.text,
          caseId: n.caseId,
          createdAt: n.createdAt.toISOString(),
        });
        return { providerMessageId: n.id, providerResponse: `in the inbox; pushed live to ${listeners} API instance(s)` };
      }
      case 'email': {
        const receipt = await this.mail.send({ to: address, subject: rendered.title, text: rendered.text, messageId: `<${n.id}@notifications.accord>` });
        return { providerMessageId: receipt.messageId, providerResponse: receipt.response };
      }
      case 'sms': {
        // The provider de-duplicates on this key: a retry after a timeout texts nobody twice.
        const receipt = await this.sms.send({ to: address, text: rendered.sms, idempotencyKey: `notification-${n.id}` });
        return {
          providerMessageId: receipt.providerMessageId,
          providerResponse: receipt.loggedOnly ? 'logged; not sent (SMS_DRIVER=log)' : `accepted at ${receipt.acceptedAt.toISOString()}`,
        };
      }
    }
  }
}
