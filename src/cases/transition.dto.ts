import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ArrayMaxSize } from 'class-validator';

export class TransitionRequest {
  @ApiProperty({ example: 'submit', description: 'A lifecycle event with trigger `api` (see docs/lifecycle.md)' })
  @IsString()
  @MaxLength(50)
  event: string;

  /** The case version you acted on (or send If-Match). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  /** Required to reject, to request a correction; recorded for every event. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;

  /** What to correct (request_correction). */
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  items?: string[];

  /** Calendar days the applicant has to correct (request_correction); without it, CORRECTION_PERIOD_DAYS. */
  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  correctionDays?: number;
}
