import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import type { Deadline } from '../deadlines/deadline.entity';
import { extensionOutcome } from './extension-consent';
import type { ExtensionStatus, PauseGround, PeriodExtension, PeriodExtensionAnswer, PeriodPause } from './mediation-period.entity';

export class PausePeriodRequest {
  /** Only time spent on appraisal or valuation is excluded from the period (OMR 26). */
  @ApiProperty({ enum: ['appraisal', 'valuation'] })
  @IsIn(['appraisal', 'valuation'])
  ground: PauseGround;

  /** What is being appraised or valued, and by whom. */
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class ProposeExtensionRequest {
  /** Calendar days to add to the period, counted from its current last day (at most MEDIATION_EXTENSION_MAX_DAYS). */
  @ApiProperty({ minimum: 1, example: 15 })
  @IsInt()
  @Min(1)
  days: number;

  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class ExtensionAnswerRequest {
  /** true: this party consents to the extension; false: it refuses, and the proposal fails. */
  @ApiProperty()
  @IsBoolean()
  consent: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  /** Only for someone who acts for several parties of the case. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  partyId?: string;
}

export class ExtensionAnswerView {
  @ApiProperty() partyId: string;
  @ApiProperty() userId: string;
  @ApiProperty() consent: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() answeredAt: string;
}

export class ExtensionView {
  @ApiProperty() id: string;
  @ApiProperty() days: number;
  @ApiProperty() reason: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty() proposedAt: string;
  /** lapsed: the case left mediation before every party answered. */
  @ApiProperty({ enum: ['pending', 'granted', 'declined', 'lapsed'] }) status: ExtensionStatus;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  /** The period's end after the extension. */
  @ApiProperty({ nullable: true, type: String }) newDueAt: string | null;
  @ApiProperty({ type: [ExtensionAnswerView] }) answers: ExtensionAnswerView[];
  /** Parties that have not answered a pending proposal. */
  @ApiProperty({ type: [String] }) waitingFor: string[];

  static of(e: PeriodExtension, answers: PeriodExtensionAnswer[], partyIds: string[]): ExtensionView {
    const outcome = extensionOutcome(partyIds, answers);
    return {
      id: e.id,
      days: e.days,
      reason: e.reason,
      proposedBy: e.proposedBy,
      proposedAt: e.proposedAt.toISOString(),
      status: e.status,
      decidedAt: e.decidedAt?.toISOString() ?? null,
      newDueAt: e.newDueAt?.toISOString() ?? null,
      answers: answers.map((a) => ({ partyId: a.partyId, userId: a.userId, consent: a.consent, reason: a.reason, answeredAt: a.answeredAt.toISOString() })),
      waitingFor: e.status === 'pending' && outcome.state === 'pending' ? outcome.waitingFor : [],
    };
  }
}

export class PauseView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['appraisal', 'valuation'] }) ground: PauseGround;
  @ApiProperty() reason: string;
  @ApiProperty() pausedBy: string;
  @ApiProperty() pausedAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, enum: ['resumed', 'closed'] }) endedHow: 'resumed' | 'closed' | null;
}

export class MediationPeriodView {
  @ApiProperty() caseId: string;
  /** not_started: mediation has not begun; ended: the period expired or the case left mediation. */
  @ApiProperty({ enum: ['not_started', 'running', 'paused', 'ended'] }) state: 'not_started' | 'running' | 'paused' | 'ended';
  /** The period's end (while paused: where it stood when paused). */
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  /** While paused: the time left, which resuming gives back. */
  @ApiProperty({ nullable: true, type: Number }) remainingMs: number | null;
  @ApiProperty() extendedByMs: number;
  @ApiProperty({ type: [PauseView] }) pauses: PauseView[];
  @ApiProperty({ type: [ExtensionView] }) extensions: ExtensionView[];

  static of(caseId: string, d: Deadline | null, pauses: PeriodPause[], extensions: ExtensionView[]): MediationPeriodView {
    const state = !d ? 'not_started' : d.firedAt || d.cancelledAt ? 'ended' : d.pausedAt ? 'paused' : 'running';
    return {
      caseId,
      state,
      dueAt: d?.dueAt.toISOString() ?? null,
      remainingMs: d?.remainingMs ?? null,
      extendedByMs: d?.extendedByMs ?? 0,
      pauses: pauses.map((p) => ({
        id: p.id,
        ground: p.ground,
        reason: p.reason,
        pausedBy: p.pausedBy,
        pausedAt: p.pausedAt.toISOString(),
        endedAt: p.endedAt?.toISOString() ?? null,
        endedHow: p.endedHow,
      })),
      extensions,
    };
  }
}
