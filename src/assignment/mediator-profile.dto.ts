import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import { DisputeType } from '../cases/entities/case.entity';
import { Accreditation, PriorRole } from './mediator-profile';

export class OrganisationRelationshipInput {
  @ApiProperty() @IsUUID() organisationId: string;
  @ApiProperty({ enum: ['employer', 'client', 'law_firm', 'party', 'shareholding', 'other'] })
  @IsIn(['employer', 'client', 'law_firm', 'party', 'shareholding', 'other'])
  kind: 'employer' | 'client' | 'law_firm' | 'party' | 'shareholding' | 'other';
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class PersonRelationshipInput {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ['relative', 'client', 'colleague', 'other'] })
  @IsIn(['relative', 'client', 'colleague', 'other'])
  kind: 'relative' | 'client' | 'colleague' | 'other';
}

export class PastInvolvementInput {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  /** A court case number or another key naming the same dispute. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) disputeKey?: string;
  @ApiProperty({ enum: PriorRole }) @IsEnum(PriorRole) role: PriorRole;
}

/** The whole profile, as an administrator maintains it. */
export class MediatorProfileInput {
  @ApiProperty() @IsBoolean() active: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsIsoDate() onLeaveFrom?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsIsoDate() onLeaveUntil?: string | null;

  @ApiProperty({ enum: DisputeType, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(DisputeType, { each: true })
  disputeTypes: DisputeType[];

  /** IPC classes (G06F, H04L) or Nice classes (9, 35). */
  @ApiProperty({ type: [String], example: ['G06F', 'H04L', '9'] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^([A-H]\d{2}[A-Z]?(\d{1,4}\/\d{1,6})?|\d{1,2})$/, { each: true, message: 'each technical field must be an IPC class (G06F) or a Nice class (9)' })
  technicalFields: string[];

  @ApiProperty({ type: [String], example: ['zh-CN', 'en'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { each: true, message: 'each language must be a tag such as zh-CN or en' })
  languages: string[];

  @ApiProperty({ type: [String], example: ['CN', 'EP'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each jurisdiction must be a two-letter code' })
  jurisdictions: string[];

  @ApiProperty({ enum: Accreditation, isArray: true })
  @IsArray()
  @IsEnum(Accreditation, { each: true })
  accreditations: Accreditation[];

  /** 1 takes fast-track cases only, 2 also standard, 3 also complex. */
  @ApiProperty({ minimum: 1, maximum: 3 }) @IsInt() @Min(1) @Max(3) seniority: 1 | 2 | 3;

  /** Most open cases at once. */
  @ApiProperty({ minimum: 0, maximum: 1000 }) @IsInt() @Min(0) @Max(1000) capacity: number;

  @ApiProperty({ type: [String] }) @IsArray() @IsUUID('all', { each: true }) courtIds: string[];
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID('all', { each: true }) organisationIds: string[];

  @ApiProperty({ type: [OrganisationRelationshipInput] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrganisationRelationshipInput)
  organisationRelationships: OrganisationRelationshipInput[];

  @ApiProperty({ type: [PersonRelationshipInput] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PersonRelationshipInput)
  personRelationships: PersonRelationshipInput[];

  @ApiProperty({ type: [PastInvolvementInput] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PastInvolvementInput)
  pastInvolvement: PastInvolvementInput[];
}

/** What a mediator may change itself. */
export class AvailabilityInput {
  @ApiProperty() @IsBoolean() active: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsIsoDate() onLeaveFrom?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsIsoDate() onLeaveUntil?: string | null;
}

/** Organisations and people the mediator declared ties with (conflict screening). */
export class DeclaredRelationshipsView {
  @ApiProperty({ type: [OrganisationRelationshipInput] }) organisations: OrganisationRelationshipInput[];
  /** People the mediator is close to (relatives, clients, partners), by name. */
  @ApiProperty({ type: [PersonRelationshipInput] }) people: PersonRelationshipInput[];
}

export class OutcomeCountsView {
  /** Cases in this category that ended in an effective agreement. */
  @ApiProperty() settled: number;
  /** Cases in this category the mediator closed, whatever the outcome (settled included). */
  @ApiProperty() closed: number;
}

/** The conflict-of-interest disclosure a mediator signs on accepting (OMR 13). */
export class DisclosureView {
  @ApiProperty() noConflict: boolean;
  @ApiPropertyOptional() statement?: string;
}
