import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PartySide } from '../cases/entities/case-party.entity';

/**
 * One tracked item of an effective agreement's performance schedule: an obligation, or one
 * instalment of it (trackObligations), with its due instant (docs/procedural-rules.md E24).
 */
@Entity('performance_items')
export class PerformanceItem {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'agreement_version_id', type: 'uuid' }) agreementVersionId: string;
  /** The tracked item's id within the agreement: the obligation id, or `<id>#<n>` for an instalment. */
  @Column({ name: 'item_key', type: 'text' }) itemKey: string;
  @Column({ name: 'obligation_id', type: 'text' }) obligationId: string;
  @Column({ type: 'int', nullable: true }) instalment: number | null;
  @Column({ type: 'text' }) kind: 'money' | 'act';
  @Column({ name: 'obligor_side', type: 'text' }) obligorSide: PartySide;
  @Column({ name: 'beneficiary_side', type: 'text' }) beneficiarySide: PartySide;
  @Column({ name: 'obligor_party_ids', type: 'text', array: true, nullable: true }) obligorPartyIds: string[] | null;
  @Column({ name: 'beneficiary_party_ids', type: 'text', array: true, nullable: true }) beneficiaryPartyIds: string[] | null;
  @Column({ type: 'text', nullable: true }) amount: string | null;
  @Column({ type: 'text', nullable: true }) currency: string | null;
  @Column({ type: 'text', nullable: true }) act: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** The last local day for performance. */
  @Column({ name: 'last_day', type: 'text' }) lastDay: string;
  /** 00:00 local after the last day: overdue from then. */
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  /** When the overdue flag was raised (and the mediator told); once per item. */
  @Column({ name: 'overdue_flagged_at', type: 'timestamptz', nullable: true }) overdueFlaggedAt: Date | null;
  /** The agreement was reopened (mediation resumed after a rejection): no longer tracked. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type PerformanceEventType = 'reported' | 'confirmed' | 'disputed';

/** A report, confirmation or dispute of one item's performance; append-only. */
@Entity('performance_events')
export class PerformanceEventRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ type: 'text' }) type: PerformanceEventType;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'uuid' }) by: string;
  @Column({ type: 'text' }) side: PartySide;
  @Column({ name: 'document_ids', type: 'uuid', array: true }) documentIds: string[];
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}

/** A reminder to send before an item's last day; the row is the truth, its delayed job only a wake-up. */
@Entity('performance_reminders')
export class PerformanceReminder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId: string;
  @Column({ name: 'remind_at', type: 'timestamptz' }) remindAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  /** Why it was not sent (performed meanwhile, case closed…). */
  @Column({ type: 'text', nullable: true }) skipped: string | null;
}

/** A declared default (docs/procedural-rules.md E25): who, why, and for a confirmed case the enforcement window. */
@Entity('performance_defaults')
export class PerformanceDefault {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'declared_by', type: 'uuid' }) declaredBy: string;
  @Column({ name: 'declared_role', type: 'text' }) declaredRole: string;
  @Column({ name: 'declared_at', type: 'timestamptz' }) declaredAt: Date;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'overdue_item_ids', type: 'uuid', array: true }) overdueItemIds: string[];
  /** The case was judicially confirmed: the ruling is enforceable. */
  @Column({ type: 'boolean' }) confirmed: boolean;
  @Column({ name: 'enforcement_court_id', type: 'uuid', nullable: true }) enforcementCourtId: string | null;
  @Column({ name: 'enforcement_counted_from', type: 'text', nullable: true }) enforcementCountedFrom: string | null;
  @Column({ name: 'enforcement_last_day', type: 'text', nullable: true }) enforcementLastDay: string | null;
  @Column({ name: 'enforcement_ends_at', type: 'timestamptz', nullable: true }) enforcementEndsAt: Date | null;
}
