import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DisclosureView } from './mediator-profile.dto';

export enum OfferStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  Expired = 'expired',
  Withdrawn = 'withdrawn',
}

export enum OfferSource {
  Matcher = 'matcher',
  JointNomination = 'joint_nomination',
  Manual = 'manual',
}

/** One offer of a case to a mediator (docs/procedural-rules.md A4: accept within 3 working days). */
@Entity('assignment_offers')
export class AssignmentOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'mediator_id', type: 'uuid' })
  mediatorId: string;

  /** 1 for the first offer of the case, 2 after a decline or timeout… */
  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'text' })
  source: OfferSource;

  @Column({ type: 'text' })
  status: OfferStatus;

  /** The matcher's reasons for this candidate (filters passed, score parts), or the admin's reason. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  explanation: Record<string, unknown>;

  /** Why the mediator declined, or why an admin assigned manually. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The conflict-of-interest disclosure signed on acceptance (OMR 13). */
  @ApiProperty({ nullable: true, type: DisclosureView })
  @Column({ type: 'jsonb', nullable: true })
  disclosure: Record<string, unknown> | null;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
