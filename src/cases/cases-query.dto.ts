import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import { PageQuery } from '../common/pagination';
import { DisputeType } from './entities/case.entity';
import { CaseSource, CaseStatus } from './lifecycle/case-states';

export class CasesQuery extends PageQuery {
  /** One or more states, comma-separated. */
  @ApiPropertyOptional({ enum: CaseStatus, isArray: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value))
  @IsArray()
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: DisputeType })
  @IsOptional()
  @IsEnum(DisputeType)
  disputeType?: DisputeType;

  @ApiPropertyOptional({ enum: CaseSource })
  @IsOptional()
  @IsEnum(CaseSource)
  source?: CaseSource;

  /** The referring court. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  courtId?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsIsoDate()
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsIsoDate()
  createdTo?: string;

  /** Text in the case number, title, referral number, party names or IP numbers. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** `newest` first (the default), or `oldest` first — a work queue such as intake takes the longest-waiting case first. */
  @ApiPropertyOptional({ enum: ['newest', 'oldest'], default: 'newest' })
  @IsOptional()
  @IsIn(['newest', 'oldest'])
  order?: 'newest' | 'oldest';
}
