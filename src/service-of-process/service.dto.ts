import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import type { ChannelOutcome } from './deemed-served';
import type { ServedNotice } from './service-reader';
import { ServicePurpose, type ServiceRecord, type ServiceAddress } from './service.entity';

export class RespondentConsentRequest {
  /** true: the respondent agrees to mediate; false: it declines. */
  @ApiProperty()
  @IsBoolean()
  agree: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  /**
   * The respondent's consent to online handling (OMR 4, OLR 4; docs/procedural-rules.md A1), given or
   * refused with the answer. false: its steps are handled offline (documents served on paper).
   * Absent: not recorded.
   */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @IsBoolean()
  consentOnline?: boolean;
}

/** The address-for-service form (送达地址确认书, docs/procedural-rules.md A6): a party confirms where it accepts service. */
export class AddressForServiceRequest {
  @ApiProperty({ format: 'email' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,20}$/, { message: 'phone must be a phone number in international form' })
  phone?: string;

  /** The party consents to electronic service at these addresses (docs/procedural-rules.md F26). */
  @ApiProperty({ enum: [true] })
  @Equals(true, { message: 'consentEService must be true: a party that refuses electronic service is served offline' })
  consentEService: boolean;
}

export class OfflineServiceRequest {
  /** Why the service moves offline (docs/procedural-rules.md A1). */
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ enum: ['post', 'in_person', 'court', 'other'] })
  @IsIn(['post', 'in_person', 'court', 'other'])
  method: string;

  /** When the paper service was completed, if it was. */
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsIsoDate()
  servedAt?: string;
}

export class ServiceAddressView {
  @ApiProperty({ enum: ['inbox', 'email', 'sms'] }) channel: string;
  @ApiProperty() address: string;
  /** Confirmed by the party (address-for-service form, prior agreement, its own filing); unconfirmed ones serve only when read or acted upon. */
  @ApiProperty() confirmed: boolean;
  @ApiProperty({ nullable: true, type: String }) basis: string | null;
}

export class ChannelOutcomeView {
  @ApiProperty({ enum: ['inbox', 'email', 'sms'] }) channel: string;
  @ApiProperty() address: string;
  @ApiProperty() confirmed: boolean;
  /** The provider's accepted time of the first real hand-over; null when none (or only logged). */
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | Date | null;
  /** When this channel alone made the service effective (confirmed address delivered). */
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) effectiveAt: string | Date | null;
}

/** The caller's party's address for service, as now confirmed. */
export class AddressForServiceView {
  partyId: string;
  email: string | null;
  phone: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt: string | null;
}

export class ServiceView {
  id: string;
  caseId: string;
  purpose: string;
  documentId: string;
  documentSha256: string;
  @ApiPropertyOptional({ description: 'The party served; null when the recipient is a court' })
  partyId: string | null;
  @ApiPropertyOptional({ description: 'The court served, for documents handed to a court' })
  recipientOrganisationId: string | null;
  recipientUserId: string | null;
  recipientName: string;
  channels: string[];
  @ApiProperty({ type: [ServiceAddressView] })
  addresses: ServiceAddress[];
  @ApiProperty({ type: [ChannelOutcomeView], description: 'Per channel: the provider’s accepted time and whether that alone made the service effective' })
  delivered: ChannelOutcome[];
  notificationIds: string[];
  sentAt: string | null;
  readAt: string | null;
  readVia: string | null;
  actedAt: string | null;
  effectiveAt: string | null;
  @ApiPropertyOptional({ enum: ['confirmed_address_delivered', 'read', 'acted_upon', 'offline'] })
  effectiveRule: string | null;
  effectiveChannel: string | null;
  linkExpiresAt: string | null;
  @ApiPropertyOptional({ description: 'When the next consented channel is tried if the service is still not effective' })
  nextAttemptAt: string | null;
  @ApiPropertyOptional({ description: 'Every consented channel was tried without effect; staff were told' })
  exhaustedAt: string | null;
  certificateDocumentId: string | null;
  offline: { at: string; by: string; reason: string; method: string | null; servedAt: string | null } | null;

  static of(s: ServiceRecord): ServiceView {
    const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
    return {
      id: s.id,
      caseId: s.caseId,
      purpose: s.purpose,
      documentId: s.documentId,
      documentSha256: s.documentSha256,
      partyId: s.partyId,
      recipientOrganisationId: s.recipientOrganisationId,
      recipientUserId: s.recipientUserId,
      recipientName: s.recipientName,
      channels: s.channels,
      addresses: s.addresses,
      delivered: s.delivered,
      notificationIds: s.notificationIds,
      sentAt: iso(s.sentAt),
      readAt: iso(s.readAt),
      readVia: s.readVia,
      actedAt: iso(s.actedAt),
      effectiveAt: iso(s.effectiveAt),
      effectiveRule: s.effectiveRule,
      effectiveChannel: s.effectiveChannel,
      linkExpiresAt: iso(s.linkExpiresAt),
      nextAttemptAt: iso(s.nextAttemptAt),
      exhaustedAt: iso(s.exhaustedAt),
      certificateDocumentId: s.certificateDocumentId,
      offline: s.offlineAt ? { at: s.offlineAt.toISOString(), by: s.offlineBy!, reason: s.offlineReason!, method: s.offlineMethod, servedAt: iso(s.offlineServedAt) } : null,
    };
  }
}

/** A service no channel could make effective, awaiting staff (offline service), with its case. */
export class ExhaustedServiceView extends ServiceView {
  @ApiProperty({ example: 'ACC-2026-000123' }) caseNumber: string;
  @ApiProperty() caseTitle: string;
}

/**
 * What the served-link landing page (`/served/{token}`) shows without signing in: the notice's
 * own facts, never the application's contents (statement, claims, identity numbers, the other
 * side's addresses).
 */
export class ServedNoticeView {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'ACC-2026-000123' }) caseNumber: string;
  @ApiProperty() caseTitle: string;
  @ApiProperty({ example: 'patent' }) disputeType: string;
  /** Why the document was served (a notice of mediation, an agreement, a ruling…). */
  @ApiProperty({ enum: ServicePurpose, enumName: 'ServicePurpose' }) purpose: ServicePurpose;
  @ApiProperty({ example: 'notice_of_mediation' }) documentKind: string;
  @ApiProperty({ example: 'notice-of-mediation-ACC-2026-000123.pdf' }) documentName: string;
  /** The applicants' names, as the notice gives them. */
  @ApiProperty({ type: [String] }) applicants: string[];
  /** The party (or court) the document was served on. */
  @ApiProperty() servedOn: string;
  /** The reader's language: the served party's (its account's, else the case's). */
  @ApiProperty({ enum: ['zh-CN', 'en'] }) language: string;
  /** A notice of mediation: the last moment to agree or decline (the respondent-consent deadline). */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) answerBy: string | null;
  /** The case waits for this party's answer to the notice of mediation. */
  @ApiProperty() awaitingAnswer: boolean;
  /** Served on an account: its holder signs in; there is nothing to claim. */
  @ApiProperty() servedOnAccount: boolean;
  /** An account holds the served party already (served on an account, or claimed since). */
  @ApiProperty() claimed: boolean;
  /** The address the link was sent to, while nobody has claimed the party (to prefill the sign-up). */
  @ApiPropertyOptional({ nullable: true, type: String, format: 'email' }) servedEmail: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) linkExpiresAt: string | null;

  static of(n: ServedNotice): ServedNoticeView {
    return { ...n, answerBy: n.answerBy?.toISOString() ?? null, linkExpiresAt: n.linkExpiresAt?.toISOString() ?? null };
  }
}

/** A party's consent to electronic service at one address, with its basis (docs/procedural-rules.md F26). */
export class EServiceConsentView {
  @ApiProperty() partyId: string;
  @ApiProperty({ enum: ['email', 'sms'] }) channel: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: ['express', 'prior_agreement', 'implied_by_filing', 'by_conduct'] }) basis: string;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  /** For a consent shown by conduct: the service the party acted on. */
  @ApiProperty({ nullable: true, type: String }) serviceId: string | null;
}
