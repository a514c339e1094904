import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import type { FieldError } from '../common/errors/problem';
import { SettlementAgreementContent } from './agreement-content.dto';
import type { AgreementDraft } from './agreement-draft.entity';
import { AGREEMENT_LANGUAGES, type AgreementLanguage } from './agreement-model';
import type { AgreementRefusal } from './agreement-refusal.entity';
import type { AgreementSignature } from './agreement-signature.entity';
import type { AgreementVersionRecord } from './agreement-version.entity';
import type { CodeIssued } from './agreement-signing.service';

const HASH = /^[0-9a-f]{64}$/;

export class CreateDraftRequest {
  /** The template's language; the case's language when left out. */
  @ApiPropertyOptional({ enum: AGREEMENT_LANGUAGES })
  @IsOptional()
  @IsIn(AGREEMENT_LANGUAGES as AgreementLanguage[])
  language?: AgreementLanguage;
}

export class UpdateDraftRequest {
  /** The revision the edit started from (409 when someone saved in between). */
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  revision: number;

  /** The whole agreement: parties, facts, issues, result, performance schedule, other terms, confirmsOwnership. */
  @ApiProperty({ type: () => SettlementAgreementContent })
  @IsObject()
  content: SettlementAgreementContent;
}

export class ProposeAgreementRequest {
  /** The case version the mediator saw (or send If-Match). */
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ReviseAgreementRequest {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

class VersionBound {
  /** The hash of the version the signer read: a stale one is refused with 409. */
  @ApiProperty({ pattern: HASH.source })
  @Matches(HASH, { message: 'versionHash must be the 64 hex digits of the version being signed' })
  versionHash: string;

  /** Only for someone who may sign for several parties. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partyId?: string;
}

export class SignatureCodeRequest extends VersionBound {
  /** Where the code goes: the account's phone (sms) or e-mail. Default: sms when an SMS provider is configured and the account has a number. */
  @ApiPropertyOptional({ enum: ['sms', 'email'] })
  @IsOptional()
  @IsIn(['sms', 'email'])
  channel?: 'sms' | 'email';
}

export class SignRequest extends VersionBound {
  @ApiProperty({ pattern: '^[0-9]{6}$' })
  @Matches(/^[0-9]{6}$/, { message: 'code must be the 6 digits sent to you' })
  code: string;
}

export class RefuseToSignRequest extends VersionBound {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class FieldErrorView {
  @ApiProperty() field: string;
  @ApiProperty() rule: string;
  @ApiProperty() message: string;
}

export class AgreementDraftView {
  @ApiProperty() caseId: string;
  @ApiProperty() revision: number;
  /** As saved: the template's gaps are listed in `problems` until filled. */
  @ApiProperty({ type: () => SettlementAgreementContent }) content: unknown;
  /** What must still be done before it can be proposed (empty when it can). */
  @ApiProperty({ type: [FieldErrorView] }) problems: FieldError[];
  @ApiProperty() updatedAt: string;
  @ApiProperty() updatedBy: string;

  static of(d: AgreementDraft, problems: FieldError[]): AgreementDraftView {
    return { caseId: d.caseId, revision: d.revision, content: d.content, problems, updatedAt: d.updatedAt.toISOString(), updatedBy: d.updatedBy };
  }
}

export class SignatureView {
  @ApiProperty() id: string;
  @ApiProperty() signerId: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ enum: ['party', 'agent', 'mediator'] }) signerRole: string;
  @ApiPropertyOptional({ nullable: true, type: String }) partyId: string | null;
  @ApiProperty() signedAt: string;
  @ApiProperty() agreementHash: string;
  /** How the signer was authenticated: the channel and the masked address, never the code. */
  @ApiProperty({ enum: ['sms', 'email'] }) codeChannel: string;
  @ApiProperty() codeDestination: string;
  @ApiProperty() digest: string;
  @ApiPropertyOptional({ nullable: true, type: String }) voidedAt: string | null;

  static of(s: AgreementSignature): SignatureView {
    return {
      id: s.id,
      signerId: s.signerId,
      signerName: s.signerName,
      signerRole: s.signerRole,
      partyId: s.partyId,
      signedAt: s.signedAt.toISOString(),
      agreementHash: s.agreementHash,
      codeChannel: s.codeChannel,
      codeDestination: s.codeDestination,
      digest: s.digest,
      voidedAt: s.voidedAt?.toISOString() ?? null,
    };
  }
}

export class RefusalView {
  @ApiProperty() id: string;
  @ApiProperty() partyId: string;
  @ApiProperty() userId: string;
  @ApiProperty() reason: string;
  @ApiProperty() refusedAt: string;

  static of(r: AgreementRefusal): RefusalView {
    return { id: r.id, partyId: r.partyId, userId: r.userId, reason: r.reason, refusedAt: r.refusedAt.toISOString() };
  }
}

export class AwaitedSignerView {
  @ApiProperty({ enum: ['party', 'mediator'] }) role: string;
  @ApiPropertyOptional({ nullable: true, type: String }) partyId: string | null;
  @ApiProperty() name: string;
}

export class ConfirmationWindowView {
  /** The last local day on which the parties can apply for judicial confirmation (docs/procedural-rules.md D15). */
  @ApiProperty() lastDay: string;
  @ApiProperty() endsAt: string;
}

export class AgreementVersionView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['signing', 'void', 'effective'] }) status: string;
  @ApiProperty() hash: string;
  @ApiProperty() hashAlgorithm: string;
  /** The frozen PDF: GET /api/v1/documents/{id}/content. */
  @ApiProperty() documentId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) signedDocumentId: string | null;
  @ApiProperty() confirmsOwnership: boolean;
  @ApiProperty() frozenAt: string;
  @ApiProperty() frozenBy: string;
  @ApiPropertyOptional({ nullable: true, type: String }) voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) effectiveAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: ConfirmationWindowView }) confirmationWindow: ConfirmationWindowView | null;
  /** The end of the confirmation window (docs/procedural-rules.md D15), the same as confirmationWindow.endsAt. */
  @ApiPropertyOptional({ nullable: true, type: String }) confirmationWindowEndsAt: string | null;
  @ApiProperty({ type: () => SettlementAgreementContent }) content: unknown;
  @ApiProperty({ type: [SignatureView] }) signatures: SignatureView[];
  /** While signing: who has not signed yet. */
  @ApiProperty({ type: [AwaitedSignerView] }) awaiting: AwaitedSignerView[];
  @ApiProperty({ type: [RefusalView] }) refusals: RefusalView[];

  static of(
    v: AgreementVersionRecord,
    extra: { signatures: AgreementSignature[]; refusals: AgreementRefusal[]; awaiting: AwaitedSignerView[]; window: { lastDay: string; closesAt: Date } | null },
  ): AgreementVersionView {
    return {
      id: v.id,
      caseId: v.caseId,
      version: v.version,
      status: v.status,
      hash: v.hash,
      hashAlgorithm: v.hashAlgorithm,
      documentId: v.documentId,
      signedDocumentId: v.signedDocumentId,
      confirmsOwnership: v.confirmsOwnership,
      frozenAt: v.frozenAt.toISOString(),
      frozenBy: v.frozenBy,
      voidedAt: v.voidedAt?.toISOString() ?? null,
      voidReason: v.voidReason,
      effectiveAt: v.effectiveAt?.toISOString() ?? null,
      confirmationWindow: extra.window ? { lastDay: extra.window.lastDay, endsAt: extra.window.closesAt.toISOString() } : null,
      confirmationWindowEndsAt: extra.window?.closesAt.toISOString() ?? null,
      content: v.content,
      signatures: extra.signatures.map(SignatureView.of),
      awaiting: extra.awaiting,
      refusals: extra.refusals.map(RefusalView.of),
    };
  }
}

export class SignatureCodeView {
  @ApiProperty() codeId: string;
  @ApiProperty({ enum: ['sms', 'email'] }) channel: string;
  /** The masked address the code was sent to. */
  @ApiProperty() destination: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() maxAttempts: number;

  static of(c: CodeIssued): SignatureCodeView {
    return { codeId: c.codeId, channel: c.channel, destination: c.destination, expiresAt: c.expiresAt.toISOString(), maxAttempts: c.maxAttempts };
  }
}

export class SignedView {
  @ApiProperty({ type: SignatureView }) signature: SignatureView;
  @ApiProperty({ type: AgreementVersionView }) agreement: AgreementVersionView;
}
