import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PartySide } from '../cases/entities/case-party.entity';
import { ROUNDING_MODES, type RoundingMode } from '../common/money/money';
import { MAX_BLIND_BID_ROUNDS, type BlindBidGap } from './blind-bidding';

export class BlindBidGapRequest {
  /** none: settle only when the figures overlap; absolute: within `amount`; percentage: within `percent` % of the claimant's figure. */
  @ApiProperty({ enum: ['none', 'absolute', 'percentage'] })
  @IsIn(['none', 'absolute', 'percentage'])
  kind: BlindBidGap['kind'];

  @ApiPropertyOptional({ example: '10000', description: 'absolute gaps: an amount in the bidding currency' })
  // Checked whenever sent, so a wrong value is refused even where the kind would ignore it.
  @ValidateIf((g: BlindBidGapRequest) => g.kind === 'absolute' || g.amount !== undefined)
  @IsString()
  @MaxLength(40)
  amount?: string;

  @ApiPropertyOptional({ example: '5', description: 'percentage gaps: 0 to 100' })
  @ValidateIf((g: BlindBidGapRequest) => g.kind === 'percentage' || g.percent !== undefined)
  @IsString()
  @MaxLength(20)
  percent?: string;
}

export class StartBlindBiddingRequest {
  @ApiProperty({ example: 'CNY' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY or USD' })
  currency: string;

  /** The side whose figure is the least it would accept; default the applicant. */
  @ApiPropertyOptional({ enum: PartySide })
  @IsOptional()
  @IsEnum(PartySide)
  claimantSide?: PartySide;

  /** Default BLIND_BIDDING_DEFAULT_ROUNDS. */
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BLIND_BID_ROUNDS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BLIND_BID_ROUNDS)
  maxRounds?: number;

  /** How far apart the figures may be and still settle (at the midpoint); default none. */
  @ApiPropertyOptional({ type: BlindBidGapRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => BlindBidGapRequest)
  gap?: BlindBidGapRequest;

  /** How the midpoint is rounded to the currency's minor unit; default half_up. */
  @ApiPropertyOptional({ enum: ROUNDING_MODES })
  @IsOptional()
  @IsIn(ROUNDING_MODES)
  rounding?: RoundingMode;
}

export class BlindBidRequest {
  /** The claimant's least acceptable figure, or the respondent's most it would pay, in the bidding currency. */
  @ApiProperty({ example: '350000.00' })
  @IsString()
  @MaxLength(40)
  amount: string;

  /** Only needed by someone who acts for both sides. */
  @ApiPropertyOptional({ enum: PartySide })
  @IsOptional()
  @IsEnum(PartySide)
  onBehalfOf?: PartySide;
}

export class RoundSummaryView {
  @ApiProperty() number: number;
  @ApiProperty({ enum: ['pending', 'settled', 'not_settled'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: Date | null;
}

/**
 * What a party sees: its own figures and the outcomes. There is no field for the other side's
 * figure (blindBidViewFor builds it).
 */
export class BlindBidSideViewDoc {
  @ApiProperty() biddingId: string;
  @ApiProperty({ enum: PartySide }) side: PartySide;
  @ApiProperty({ enum: ['claimant', 'respondent'] }) role: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['awaiting_your_figure', 'awaiting_other_side', 'settled', 'exhausted'] }) state: string;
  @ApiProperty() maxRounds: number;
  @ApiProperty() roundsLeft: number;
  @ApiProperty({ nullable: true, type: Number }) currentRound: number | null;
  @ApiProperty() otherSideHasSubmittedCurrentRound: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { round: { type: 'integer' }, amount: { type: 'string' }, submittedAt: { type: 'string' } } } })
  ownFigures: unknown[];
  @ApiProperty({ type: [RoundSummaryView] }) rounds: RoundSummaryView[];
  @ApiProperty({ nullable: true, type: String }) settlementAmount: string | null;
}

/** What the mediator sees: progress and the settlement amount, neither side's figure. */
export class BlindBidMediatorViewDoc {
  @ApiProperty() biddingId: string;
  @ApiProperty() currency: string;
  /** The side receiving the money; the other side pays. */
  @ApiProperty({ enum: PartySide }) claimantSide: string;
  @ApiProperty({ enum: ['open', 'settled', 'exhausted'] }) status: string;
  @ApiProperty() maxRounds: number;
  @ApiProperty() roundsLeft: number;
  @ApiProperty({ nullable: true, type: Number }) currentRound: number | null;
  @ApiProperty({ type: 'object', properties: { claimant: { type: 'boolean' }, respondent: { type: 'boolean' } } }) submittedCurrentRound: unknown;
  @ApiProperty({ type: [RoundSummaryView] }) rounds: RoundSummaryView[];
  @ApiProperty({ nullable: true, type: String }) settlementAmount: string | null;
}
