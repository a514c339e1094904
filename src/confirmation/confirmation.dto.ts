// Over 300 lines on purpose: the request and view shapes of the confirmation endpoints (the OpenAPI
// document reads them); declarations only.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { SettlementAgreementContent } from '../agreements/agreement-content.dto';
import { OptionalText, RequiredText } from '../common/text-fields';
import { DocumentIds } from '../documents/document-ids.decorator';
import { RejectionGround } from './confirmation-rules';
import { CourtGround, type CourtOption } from './court-options';
import type { ApplicationDetail } from './confirmation-reader';
import type { QueueEntry } from './court-queue.reader';
import { ObjectionView, SummonsView } from './court-procedure.dto';

const REGION = /^\d{6}$/;
const REGION_MESSAGE = 'subjectMatterRegion must be a 6-digit administrative division code (e.g. 330106)';

export class CourtOptionsQuery {
  /** Where the subject matter is (a 6-digit division code): adds the courts there. */
  @ApiPropertyOptional({ example: '330106' })
  @IsOptional()
  @Matches(REGION, { message: REGION_MESSAGE })
  subjectMatterRegion?: string;
}

export class CourtOptionView {
  @ApiProperty() courtId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) level: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ enum: CourtGround, isArray: true, description: 'Why this court may confirm (rule D16)' }) grounds: CourtGround[];

  static of(o: CourtOption): CourtOptionView {
    return { courtId: o.courtId, name: o.name, level: o.level, region: o.region, grounds: o.grounds };
  }
}

export class StartApplicationRequest {
  /** One of GET /cases/{id}/confirmation/court-options. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courtId must be the id of a court' })
  courtId: string;

  @ApiPropertyOptional({ example: '330106', description: 'Where the subject matter is, when that is what makes the court competent' })
  @IsOptional()
  @Matches(REGION, { message: REGION_MESSAGE })
  subjectMatterRegion?: string;

  /** Further material (e.g. property-right proofs, Interp. 354): documents of the case, lodged with the application. */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'documentIds must be document ids' })
  documentIds?: string[];
}

export class ReasonRequest {
  @RequiredText('reason must say why (at least 3 characters)')
  reason: string;
}

export class OptionalReasonRequest {
  @OptionalText()
  reason?: string;

  @ApiPropertyOptional({ description: 'The case version you saw; 409 when it changed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class SupplementRequestBody {
  /** What the court needs, in words. */
  @RequiredText('items must say what material is needed (at least 3 characters)', { max: 4000 })
  items: string;

  /** Days to supply it; SUPPLEMENT_DAYS when left out. */
  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt({ message: 'days must be a whole number of days' })
  @Min(1)
  @Max(60)
  days?: number;
}

export class SupplementAnswer {
  @DocumentIds('The material: documents of the case uploaded as kind `supplement_material`')
  documentIds: string[];

  @OptionalText()
  note?: string;
}

export class ExtensionRequest {
  /** Who approved the longer period (the court's president, in practice). */
  @RequiredText('approvedBy must name the approver', { min: 2, max: 200 })
  approvedBy: string;

  @RequiredText('reason must say why more time is needed')
  reason: string;
}

export class RejectionRequest {
  @ApiProperty({ enum: RejectionGround, isArray: true, description: 'Grounds of Interp. 358 (rule D22)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'grounds must name at least one ground (Interp. 358)' })
  @IsIn(Object.values(RejectionGround), { each: true, message: `grounds must each be one of ${Object.values(RejectionGround).join(', ')}` })
  grounds: RejectionGround[];

  @ApiPropertyOptional({ maxLength: 20000, description: 'Required with the ground "other"' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  explanation?: string;
}

/** What the judge is about to rule, to see the ruling before issuing it. */
export class RulingPreviewRequest {
  @ApiProperty({ enum: ['confirmed', 'rejected'] })
  @IsIn(['confirmed', 'rejected'], { message: 'outcome must be confirmed or rejected' })
  outcome: 'confirmed' | 'rejected';

  @ApiPropertyOptional({ enum: RejectionGround, isArray: true, description: 'With a rejection: its grounds (Interp. 358)' })
  @IsOptional()
  @IsArray()
  @IsIn(Object.values(RejectionGround), { each: true, message: `grounds must each be one of ${Object.values(RejectionGround).join(', ')}` })
  grounds?: RejectionGround[];

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  explanation?: string;

  /** The ruling is issued in Chinese; a party reading English is served an English rendering too. */
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'], { message: 'language must be zh-CN or en' })
  language?: 'zh-CN' | 'en';
}

export class QueueQuery {
  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'all'])
  include?: 'open' | 'all';
}

export class MaterialView {
  @ApiProperty() documentId: string;
  @ApiProperty({ enum: ['signed_agreement', 'mediation_proof', 'identity', 'party_upload', 'supplement'] }) role: string;
  @ApiProperty() kind: string;
  @ApiProperty() filename: string;
  @ApiProperty() sha256: string;
  @ApiProperty() addedAt: string;
}

export class SupplementView {
  @ApiProperty() id: string;
  @ApiProperty() items: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() dueAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) supplementedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) expiredAt: string | null;
  @ApiProperty({ type: [String] }) documentIds: string[];
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** A joint application as parties and the court see it: application data and the effective agreement, never mediation content. */
export class CourtRefView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ApplicationWindowView {
  /** The last local day to apply (rule D15). */
  @ApiProperty() lastDay: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
}

export class ApplicationPartyView {
  @ApiProperty() partyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['applicant', 'respondent'] }) side: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) consentedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) consentedBy: string | null;
}

export class DocketView {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastDay: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) docketedAt: string | null;
  /** The 调确 number, e.g. (2026)浙0106民特调确123号. */
  @ApiProperty({ nullable: true, type: String }) number: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the docketing deadline passed with the application neither docketed nor declined (rule D20)',
  })
  overdueAt: string | null;
}

export class DeclineView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() reason: string;
}

export class DecisionExtensionView {
  @ApiProperty() approvedBy: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
}

export class DecisionView {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastDay: string | null;
  @ApiProperty({ nullable: true, type: DecisionExtensionView }) extension: DecisionExtensionView | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rulingDocumentId: string | null;
  /** A rejection's grounds (Interp. 358). */
  @ApiProperty({ nullable: true, type: [String] }) grounds: string[] | null;
  @ApiProperty({ nullable: true, type: String }) explanation: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the decision deadline passed with no ruling (rule D20)' })
  overdueAt: string | null;
}

export class WithdrawalView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ConfirmedAgreementView {
  @ApiProperty() versionId: string;
  @ApiProperty() version: number;
  @ApiProperty() hash: string;
  @ApiProperty() hashAlgorithm: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) effectiveAt: string | null;
  @ApiProperty() confirmsOwnership: boolean;
  @ApiProperty({ type: () => SettlementAgreementContent }) content: unknown;
}

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ enum: ['collecting_consents', 'lodged', 'docketed', 'declined', 'withdrawn', 'supplement_expired', 'confirmed', 'rejected'] }) status: string;
  @ApiProperty({ type: CourtRefView }) court: CourtRefView;
  @ApiProperty({ enum: CourtGround, isArray: true }) courtGrounds: string[];
  @ApiProperty() startedBy: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: ApplicationWindowView, description: 'The 30-day window for applying (rule D15)' }) window: ApplicationWindowView | null;
  @ApiProperty({ type: [ApplicationPartyView], description: 'Every party of the agreement and its consent' })
  parties: ApplicationPartyView[];
  @ApiPropertyOptional({ nullable: true, type: String }) lodgedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) applicationDocumentId: string | null;
  @ApiProperty({ type: DocketView, description: 'Docketing: due, done, the 调确 number (rule D20)' })
  docket: DocketView;
  @ApiProperty({ nullable: true, type: DeclineView }) declined: DeclineView | null;
  @ApiProperty({ type: DecisionView, description: 'The decision period, and its recorded extension' })
  decision: DecisionView;
  @ApiProperty({ nullable: true, type: WithdrawalView }) withdrawn: WithdrawalView | null;
  @ApiProperty({ type: [SupplementView] }) supplements: SupplementView[];
  @ApiProperty({ type: [MaterialView], description: 'Lodged materials you may see' }) materials: MaterialView[];
  @ApiProperty({ type: [SummonsView], description: 'The court’s summonses to attend (rule D21)' }) summonses: SummonsView[];
  @ApiProperty({ type: [ObjectionView], description: 'Objections to the ruling, by parties and interested third parties (rule D23)' }) objections: ObjectionView[];
  @ApiProperty({ nullable: true, type: ConfirmedAgreementView, description: 'The effective agreement the application asks to confirm' })
  agreement: ConfirmedAgreementView | null;

  static of(d: ApplicationDetail): ApplicationView {
    const a = d.application;
    const parties = d.agreement?.content.parties ?? [];
    return {
      id: a.id,
      caseId: a.caseId,
      caseNumber: d.case.number,
      status: a.status,
      court: d.court,
      courtGrounds: a.courtGrounds,
      startedBy: a.startedBy,
      startedAt: a.startedAt.toISOString(),
      window: d.window ? { lastDay: d.window.lastDay, closesAt: d.window.closesAt.toISOString() } : null,
      parties: parties.map((p) => {
        const k = d.consents.find((x) => x.partyId === p.partyId);
        return { partyId: p.partyId, name: p.name, side: p.side, consentedAt: iso(k?.consentedAt), consentedBy: k?.consentedBy ?? null };
      }),
      lodgedAt: iso(a.lodgedAt),
      applicationDocumentId: a.applicationDocumentId,
      docket: { dueAt: iso(a.docketDueAt), lastDay: a.docketLastDay, docketedAt: iso(a.docketedAt), number: a.docketNumber, overdueAt: iso(a.docketOverdueAt) },
      declined: a.declinedAt ? { at: a.declinedAt.toISOString(), reason: a.declineReason ?? '' } : null,
      decision: {
        dueAt: iso(a.decisionDueAt),
        lastDay: a.decisionLastDay,
        extension: a.extensionApprovedAt ? { approvedBy: a.extensionApprovedBy!, reason: a.extensionReason!, approvedAt: a.extensionApprovedAt.toISOString() } : null,
        decidedAt: iso(a.decidedAt),
        rulingDocumentId: a.rulingDocumentId,
        grounds: a.rejectionGrounds,
        explanation: a.rejectionExplanation,
        overdueAt: iso(a.decisionOverdueAt),
      },
      withdrawn: a.withdrawnAt ? { at: a.withdrawnAt.toISOString(), reason: a.withdrawalReason } : null,
      supplements: d.supplements.map((s) => ({
        id: s.id,
        items: s.items,
        requestedAt: s.requestedAt.toISOString(),
        dueAt: s.dueAt.toISOString(),
        supplementedAt: iso(s.supplementedAt),
        note: s.note,
        expiredAt: iso(s.expiredAt),
        documentIds: s.documentIds,
      })),
      summonses: d.summonses.map(SummonsView.of),
      objections: d.objections.map((o) => ObjectionView.of(o, a.docketNumber)),
      materials: d.materials.map((m) => ({
        documentId: m.documentId,
        role: m.role,
        kind: m.document.kind,
        filename: m.document.filename,
        sha256: m.document.sha256,
        addedAt: m.addedAt.toISOString(),
      })),
      agreement: d.agreement
        ? {
            versionId: d.agreement.id,
            version: d.agreement.version,
            hash: d.agreement.hash,
            hashAlgorithm: d.agreement.hashAlgorithm,
            effectiveAt: iso(d.agreement.effectiveAt),
            confirmsOwnership: d.agreement.confirmsOwnership,
            content: d.agreement.content,
          }
        : null,
    };
  }
}

export class QueueEntryView {
  @ApiProperty() applicationId: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() caseTitle: string;
  @ApiProperty() courtId: string;
  @ApiProperty() courtName: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lodgedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) docketNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The court’s next deadline: to docket, then to decide' }) courtDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'While material is awaited: the parties’ deadline' }) supplementDueAt: string | null;
  @ApiProperty({ description: 'The court’s deadline has passed' }) overdue: boolean;

  static of(e: QueueEntry, now: Date): QueueEntryView {
    const a = e.application;
    return {
      applicationId: a.id,
      caseId: a.caseId,
      caseNumber: e.caseNumber,
      caseTitle: e.caseTitle,
      courtId: a.courtId,
      courtName: e.courtName,
      status: a.status,
      lodgedAt: iso(a.lodgedAt),
      docketNumber: a.docketNumber,
      courtDueAt: iso(e.courtDueAt),
      supplementDueAt: iso(e.supplementDueAt),
      overdue: e.courtDueAt !== null && e.courtDueAt.getTime() <= now.getTime(),
    };
  }
}
