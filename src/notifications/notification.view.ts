import { ApiProperty } from '@nestjs/swagger';
import type { RenderSettings } from './notification-templates';
import { renderNotification } from './notification-templates';
import type { Notification } from './notification.entity';
import type { NotificationDelivery } from './notification-delivery.entity';

export class NotificationView {
  id: string;
  /** The lifecycle event (or `deadline_reminder`) the notification is about. */
  template: string;
  /** In the recipient's language. */
  title: string;
  text: string;
  caseId: string | null;
  @ApiProperty({ enum: ['zh-CN', 'en'] })
  language: string;
  createdAt: string;
  @ApiProperty({ nullable: true, type: String })
  readAt: string | null;

  static of(n: Notification, settings: RenderSettings): NotificationView {
    const rendered = renderNotification(n.template, n.language, n.data, settings);
    return {
      id: n.id,
      template: n.template,
      title: rendered.title,
      text: rendered.text,
      caseId: n.caseId,
      language: n.language,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    };
  }
}

export class UnreadCountView {
  unread: number;
}

export class StreamTicketView {
  /** Pass as `?ticket=` to GET /notifications/stream; works once, within `expiresIn` seconds. */
  ticket: string;
  expiresIn: number;
}

export class DeliveryView {
  id: string;
  notificationId: string;
  @ApiProperty({ enum: ['in_app', 'email', 'sms'] })
  channel: string;
  address: string;
  attempt: number;
  @ApiProperty({ enum: ['sending', 'delivered', 'failed', 'interrupted'] })
  status: string;
  @ApiProperty({ nullable: true, type: String })
  providerMessageId: string | null;
  @ApiProperty({ nullable: true, type: String })
  providerResponse: string | null;
  @ApiProperty({ nullable: true, type: String })
  error: string | null;
  @ApiProperty({ nullable: true, type: Boolean })
  permanent: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean })
  willRetry: boolean | null;
  startedAt: string;
  @ApiProperty({ nullable: true, type: String })
  finishedAt: string | null;

  static of(d: NotificationDelivery): DeliveryView {
    return {
      id: d.id,
      notificationId: d.notificationId,
      channel: d.channel,
      address: d.address,
      attempt: d.attempt,
      status: d.status,
      providerMessageId: d.providerMessageId,
      providerResponse: d.providerResponse,
      error: d.error,
      permanent: d.permanent,
      willRetry: d.willRetry,
      startedAt: d.startedAt.toISOString(),
      finishedAt: d.finishedAt?.toISOString() ?? null,
    };
  }
}

/** A delivery that failed for good, with what it was about, for the administrators' list. */
export class FailedDeliveryView extends DeliveryView {
  userId: string;
  template: string;
  @ApiProperty({ nullable: true, type: String })
  caseId: string | null;
}
