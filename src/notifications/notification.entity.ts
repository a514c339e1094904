import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../auth/roles';
import type { Channel } from './lifecycle-notifications';
import type { NotificationData, TemplateKey } from './notification-templates';

/**
 * One message to one person: what to say (template and data), in which language and on which
 * channels. The in-app inbox reads these rows; each channel's attempts are NotificationDelivery rows.
 */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The account it is for; null for a person without one, reached at `email` / `phone`. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** Addresses of a recipient without an account (a party's address for service). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'text' })
  template: TemplateKey;

  @Column({ type: 'jsonb' })
  data: NotificationData;

  /** The recipient's preferred language when the notification was made. */
  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'text', array: true })
  channels: Channel[];

  /** Set by jobs that make notifications (reminders), so a redelivered job makes none twice. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
