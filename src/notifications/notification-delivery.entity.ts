import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from './lifecycle-notifications';

/**
 * - sending: the attempt started; it stays so only if the worker died during the hand-over.
 * - delivered: the provider (SMTP server, SMS gateway) or the in-app push took it.
 * - failed: refused or unreachable; `permanent` and `willRetry` say what happens next.
 * - interrupted: a `sending` attempt found by the next one; whether it went out is unknown.
 */
export type DeliveryStatus = 'sending' | 'delivered' | 'failed' | 'interrupted';

/**
 * One attempt to deliver a notification on a channel: the evidence electronic service relies
 * on (docs/procedural-rules.md F27-28), so nothing here is ever updated after the attempt ends.
 */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @Column({ type: 'text' })
  channel: Channel;

  /** E-mail address, phone number, or the user id for in-app. */
  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  /** SMTP Message-ID, the SMS provider's id, or the notification id for in-app. */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  /** The provider's answer (e.g. the SMTP server's last reply), kept as proof of hand-over. */
  @Column({ name: 'provider_response', type: 'text', nullable: true })
  providerResponse: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'boolean', nullable: true })
  permanent: boolean | null;

  @Column({ name: 'will_retry', type: 'boolean', nullable: true })
  willRetry: boolean | null;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
