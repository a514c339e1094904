import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { DeliveryError } from '../infrastructure/delivery.error';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { SmsSender } from '../infrastructure/sms/sms-sender';
import { User } from '../users/user.entity';
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
    const notification = await this.db.getRepository(Notification).findOne({ where: { id: notificationId } });
    if (!notification) return { skipped: 'no such notification' };
    const deliveries = this.db.getRepository(NotificationDelivery);
    const earlier = await deliveries.find({ where: { notificationId, channel }, order: { attempt: 'ASC' } });
    if (earlier.some((d) => d.status === 'delivered')) return { skipped: 'already delivered' };
    // An attempt that never finished: its worker died during the hand-over; whether the
    // message went out is unknown, which is what the record says.
    const unfinished = earlier.filter((d) => d.status === 'sending').map((d) => d.id);
    if (unfinished.length > 0) {
      await deliveries.update(unfinished, { status: 'interrupted', finishedAt: new Date(), error: 'the worker stopped during this attempt' });
    }

    // A recipient without an account is reached at the address the notification holds.
    const user = notification.userId ? await this.db.getRepository(User).findOneOrFail({ where: { id: notification.userId } }) : notification;
    const address = channel === 'email' ? user.email : channel === 'sms' ? user.phone : notification.userId;
    const attempt = (earlier.at(-1)?.attempt ?? 0) + 1;
    // The unique (notification, channel, attempt) makes a concurrent run of the same job fail here, before sending.
    // One INSERT (save() would wrap it in a transaction of its own: two more round trips per delivery).
    const inserted = await deliveries.insert({ notificationId, channel, address: address ?? '', attempt, status: 'sending', jobId: job.id ?? null });
    const record = { id: (inserted.identifiers[0] as { id: string }).id };

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
      await deliveries.update(record.id, {
        status: 'failed',
        error: (error as Error).message.slice(0, 2000),
        permanent,
        willRetry,
        finishedAt: new Date(),
      });
      if (permanent) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
    await deliveries.update(record.id, { status: 'delivered', ...handover, finishedAt: new Date() });
    return { delivered: true, attempt };
  }

  private async send(channel: Channel, address: string, n: Notification, rendered: RenderedNotification): Promise<Handover> {
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
