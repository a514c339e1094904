import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import { OptionalText, RequiredText } from '../common/text-fields';
import type { CourtSummons } from './court-summons.entity';
import type { RulingObjection } from './ruling-objection.entity';

/** The court summons the parties to attend (Interp. 356; docs/procedural-rules.md D21). */
export class SummonsRequest {
  @ApiProperty({ format: 'date-time', description: 'When to attend: in the future, and before the court’s period to decide ends' })
  @IsIsoDate()
  attendAt: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Where to attend; give this, or a videoLink, or both' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  place?: string;

  @ApiPropertyOptional({ maxLength: 2000, example: 'https://meeting.court.example/j/123456', description: 'The https:// link to attend by video' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  videoLink?: string;

  @OptionalText()
  note?: string;
}

export class SummonsView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ format: 'date-time' }) attendAt: string;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty({ nullable: true, type: String }) videoLink: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'The summons served on each party (Chinese; a party reading English is served an English rendering too)' }) documentId: string;
  @ApiProperty() issuedBy: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;

  static of(s: CourtSummons): SummonsView {
    return {
      id: s.id,
      applicationId: s.applicationId,
      attendAt: s.attendAt.toISOString(),
      place: s.place,
      videoLink: s.videoLink,
      note: s.note,
      documentId: s.documentId,
      issuedBy: s.issuedBy,
      issuedAt: s.issuedAt.toISOString(),
    };
  }
}

/** A party objects to the ruling within OBJECTION_DAYS of its service (Interp. 372; docs/procedural-rules.md D23). */
export class PartyObjectionRequest {
  /** What the party asks and why; paragraphs separated by a blank line. */
  @RequiredText('text must say what the objection asks and why (at least 10 characters)', { min: 10, max: 20000 })
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The party objecting; needed only by someone who acts for more than one' })
  @IsOptional()
  @IsUUID('all', { message: 'partyId must be a party id' })
  partyId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'Documents of the case to attach (uploaded first, as kind `other` or `evidence`)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'documentIds must be document ids' })
  documentIds?: string[];
}

/** An interested third party objects within THIRD_PARTY_OBJECTION_MONTHS of knowing of the harm (Interp. 372; docs/procedural-rules.md D23). */
export class ThirdPartyObjectionRequest {
  @ApiProperty({ example: '(2026)浙0106民特调确12号', description: 'The 调确 number of the ruling objected to' })
  @IsString()
  @MaxLength(100)
  docketNumber: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The court that made the ruling: needed only when two courts’ numbers are alike' })
  @IsOptional()
  @IsUUID('all', { message: 'courtId must be a court id' })
  courtId?: string;

  /** How the ruling harms the objector’s own civil rights: the court reviews it. */
  @RequiredText('interest must say how the ruling harms your own rights (at least 10 characters)', { min: 10, max: 4000 })
  interest: string;

  @ApiProperty({ example: '2026-12-07', description: 'The day you knew, or should have known, of the harm: the 6 months run from it' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'knewOn must be a date YYYY-MM-DD' })
  knewOn: string;

  @RequiredText('text must say what the objection asks and why (at least 10 characters)', { min: 10, max: 20000 })
  text: string;
}

export class ObjectionReviewRequest {
  @ApiProperty({ enum: ['admitted', 'dismissed'], description: 'admitted: the objector has an interest and the court will hear it; dismissed: it has none' })
  @IsIn(['admitted', 'dismissed'], { message: 'decision must be admitted or dismissed' })
  decision: 'admitted' | 'dismissed';

  @RequiredText('note must give the court’s reasons (at least 3 characters)', { max: 4000 })
  note: string;
}

export class ObjectionReviewView {
  @ApiProperty({ enum: ['admitted', 'dismissed'] }) decision: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ObjectionView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The 调确 number of the ruling objected to' }) docketNumber: string | null;
  @ApiProperty({ enum: ['party', 'third_party'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) partyId: string | null;
  @ApiProperty() objectorName: string;
  @ApiProperty({ nullable: true, type: String, description: 'A third party’s stated interest' }) interest: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day a third party knew of the harm' }) knewOn: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String] }) attachmentIds: string[];
  @ApiProperty({ description: 'The objection as served on the court' }) documentId: string;
  @ApiProperty({ description: 'The last day of the objector’s window (OBJECTION_DAYS or THIRD_PARTY_OBJECTION_MONTHS)' }) windowLastDay: string;
  @ApiProperty({ format: 'date-time' }) filedAt: string;
  @ApiProperty({ nullable: true, type: ObjectionReviewView, description: 'The court’s review of a third party’s interest' }) review: ObjectionReviewView | null;

  static of(o: RulingObjection, docketNumber: string | null): ObjectionView {
    return {
      id: o.id,
      applicationId: o.applicationId,
      docketNumber,
      kind: o.kind,
      partyId: o.partyId,
      objectorName: o.objectorName,
      interest: o.interest,
      knewOn: o.knewOn,
      text: o.text,
      attachmentIds: o.attachmentIds,
      documentId: o.documentId,
      windowLastDay: o.windowLastDay,
      filedAt: o.filedAt.toISOString(),
      review: o.reviewedAt ? { decision: o.reviewDecision!, note: o.reviewNote ?? '', at: o.reviewedAt.toISOString() } : null,
    };
  }
}
