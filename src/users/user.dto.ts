import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PasswordRule, PhoneRule } from '../auth/auth.dto';
import { GlobalRole, Language } from '../auth/roles';
import { MembershipRole } from '../organisations/membership.entity';
import type { User } from './user.entity';
import { PageQuery } from '../common/pagination';

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: Language }) preferredLanguage: Language;
  @ApiProperty({ enum: GlobalRole, isArray: true }) roles: GlobalRole[];
  @ApiProperty() status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) identityVerifiedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) identityVerificationMethod: string | null;
  @ApiProperty() createdAt: string;

  /** Never includes the password hash. */
  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      phone: user.phone,
      preferredLanguage: user.preferredLanguage,
      roles: user.roles,
      status: user.status,
      identityVerifiedAt: user.identityVerifiedAt?.toISOString() ?? null,
      identityVerificationMethod: user.identityVerificationMethod,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class CreateUserRequest {
  @ApiProperty()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @PhoneRule()
  phone?: string;

  @ApiPropertyOptional({ enum: Language })
  @IsOptional()
  @IsEnum(Language)
  preferredLanguage?: Language;

  @ApiProperty({ enum: GlobalRole, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(GlobalRole, { each: true })
  roles: GlobalRole[];

  /** Optional: without it, the person sets one through the password-reset link. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @PasswordRule()
  initialPassword?: string;

  /** Make the person a member of this organisation (a court admin must give its own court). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: MembershipRole })
  @IsOptional()
  @IsEnum(MembershipRole)
  membershipRole?: MembershipRole;
}

export class SetRolesRequest {
  @ApiProperty({ enum: GlobalRole, isArray: true })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(GlobalRole, { each: true })
  roles: GlobalRole[];
}

export class UpdateMeRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @PhoneRule()
  phone?: string;

  @ApiPropertyOptional({ enum: Language })
  @IsOptional()
  @IsEnum(Language)
  preferredLanguage?: Language;
}

export class VerifyIdentityRequest {
  /** How the identity was checked, e.g. in person against an ID card. */
  @ApiProperty({ enum: ['in_person_id_card', 'video_call', 'court_record', 'provider'] })
  @IsIn(['in_person_id_card', 'video_call', 'court_record', 'provider'])
  method: string;

  @ApiPropertyOptional({ description: 'A note for the record; never put the ID number here' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class SelfVerificationRequest {
  @ApiProperty({ example: '李伟' })
  @IsString()
  @Length(1, 100)
  fullName: string;

  @ApiProperty({ enum: ['resident_id_card', 'passport'] })
  @IsIn(['resident_id_card', 'passport'])
  documentType: string;

  @ApiProperty({ description: 'Passed to the verification provider; never stored' })
  @IsString()
  @Length(5, 40)
  documentNumber: string;
}

export class UsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: GlobalRole })
  @IsOptional()
  @IsEnum(GlobalRole)
  role?: GlobalRole;

  @ApiPropertyOptional({ description: 'Matches e-mail or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MembershipRefView {
  organisationId: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: 'admin' | 'member';
}

/** The signed-in person, with the organisations it belongs to. */
export class MeView extends UserView {
  @ApiProperty({ type: [MembershipRefView] }) memberships: MembershipRefView[];
}

/** The outcome of asking for real-name verification. */
export class IdentityVerificationOutcomeView {
  /** verified; pending (no automatic provider: an administrator will check, and you are told); or rejected. */
  @ApiProperty({ enum: ['verified', 'pending', 'rejected'] }) status: 'verified' | 'pending' | 'rejected';
  /** What happens next, or why it was rejected. */
  @ApiPropertyOptional() message?: string;
}
