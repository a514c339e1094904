import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PartySide } from '../cases/entities/case-party.entity';
import type { OfferActor, SettlementOfferStatus } from './offers';
import type { SettlementTerms } from './settlement-terms';

/** One offer of a case's negotiation (the negotiation is the case's: its id is the case id). */
@Entity('offers')
export class SettlementOfferRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ name: 'maker_side', type: 'text' })
  makerSide: PartySide;

  @Column({ name: 'made_by', type: 'uuid' })
  madeBy: string;

  @Column({ name: 'made_by_capacity', type: 'text' })
  madeByCapacity: OfferActor['capacity'];

  /** Confidential mediation content: never in the hash chain, a notification or a report. */
  @Column({ type: 'jsonb' })
  terms: SettlementTerms;

  /** As last written; an open offer past its expiry is expired whether or not this says so yet. */
  @Column({ type: 'text' })
  status: SettlementOfferStatus;

  @Column({ name: 'made_at', type: 'timestamptz' })
  madeAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'counters_offer_id', type: 'uuid', nullable: true })
  countersOfferId: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_by_side', type: 'text', nullable: true })
  closedBySide: PartySide | null;

  @Column({ name: 'closed_by_capacity', type: 'text', nullable: true })
  closedByCapacity: OfferActor['capacity'] | null;

  /** A rejection's reason: mediation content too. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
