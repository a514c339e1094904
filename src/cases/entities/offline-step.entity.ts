import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OfflineStep } from '../offline-steps';

/** A step of a case (or every step of one party) switched to offline handling, with who and why (docs/procedural-rules.md A1). */
@Entity('offline_steps')
export class OfflineStepRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  step: OfflineStep;

  /** The party whose step it is; null: the step of the whole case. */
  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ type: 'text' })
  reason: string;

  /** Who switched it: a mediator, court staff or an administrator, or the party refusing online handling. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_role', type: 'text' })
  decidedRole: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
