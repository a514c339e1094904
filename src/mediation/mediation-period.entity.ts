import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PauseGround = 'appraisal' | 'valuation';

/** A pause of the mediation period for appraisal or valuation (OMR 26; docs/procedural-rules.md B7). */
@Entity('mediation_period_pauses')
export class PeriodPause {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  ground: PauseGround;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'paused_by', type: 'uuid' })
  pausedBy: string;

  @Column({ name: 'paused_at', type: 'timestamptz' })
  pausedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy: string | null;

  @Column({ name: 'ended_how', type: 'text', nullable: true })
  endedHow: 'resumed' | 'closed' | null;
}

export type ExtensionStatus = 'pending' | 'granted' | 'declined' | 'lapsed';

/** The mediator's proposal to extend the period; granted only with every party's consent. */
@Entity('period_extensions')
export class PeriodExtension {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'int' })
  days: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ type: 'text' })
  status: ExtensionStatus;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The period's new end, once granted. */
  @Column({ name: 'new_due_at', type: 'timestamptz', nullable: true })
  newDueAt: Date | null;
}

/** One party's answer to a proposed extension, given online by the party or its agent. */
@Entity('period_extension_answers')
export class PeriodExtensionAnswer {
  @PrimaryColumn({ name: 'extension_id', type: 'uuid' })
  extensionId: string;

  @PrimaryColumn({ name: 'party_id', type: 'uuid' })
  partyId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'boolean' })
  consent: boolean;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
