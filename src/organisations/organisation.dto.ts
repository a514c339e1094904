import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { GlobalRole } from '../auth/roles';
import { CourtLevel, Organisation, OrganisationKind } from './organisation.entity';
import { MembershipRole } from './membership.entity';
import { PageQuery } from '../common/pagination';

export class CreateOrganisationRequest {
  @ApiProperty({ enum: OrganisationKind })
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @ApiProperty({ example: '杭州市中级人民法院' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'Required for courts' })
  @ValidateIf((o: CreateOrganisationRequest) => o.kind === OrganisationKind.Court || o.courtCode !== undefined)
  @Matches(/^[A-Za-z0-9-]{2,32}$/, { message: 'courtCode must be 2-32 letters, digits or dashes (required for a court)' })
  courtCode?: string;

  @ApiPropertyOptional({ enum: CourtLevel, description: 'Required for courts' })
  @ValidateIf((o: CreateOrganisationRequest) => o.kind === OrganisationKind.Court || o.courtLevel !== undefined)
  @IsEnum(CourtLevel, { message: 'courtLevel must be basic, intermediate or high (required for a court)' })
  courtLevel?: CourtLevel;

  @ApiPropertyOptional({ example: '330100' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'region must be a 6-digit administrative division code' })
  region?: string;

  @ApiPropertyOptional({ description: 'Parent company, for conflict checks across a corporate group' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class AddMemberRequest {
  /** The person's account; or give `email`. */
  @ApiPropertyOptional({ description: "The person's account; or give email" })
  @ValidateIf((o: AddMemberRequest) => o.email === undefined)
  @IsUUID()
  userId?: string;

  /** The e-mail the person signs in with, instead of `userId` (a law firm adds its lawyers by e-mail). */
  @ApiPropertyOptional({ description: 'The e-mail the person signs in with, instead of userId' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: MembershipRole, default: MembershipRole.Member })
  @IsOptional()
  @IsEnum(MembershipRole)
  role?: MembershipRole;
}

export class OrganisationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) courtCode: string | null;
  @ApiPropertyOptional({ nullable: true, enum: CourtLevel }) courtLevel: CourtLevel | null;
  @ApiPropertyOptional({ nullable: true, type: String }) region: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) parentId: string | null;

  static of(o: Organisation): OrganisationView {
    return { id: o.id, kind: o.kind, name: o.name, courtCode: o.courtCode, courtLevel: o.courtLevel, region: o.region, parentId: o.parentId };
  }
}

export class OrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OrganisationKind })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;
}

/** A person's membership of an organisation. */
export class MembershipView {
  userId: string;
  organisationId: string;
  @ApiProperty({ enum: MembershipRole }) role: string;
}

/** A member of an organisation, as its administrators see it. */
export class MemberView {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MembershipRole }) role: MembershipRole;
  /** The person's platform roles (a court's members: court_clerk, judge). */
  @ApiProperty({ enum: GlobalRole, isArray: true }) roles: GlobalRole[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
}

export class MemberListView {
  @ApiProperty({ type: [MemberView] }) items: MemberView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
