import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ValidationProblem } from '../../common/errors/problem';
import { ALL_CHANNELS, MediationChannel, MESSAGE_LIMITS } from './channels';

/** The `:channel` of a path, or a problem naming it. */
export function parseChannel(value: string): MediationChannel {
  if ((ALL_CHANNELS as readonly string[]).includes(value)) return value as MediationChannel;
  throw new ValidationProblem([{ field: 'channel', rule: 'isIn', message: `channel must be one of ${ALL_CHANNELS.join(', ')}` }]);
}

export class PostMessageRequest {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_LIMITS.textChars })
  @IsString()
  @Matches(/\S/, { message: 'text must not be empty' })
  @MaxLength(MESSAGE_LIMITS.textChars)
  text: string;

  /** Case documents to attach: each must be one you can see, and fit for everyone in the channel. */
  @ApiPropertyOptional({ type: [String], maxItems: MESSAGE_LIMITS.attachments })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MESSAGE_LIMITS.attachments)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class MarkReadRequest {
  /** The `seq` of the last message read; omitted: everything posted so far. */
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  upToSeq?: number;
}

export class AttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

export class MessageView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Order of posting within the platform; read markers use it' }) seq: number;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: MediationChannel }) channel: MediationChannel;
  @ApiProperty() authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ description: 'mediator, applicant, applicant_agent, respondent or respondent_agent' }) authorRole: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @ApiProperty() createdAt: string;
}

export class ChannelView {
  @ApiProperty({ enum: MediationChannel }) channel: MediationChannel;
  @ApiPropertyOptional({ nullable: true, enum: ['applicant', 'respondent'], description: 'The side of a caucus channel; null for the joint channel' })
  side: 'applicant' | 'respondent' | null;
  @ApiProperty({ description: 'Messages of others you have not marked read' }) unread: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastMessageAt: string | null;
}
