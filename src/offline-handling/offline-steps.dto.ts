import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { OfflineStepRecord } from '../cases/entities/offline-step.entity';
import { OfflineStep } from '../cases/offline-steps';

/** Switch a step to offline handling (docs/procedural-rules.md A1): which step, whose, and why. */
export class SwitchStepOfflineRequest {
  @ApiProperty({ enum: OfflineStep, enumName: 'OfflineStep' })
  @IsEnum(OfflineStep)
  step: OfflineStep;

  /** The party whose step it is; absent: the step of every party. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class OfflineStepView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: OfflineStep, enumName: 'OfflineStep' }) step: string;
  @ApiProperty({ nullable: true, type: String }) partyId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  /** The role in which it was decided (mediator, referring_court, admin…), or the party itself (applicant, respondent) refusing online handling. */
  @ApiProperty() decidedRole: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;

  static of(r: OfflineStepRecord): OfflineStepView {
    return { id: r.id, step: r.step, partyId: r.partyId, reason: r.reason, decidedBy: r.decidedBy, decidedRole: r.decidedRole, decidedAt: r.decidedAt.toISOString() };
  }
}
