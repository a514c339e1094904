import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CaseOutcome, CaseSource, CaseStatus, ReferralType } from '../lifecycle/case-states';

export enum DisputeType {
  Patent = 'patent',
  UtilityModel = 'utility_model',
  Design = 'design',
  Trademark = 'trademark',
  Copyright = 'copyright',
  TradeSecret = 'trade_secret',
  UnfairCompetition = 'unfair_competition',
  IpLicenceOrContract = 'ip_licence_contract',
  InternationalCommercial = 'international_commercial',
  Other = 'other',
}

/** Disputes about IP rights must name at least one right (kind, number, jurisdiction, owner). */
export const IP_DISPUTE_TYPES: readonly DisputeType[] = [
  DisputeType.Patent,
  DisputeType.UtilityModel,
  DisputeType.Design,
  DisputeType.Trademark,
  DisputeType.Copyright,
  DisputeType.TradeSecret,
  DisputeType.IpLicenceOrContract,
];

export interface Claim {
  kind: 'monetary' | 'stop_infringement' | 'delist' | 'assign' | 'licence' | 'apology' | 'other';
  /** Monetary claims: amount in minor units avoided on purpose — decimals as a string, e.g. "120000.00". */
  amount?: string;
  currency?: string;
  description?: string;
}

/**
 * The case aggregate's root row. State changes only through CaseTransitions (a guarded UPDATE
 * on id, version and status); `version` rises with every change so stale writes get 409.
 */
@Entity('cases')
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human-readable, unique per year: ACC-2026-000123. */
  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'text' })
  source: CaseSource;

  @Column({ name: 'referral_type', type: 'text', nullable: true })
  referralType: ReferralType | null;

  @Column({ name: 'referral_number', type: 'text', nullable: true })
  referralNumber: string | null;

  @Column({ name: 'referring_court_id', type: 'uuid', nullable: true })
  referringCourtId: string | null;

  @Column({ name: 'confirming_court_id', type: 'uuid', nullable: true })
  confirmingCourtId: string | null;

  @Column({ name: 'mediator_id', type: 'uuid', nullable: true })
  mediatorId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'dispute_type', type: 'text' })
  disputeType: DisputeType;

  /** Brief account of the dispute (OMR 8). */
  @Column({ type: 'text', nullable: true })
  statement: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  claims: Claim[];

  @Column({ name: 'preferred_language', type: 'text', default: 'zh-CN' })
  preferredLanguage: string;

  @Column({ name: 'foreign_element', type: 'boolean', default: false })
  foreignElement: boolean;

  @Column({ type: 'text', nullable: true })
  outcome: CaseOutcome | null;

  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason: string | null;

  /** A court referral that failed goes back to the court for registration or trial. */
  @Column({ name: 'returned_to_court', type: 'boolean', default: false })
  returnedToCourt: boolean;

  /** No eligible mediator was left: an administrator must assign by hand. */
  @Column({ name: 'needs_manual_assignment', type: 'boolean', default: false })
  needsManualAssignment: boolean;

  /** Respondents see the case only from the moment the notice of mediation is served on them. */
  @Column({ name: 'respondent_access_from', type: 'timestamptz', nullable: true })
  respondentAccessFrom: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'hash_algorithm', type: 'text', default: 'sha256' })
  hashAlgorithm: string;

  /** Maintained by SQL (refreshSearchText) for the trigram search; never read into the entity. */
  @Column({ name: 'search_text', type: 'text', default: '', select: false, insert: false, update: false })
  searchText?: string;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
