import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ObjectorKind = 'party' | 'third_party';
export type ObjectionReview = 'admitted' | 'dismissed';

/**
 * An objection to the court's ruling on an application (Interp. 372; docs/procedural-rules.md D23): by a party within
 * OBJECTION_DAYS of the ruling's service on it, or by an interested third party within THIRD_PARTY_OBJECTION_MONTHS of
 * the day it knew of the harm. Its document is served on the court through the one service path.
 */
@Entity('ruling_objections')
export class RulingObjection {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ type: 'text' }) kind: ObjectorKind;
  @Column({ name: 'filed_by', type: 'uuid' }) filedBy: string;
  /** The party objecting (kind `party`). */
  @Column({ name: 'party_id', type: 'uuid', nullable: true }) partyId: string | null;
  @Column({ name: 'objector_name', type: 'text' }) objectorName: string;
  /** A third party's stated interest in the case, for the court to review. */
  @Column({ type: 'text', nullable: true }) interest: string | null;
  /** The local day a third party says it knew (or should have known) of the harm: its window runs from it. */
  @Column({ name: 'knew_on', type: 'text', nullable: true }) knewOn: string | null;
  @Column({ type: 'text' }) text: string;
  /** Documents of the case a party attached (a third party, no member of the case, types its text only). */
  @Column({ name: 'attachment_ids', type: 'uuid', array: true }) attachmentIds: string[];
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  /** The last day of the objector's window, as it stood when filing. */
  @Column({ name: 'window_last_day', type: 'text' }) windowLastDay: string;
  @Column({ name: 'filed_at', type: 'timestamptz' }) filedAt: Date;
  @Column({ name: 'review_decision', type: 'text', nullable: true }) reviewDecision: ObjectionReview | null;
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote: string | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
}
