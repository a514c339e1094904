import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import type { FailureReportRecord } from './failure-report.entity';
import { CostRaisingConduct, MEDIATOR_TERMINATION_REASONS, TerminationReason, type CostRaisingConductEntry } from './termination';

export class CostRaisingConductRequest {
  /** The party whose conduct it was. */
  @ApiProperty()
  @IsUUID()
  partyId: string;

  @ApiProperty({ enum: CostRaisingConduct })
  @IsEnum(CostRaisingConduct)
  kind: CostRaisingConduct;

  /** What happened, with dates: facts, never what was offered or conceded. */
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  description: string;

  /** Case documents that show it (attendance records, notices). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}

export class TerminateRequest {
  /** Why the mediator ends the mediation (docs/procedural-rules.md B8). Withdrawal and expiry have their own paths. */
  @ApiProperty({ enum: MEDIATOR_TERMINATION_REASONS })
  @IsIn(MEDIATOR_TERMINATION_REASONS)
  reason: TerminationReason;

  /** The parties the reason concerns (required for party_unreachable, refuses_to_continue, refuses_to_sign). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partiesConcerned?: string[];

  /** Why the mediation failed, for the parties and the court: no offers, figures or concessions (docs/procedural-rules.md B10). */
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  explanation: string;

  /** Conduct that raised the other side's costs (OMR 21). */
  @ApiPropertyOptional({ type: [CostRaisingConductRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CostRaisingConductRequest)
  costRaisingConduct?: CostRaisingConductRequest[];

  /** The case version you acted on (or send If-Match). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** What the mediator is about to end the mediation with, to read the failure report first. */
export class FailureReportPreviewRequest extends TerminateRequest {
  /** The language to render the report in (each party is later served its own). */
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  language?: 'zh-CN' | 'en';
}

export class PartyConcernedView {
  @ApiProperty() partyId: string;
  @ApiProperty({ enum: TerminationReason }) reason: TerminationReason;
}

export class FailureReportView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  /** The lifecycle event that ended the mediation. */
  @ApiProperty({ enum: ['terminate', 'withdraw', 'period_expired'] }) event: string;
  @ApiProperty({ enum: TerminationReason, isArray: true }) reasons: TerminationReason[];
  @ApiProperty({ type: [PartyConcernedView] }) partiesConcerned: PartyConcernedView[];
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [CostRaisingConductRequest] }) costRaisingConduct: CostRaisingConductEntry[];
  /** The mediator who wrote it; null when the platform did. */
  @ApiProperty({ nullable: true, type: String }) preparedBy: string | null;
  @ApiProperty() preparedAt: string;
  /** Where a court referral goes now (docs/procedural-rules.md B9). */
  @ApiProperty({ enum: ['court_registration', 'back_to_trial', 'none'] }) handOff: string;
  /** The report's PDFs, one per language it was served in. */
  @ApiProperty({ type: [String] }) documentIds: string[];

  static of(r: FailureReportRecord): FailureReportView {
    return {
      id: r.id,
      caseId: r.caseId,
      event: r.event,
      reasons: r.reasons,
      partiesConcerned: r.partiesConcerned,
      explanation: r.explanation,
      costRaisingConduct: r.costRaisingConduct,
      preparedBy: r.preparedBy,
      preparedAt: r.preparedAt.toISOString(),
      handOff: r.handOff,
      documentIds: r.documentIds,
    };
  }
}
