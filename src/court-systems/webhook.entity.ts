import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookEventType, WebhookPayload } from './webhook-events';

/**
 * A court system's subscription: its https URL and the events it wants about its court's cases.
 * The signing secret must be read to sign, so unlike an API key it is kept as it is (never
 * selected unless asked for, never answered after its creation or rotation).
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_system_id', type: 'uuid' })
  courtSystemId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: WebhookEventType[];

  @Column({ type: 'text', select: false })
  secret: string;

  /** The secret before the last rotation; it signs too until `previousSecretUntil`. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true, select: false })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz', nullable: true })
  secretRotatedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}

/** One event about a case, numbered per case; delivered to every subscription that wants its type. */
@Entity('webhook_events')
export class WebhookEventRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  type: WebhookEventType;

  @Column({ type: 'jsonb' })
  payload: WebhookPayload;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

/**
 * - pending: waiting for its turn (the case's earlier deliveries to this subscription) or its next attempt.
 * - sending: an attempt is under way (`lease_until` bounds it).
 * - delivered: the receiver answered 2xx.
 * - failed: given up after WEBHOOK_MAX_ATTEMPTS in a row; an administrator may replay it.
 */
export type WebhookDeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

/** One event to one subscription. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  type: WebhookEventType;

  @Column({ type: 'text' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'failures_in_row', type: 'int' })
  failuresInRow: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'claimed_by_job', type: 'text', nullable: true })
  claimedByJob: string | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;
}

/** One attempt of a delivery: what was sent when, what came back, how long it took. Never changed once finished. */
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Column({ type: 'int' })
  attempt: number;

  /** The first attempt after an administrator's replay. */
  @Column({ type: 'boolean' })
  replay: boolean;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
