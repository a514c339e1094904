import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One link of a case's hash chain: every transition and every record (creation, edits,
 * documents) in order. `hash` covers the previous hash, so changing any past row breaks
 * every later link. This is what the archive seals.
 */
@Entity('case_events')
export class CaseEventRecord {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  type: string;

  /** Null for the system (timers, jobs). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Mediation content: never shown to the court or administrators (docs/procedural-rules.md B10). */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  /** A confidential entry of one side's caucus: that side and the mediator only. Not part of the hash. */
  @Column({ name: 'confidential_side', type: 'text', nullable: true })
  confidentialSide: 'applicant' | 'respondent' | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'text' })
  algorithm: string;
}
