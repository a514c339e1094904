import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { DeliveryError } from '../infrastructure/delivery.error';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { SmsSender } from '../infrastructure/sms/sms-sender';
import type { Channel } from './lifecycle-notifications';
import { NotificationDelivery } from './notification-delivery.entity';
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

interface DeliveryFacts {
  id: string;
  user_id: string | null;
  case_id: string | null;
  template: Notification['template'];
  data: Notification['data'];
  language: Notification['language'];
  created_at: Date;
  email: string | null;
  phone: string | null;
  earlier: { id: string; attempt: number; status: NotificationDelivery['status'] }[];
}

/** The notification, where to reach its recipient now, and this channel's earlier attempts: one statement. */
const DELIVERY_FACTS: PreparedStatement = {
  name: 'notifications.delivery-facts',
  text: `SELECT n.id, n.user_id, n.case_id, n.template, n.data, n.language, n.created_at,
                CASE WHEN n.user_id IS NULL THEN n.email ELSE u.email END AS email,
                CASE WHEN n.user_id IS NULL THEN n.phone ELSE u.phone END AS phone,
                coalesce((SELECT json_agg(json_build_object('id', d.id, 'attempt', d.attempt, 'status', d.status) ORDER BY d.attempt)
                            FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = $2), '[]') AS earlier
           FROM notifications n LEFT JOIN users u ON u.id = n.user_id
          WHERE n.id = $1`,
};

const START_ATTEMPT: PreparedStatement = {
  name: 'notifications.start-attempt',
  text: `INSERT INTO notification_deliveries (notification_id, channel, address, attempt, status, job_id) VALUES ($1, $2, $3, $4, 'sending', $5) RETURNING id`,
};

const ATTEMPT_DELIVERED: PreparedStatement = {
  name: 'notifications.attempt-delivered',
  text: `UPDATE notification_deliveries SET status = 'delivered', provider_message_id = $2, provider_response = $3, finished_at = now() WHERE id = $1`,
};

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
    const [found] = await runPrepared<DeliveryFacts>(this.db.manager, DELIVERY_FACTS, [notificationId, channel]);
    if (!found) return { skipped: 'no such notification' };
    const { earlier } = found;
    if (earlier.some((d) => d.status === 'delivered')) return { skipped: 'already delivered' };
    // An attempt that never finished: its worker died during the hand-over; whether the
    // message went out is unknown, which is what the record says.
    const unfinished = earlier.filter((d) => d.status === 'sending').map((d) => d.id);
    if (unfinished.length > 0) {
      await this.db.getRepository(NotificationDelivery).update(unfinished, { status: 'interrupted', finishedAt: new Date(), error: 'the worker stopped during this attempt' });
    }

    const notification: Pick<Notification, 'id' | 'userId' | 'caseId' | 'template' | 'data' | 'language' | 'createdAt'> = {
      id: found.id,
      userId: found.user_id,
      caseId: found.case_id,
      template: found.template,
      data: found.data,
      language: found.language,
      createdAt: found.created_at,
    };
    // A recipient without an account is reached at the address the notification holds (the query picks it).
    const address = channel === 'email' ? found.email : channel === 'sms' ? found.phone : found.user_id;
    const attempt = (earlier.at(-1)?.attempt ?? 0) + 1;
    // The unique (notification, channel, attempt) makes a concurrent run of the same job fail here, before sending.
    const [record] = await runPrepared<{ id: string }>(this.db.manager, START_ATTEMPT, [notificationId, channel, address ?? '', attempt, job.id ?? null]);

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
      await runPrepared(this.db.manager, ATTEMPT_FAILED, [record.id, (error as Error).message.slice(0, 2000), permanent, willRetry]);
      if (permanent) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
    await runPrepared(this.db.manager, ATTEMPT_DELIVERED, [record.id, handover.providerMessageId, handover.providerResponse]);
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
