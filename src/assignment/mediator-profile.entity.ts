import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DisputeType } from '../cases/entities/case.entity';
import type { Accreditation, DeclaredRelationships, OutcomeCounts, PastInvolvement, Seniority } from './mediator-profile';
import { DeclaredRelationshipsView, OutcomeCountsView, PastInvolvementInput } from './mediator-profile.dto';

/** What the platform knows about a mediator for matching (the row behind MediatorProfile). */
@Entity('mediator_profiles')
export class MediatorProfileRecord {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'on_leave_from', type: 'timestamptz', nullable: true })
  onLeaveFrom: Date | null;

  @Column({ name: 'on_leave_until', type: 'timestamptz', nullable: true })
  onLeaveUntil: Date | null;

  @Column({ name: 'dispute_types', type: 'text', array: true, default: () => `'{}'` })
  disputeTypes: DisputeType[];

  /** IPC classes for patents (G06F), Nice classes for trademarks (9). */
  @Column({ name: 'technical_fields', type: 'text', array: true, default: () => `'{}'` })
  technicalFields: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  languages: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  jurisdictions: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  accreditations: Accreditation[];

  @Column({ type: 'int', default: 1 })
  seniority: Seniority;

  @Column({ type: 'int', default: 10 })
  capacity: number;

  @Column({ name: 'open_cases', type: 'int', default: 0 })
  openCases: number;

  @Column({ name: 'assignments_30d', type: 'int', default: 0 })
  assignments30d: number;

  @Column({ name: 'court_ids', type: 'uuid', array: true, default: () => `'{}'` })
  courtIds: string[];

  @Column({ name: 'organisation_ids', type: 'uuid', array: true, default: () => `'{}'` })
  organisationIds: string[];

  @ApiProperty({ type: DeclaredRelationshipsView })
  @Column({ type: 'jsonb', default: () => `'{"organisations": [], "people": []}'` })
  relationships: DeclaredRelationships;

  @ApiProperty({ type: [PastInvolvementInput] })
  @Column({ name: 'past_involvement', type: 'jsonb', default: () => `'[]'` })
  pastInvolvement: PastInvolvement[];

  /** Settled and closed counts per dispute type. */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(OutcomeCountsView) }, description: 'By dispute type' })
  @Column({ type: 'jsonb', default: () => `'{}'` })
  outcomes: Partial<Record<DisputeType, OutcomeCounts>>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
