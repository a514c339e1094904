import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A creating request's Idempotency-Key, written in the same transaction as what it created,
 * so a retried request finds the first result instead of creating a second one.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of method, path and body: the same key with a different request is refused. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType: string;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
