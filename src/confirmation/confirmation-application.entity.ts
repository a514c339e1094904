import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RejectionGround } from './confirmation-rules';
import type { CourtGround } from './court-options';

/**
 * Where a joint application stands. `collecting_consents` until every party consented; then it
 * is lodged with the court, which dockets or declines it; a docketed one ends confirmed,
 * rejected, withdrawn, or treated as withdrawn when material was not supplied in time.
 */
export enum ApplicationStatus {
  CollectingConsents = 'collecting_consents',
  Lodged = 'lodged',
  Docketed = 'docketed',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
  SupplementExpired = 'supplement_expired',
  Confirmed = 'confirmed',
  Rejected = 'rejected',
}

/** Applications still open: at most one per case. */
export const OPEN_APPLICATION: readonly ApplicationStatus[] = [ApplicationStatus.CollectingConsents, ApplicationStatus.Lodged, ApplicationStatus.Docketed];

/** A joint application for judicial confirmation (docs/procedural-rules.md D15-D23), from start to ruling. */
@Entity('confirmation_applications')
export class ConfirmationApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  /** The effective agreement version it asks to confirm. */
  @Column({ name: 'agreement_version_id', type: 'uuid' }) agreementVersionId: string;
  @Column({ name: 'court_id', type: 'uuid' }) courtId: string;
  @Column({ name: 'court_grounds', type: 'text', array: true }) courtGrounds: CourtGround[];
  @Column({ name: 'subject_matter_region', type: 'text', nullable: true }) subjectMatterRegion: string | null;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ name: 'started_by', type: 'uuid' }) startedBy: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'lodged_at', type: 'timestamptz', nullable: true }) lodgedAt: Date | null;
  @Column({ name: 'application_document_id', type: 'uuid', nullable: true }) applicationDocumentId: string | null;
  @Column({ name: 'docket_due_at', type: 'timestamptz', nullable: true }) docketDueAt: Date | null;
  @Column({ name: 'docket_last_day', type: 'text', nullable: true }) docketLastDay: string | null;
  /** Marked when the docketing deadline passed with the application still lodged (docs/procedural-rules.md D20). */
  @Column({ name: 'docket_overdue_at', type: 'timestamptz', nullable: true }) docketOverdueAt: Date | null;
  @Column({ name: 'docketed_at', type: 'timestamptz', nullable: true }) docketedAt: Date | null;
  @Column({ name: 'docketed_by', type: 'uuid', nullable: true }) docketedBy: string | null;
  @Column({ name: 'docket_year', type: 'int', nullable: true }) docketYear: number | null;
  @Column({ name: 'docket_sequence', type: 'int', nullable: true }) docketSequence: number | null;
  /** The 调确 case number, e.g. (2026)浙0106民特调确123号. */
  @Column({ name: 'docket_number', type: 'text', nullable: true }) docketNumber: string | null;
  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true }) declinedAt: Date | null;
  @Column({ name: 'declined_by', type: 'uuid', nullable: true }) declinedBy: string | null;
  @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason: string | null;
  @Column({ name: 'decision_due_at', type: 'timestamptz', nullable: true }) decisionDueAt: Date | null;
  /** Marked when the decision deadline (extended or not) passed with no ruling (docs/procedural-rules.md D20). */
  @Column({ name: 'decision_overdue_at', type: 'timestamptz', nullable: true }) decisionOverdueAt: Date | null;
  @Column({ name: 'decision_last_day', type: 'text', nullable: true }) decisionLastDay: string | null;
  /** The approval of the longer decision period (2011 Prov. 5): who approved it, why, when. */
  @Column({ name: 'extension_approved_by', type: 'text', nullable: true }) extensionApprovedBy: string | null;
  @Column({ name: 'extension_reason', type: 'text', nullable: true }) extensionReason: string | null;
  @Column({ name: 'extension_approved_at', type: 'timestamptz', nullable: true }) extensionApprovedAt: Date | null;
  @Column({ name: 'extension_recorded_by', type: 'uuid', nullable: true }) extensionRecordedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'ruling_document_id', type: 'uuid', nullable: true }) rulingDocumentId: string | null;
  @Column({ name: 'rejection_grounds', type: 'text', array: true, nullable: true }) rejectionGrounds: RejectionGround[] | null;
  @Column({ name: 'rejection_explanation', type: 'text', nullable: true }) rejectionExplanation: string | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true }) withdrawnBy: string | null;
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true }) withdrawalReason: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One party's online consent to the joint application, by the party or its agent (docs/procedural-rules.md D17). */
@Entity('confirmation_consents')
export class ConfirmationConsentRecord {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @PrimaryColumn({ name: 'party_id', type: 'uuid' }) partyId: string;
  @Column({ name: 'consented_by', type: 'uuid' }) consentedBy: string;
  @Column({ name: 'consented_at', type: 'timestamptz' }) consentedAt: Date;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent: string | null;
}

export enum MaterialRole {
  SignedAgreement = 'signed_agreement',
  MediationProof = 'mediation_proof',
  Identity = 'identity',
  PartyUpload = 'party_upload',
  Supplement = 'supplement',
}

/** A document lodged with the court as part of an application (Interp. 354): the court sees exactly these. */
@Entity('confirmation_materials')
export class ConfirmationMaterial {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @PrimaryColumn({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'text' }) role: MaterialRole;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy: string | null;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
  /** The court's request a supplement answered. */
  @Column({ name: 'supplement_request_id', type: 'uuid', nullable: true }) supplementRequestId: string | null;
}

/** The court's request for more material by a deadline (Interp. 356-357). */
@Entity('supplement_requests')
export class SupplementRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) items: string;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'supplemented_at', type: 'timestamptz', nullable: true }) supplementedAt: Date | null;
  @Column({ name: 'supplemented_by', type: 'uuid', nullable: true }) supplementedBy: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'expired_at', type: 'timestamptz', nullable: true }) expiredAt: Date | null;
}
