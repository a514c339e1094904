import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PartySide } from '../cases/entities/case-party.entity';
import type { RoundingMode } from '../common/money/money';
import type { BlindBidGap } from './blind-bidding';

/** A case's double-blind bidding (at most one per case). */
@Entity('blind_biddings')
export class BlindBiddingRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'claimant_side', type: 'text' })
  claimantSide: PartySide;

  @Column({ name: 'max_rounds', type: 'int' })
  maxRounds: number;

  @Column({ type: 'jsonb' })
  gap: BlindBidGap;

  @Column({ type: 'text' })
  rounding: RoundingMode;

  @Column({ name: 'started_by', type: 'uuid' })
  startedBy: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;
}

/**
 * One round and both sealed figures. Storage only: what anyone is shown comes from the views of
 * blind-bidding.ts, which have no field for the other side's figure.
 */
@Entity('blind_bid_rounds')
export class BlindBidRoundRow {
  @PrimaryColumn({ name: 'bidding_id', type: 'uuid' })
  biddingId: string;

  @PrimaryColumn({ type: 'int' })
  number: number;

  @Column({ name: 'claimant_amount', type: 'text', nullable: true })
  claimantAmount: string | null;

  @Column({ name: 'claimant_by', type: 'uuid', nullable: true })
  claimantBy: string | null;

  @Column({ name: 'claimant_at', type: 'timestamptz', nullable: true })
  claimantAt: Date | null;

  @Column({ name: 'respondent_amount', type: 'text', nullable: true })
  respondentAmount: string | null;

  @Column({ name: 'respondent_by', type: 'uuid', nullable: true })
  respondentBy: string | null;

  @Column({ name: 'respondent_at', type: 'timestamptz', nullable: true })
  respondentAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'boolean', nullable: true })
  settled: boolean | null;

  @Column({ name: 'settlement_amount', type: 'text', nullable: true })
  settlementAmount: string | null;
}
