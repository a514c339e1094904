import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job waiting to be handed to BullMQ. Written in the transaction of the change that causes
 * it, so the change and its side effects commit (or roll back) together; the relay in the
 * worker enqueues it with this row's id as the job id, so relaying twice enqueues once.
 */
@Entity('outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  job: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Not before this instant (a delayed job); null: at once. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A relay reserved the row until then; a relay that dies frees it by letting this pass. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'relay_attempts', type: 'int' })
  relayAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;
}
