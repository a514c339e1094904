import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChannelOutcome, EffectiveRule, ServiceChannel } from './deemed-served';

/** Why a document is served; the notice of mediation first, later agreements, rulings, reports. */
export enum ServicePurpose {
  NoticeOfMediation = 'notice_of_mediation',
  SessionRecord = 'session_record',
  FailureReport = 'failure_report',
  SignedAgreement = 'signed_agreement',
  ConfirmationApplication = 'confirmation_application',
  SupplementRequest = 'supplement_request',
  CourtDecision = 'court_decision',
  Ruling = 'ruling',
  Attestation = 'attestation',
  /** The court's summons to attend, on each party (docs/procedural-rules.md D21). */
  Summons = 'summons',
  /** An objection to the ruling, on the court (docs/procedural-rules.md D23). */
  RulingObjection = 'ruling_objection',
}

/** One channel of a service and the address it went to (docs/procedural-rules.md F26). */
export interface ServiceAddress {
  channel: ServiceChannel;
  address: string;
  /**
   * Confirmed: the party confirmed it (address-for-service form, prior agreement) or gave it in its
   * own filing. Unconfirmed addresses serve only when read or acted upon (docs/procedural-rules.md F27).
   */
  confirmed: boolean;
  basis: string | null;
}

/** A document served on one recipient party: the record electronic service proves itself by. */
@Entity('services')
export class ServiceRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  purpose: ServicePurpose;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'document_sha256', type: 'text' })
  documentSha256: string;

  /** The party served; null when the recipient is an organisation (a court). */
  @Column({ name: 'party_id', type: 'uuid', nullable: true })
  partyId: string | null;

  @Column({ name: 'recipient_organisation_id', type: 'uuid', nullable: true })
  recipientOrganisationId: string | null;

  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ name: 'recipient_name', type: 'text' })
  recipientName: string;

  @Column({ type: 'text', array: true })
  channels: ServiceChannel[];

  @Column({ type: 'jsonb' })
  addresses: ServiceAddress[];

  @Column({ name: 'notification_ids', type: 'uuid', array: true })
  notificationIds: string[];

  @Column({ name: 'link_expires_at', type: 'timestamptz', nullable: true })
  linkExpiresAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'read_via', type: 'text', nullable: true })
  readVia: 'link' | 'platform' | null;

  @Column({ name: 'read_ip', type: 'text', nullable: true })
  readIp: string | null;

  @Column({ name: 'read_user_agent', type: 'text', nullable: true })
  readUserAgent: string | null;

  @Column({ name: 'acted_at', type: 'timestamptz', nullable: true })
  actedAt: Date | null;

  /** Per channel, as last computed from notification_deliveries. */
  @Column({ type: 'jsonb' })
  delivered: ChannelOutcome[];

  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt: Date | null;

  @Column({ name: 'effective_rule', type: 'text', nullable: true })
  effectiveRule: EffectiveRule | null;

  @Column({ name: 'effective_channel', type: 'text', nullable: true })
  effectiveChannel: ServiceChannel | null;

  @Column({ name: 'certificate_document_id', type: 'uuid', nullable: true })
  certificateDocumentId: string | null;

  @Column({ name: 'offline_at', type: 'timestamptz', nullable: true })
  offlineAt: Date | null;

  @Column({ name: 'offline_by', type: 'uuid', nullable: true })
  offlineBy: string | null;

  @Column({ name: 'offline_reason', type: 'text', nullable: true })
  offlineReason: string | null;

  @Column({ name: 'offline_method', type: 'text', nullable: true })
  offlineMethod: string | null;

  @Column({ name: 'offline_served_at', type: 'timestamptz', nullable: true })
  offlineServedAt: Date | null;

  /** When the next consented channel is tried if the service is not effective by then (docs/procedural-rules.md F26). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** Every consented channel was tried without making the service effective: staff were told. */
  @Column({ name: 'exhausted_at', type: 'timestamptz', nullable: true })
  exhaustedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
