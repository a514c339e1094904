import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDate } from '../../common/iso-date';
import { SESSION_LIMITS, SessionKind, SessionStatus } from './session-rules';

export class ScheduleSessionRequest {
  @ApiProperty({ enum: SessionKind, description: 'joint: both sides; caucus: the mediator and one side only' })
  @IsEnum(SessionKind)
  kind: SessionKind;

  /** The side of a caucus (required for a caucus, absent for a joint session). */
  @ApiPropertyOptional({ enum: ['applicant', 'respondent'] })
  @IsOptional()
  @IsIn(['applicant', 'respondent'])
  side?: 'applicant' | 'respondent';

  @ApiProperty({ format: 'date-time', description: 'When it starts; must be in the future' })
  @IsIsoDate()
  startsAt: string;

  @ApiProperty({ minimum: SESSION_LIMITS.minMinutes, maximum: SESSION_LIMITS.maxMinutes })
  @IsInt()
  @Min(SESSION_LIMITS.minMinutes)
  @Max(SESSION_LIMITS.maxMinutes)
  durationMinutes: number;

  /** The video meeting's https:// link, sent to the participants with the invitation. */
  @ApiProperty({ example: 'https://meeting.example.com/j/123456' })
  @IsString()
  @MaxLength(SESSION_LIMITS.meetingUrlChars)
  meetingUrl: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class RescheduleSessionRequest {
  @ApiProperty({ format: 'date-time' })
  @IsIsoDate()
  startsAt: string;

  @ApiPropertyOptional({ minimum: SESSION_LIMITS.minMinutes, maximum: SESSION_LIMITS.maxMinutes })
  @IsOptional()
  @IsInt()
  @Min(SESSION_LIMITS.minMinutes)
  @Max(SESSION_LIMITS.maxMinutes)
  durationMinutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(SESSION_LIMITS.meetingUrlChars)
  meetingUrl?: string;
}

export class CancelSessionRequest {
  /** Told to the participants. */
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class MarkAbsentRequest {
  @ApiProperty({ description: 'A participant who did not join' })
  @IsUUID()
  userId: string;
}

export class WriteRecordRequest {
  /** The transcript or summary of the session. */
  @ApiProperty({ maxLength: SESSION_LIMITS.recordChars })
  @IsString()
  @Matches(/\S/, { message: 'text must not be empty' })
  @MaxLength(SESSION_LIMITS.recordChars)
  text: string;
}

export class ConfirmRecordRequest {
  /** The revision you read: a record rewritten meanwhile is not confirmed unread. */
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  revision: number;
}

export class ParticipantView {
  @ApiPropertyOptional({ nullable: true, type: String }) userId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['applicant', 'respondent', 'mediator'] }) side: 'applicant' | 'respondent' | 'mediator';
  @ApiProperty({ enum: ['party', 'agent', 'mediator'] }) capacity: 'party' | 'agent' | 'mediator';
  @ApiProperty() identityVerified: boolean;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'The current sham-mediation warning, for this case; null for the mediator' }) warningAcknowledged:
    boolean | null;
  @ApiPropertyOptional({ nullable: true, enum: ['joined', 'absent'] }) attendance: 'joined' | 'absent' | null;
  @ApiPropertyOptional({ nullable: true, type: String }) joinedAt: string | null;
  /** Shown to the mediator only. */
  @ApiPropertyOptional({ nullable: true, type: String }) joinedFromIp?: string | null;
}

export class SessionRecordView {
  @ApiProperty() revision: number;
  @ApiProperty() text: string;
  @ApiProperty() hash: string;
  @ApiProperty() writtenAt: string;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, confirmedAt: { type: 'string' } } } })
  confirmations: { userId: string; confirmedAt: string }[];
  @ApiProperty({ type: [String], description: 'Who still has to confirm this revision' }) awaiting: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) frozenAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The frozen PDF, a confidential case document' }) documentId: string | null;
}

export class SessionView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: SessionKind }) kind: SessionKind;
  @ApiPropertyOptional({ nullable: true, enum: ['applicant', 'respondent'] }) side: 'applicant' | 'respondent' | null;
  @ApiPropertyOptional({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiProperty() startsAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() meetingUrl: string;
  @ApiProperty() mediatorId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: [ParticipantView] }) participants: ParticipantView[];
  @ApiPropertyOptional({ nullable: true, type: SessionRecordView }) record: SessionRecordView | null;
}

export class WarningView {
  @ApiProperty({ description: 'Identifies the wording; an acknowledgement counts for this version' }) version: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { title: { type: 'string' }, text: { type: 'string' } } } })
  texts: Record<string, { title: string; text: string }>;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When you acknowledged this version for this case' }) acknowledgedAt: string | null;
}
