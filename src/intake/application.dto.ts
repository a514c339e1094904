// Over 300 lines on purpose: the request shapes of an application and a referral, every field with the
// validation and documentation the OpenAPI document reads; declarations only.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { PhoneRule } from '../auth/auth.dto';
import { Language } from '../auth/roles';
import { DisputeType } from '../cases/entities/case.entity';
import { EServiceConsentBasis } from '../cases/entities/case-party.entity';
import { IpRightKind } from '../cases/entities/ip-right.entity';
import { ReferralType } from '../cases/lifecycle/case-states';

export const ID_TYPES = ['resident_id_card', 'passport', 'hk_macao_permit', 'taiwan_permit', 'unified_social_credit_code', 'business_registration', 'other'] as const;
export const CLAIM_KINDS = ['monetary', 'stop_infringement', 'delist', 'assign', 'licence', 'apology', 'other'] as const;

/** The longest legal representative's name taken (the agreement's short-text limit). */
export const LEGAL_REPRESENTATIVE_MAX = 200;

/**
 * `legalRepresentative` of a party (docs/procedural-rules.md C13): required for an organisation
 * (rule isNotEmpty), refused for a natural person (rule isEmpty: a person has no 法定代表人; a
 * guardian, 法定代理人, acts as an agent), at most LEGAL_REPRESENTATIVE_MAX characters.
 */
function LegalRepresentativeRule(): PropertyDecorator {
  const kindOf = (args: ValidationArguments): unknown => (args.object as { kind?: unknown }).kind;
  const rules: { name: string; validate: (value: unknown, args: ValidationArguments) => boolean; message: string }[] = [
    {
      name: 'isNotEmpty',
      validate: (v, args) => kindOf(args) !== 'organisation' || (typeof v === 'string' && v.trim().length > 0),
      message: '$property is required for an organisation: the name of its legal representative (法定代表人)',
    },
    {
      name: 'isEmpty',
      validate: (v, args) => kindOf(args) !== 'person' || v === undefined || v === null,
      message: '$property must be left out for a natural person (a guardian acts as an agent)',
    },
    {
      name: 'isLength',
      validate: (v) => v === undefined || v === null || (typeof v === 'string' && v.length <= LEGAL_REPRESENTATIVE_MAX),
      message: `$property must be a name of at most ${LEGAL_REPRESENTATIVE_MAX} characters`,
    },
  ];
  return (target, propertyName) => {
    for (const rule of rules) {
      registerDecorator({
        name: rule.name,
        target: target.constructor,
        propertyName: propertyName as string,
        validator: { validate: rule.validate, defaultMessage: () => rule.message },
      });
    }
  };
}

export class PartyInput {
  @ApiProperty({ enum: ['person', 'organisation'] })
  @IsIn(['person', 'organisation'])
  kind: 'person' | 'organisation';

  @ApiProperty({ example: '杭州某某科技有限公司' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: ID_TYPES })
  @IsOptional()
  @IsIn(ID_TYPES)
  idType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9()-]{4,40}$/, { message: '$property must be 4-40 letters, digits, dashes or brackets' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @PhoneRule()
  phone?: string;

  /** Electronic-service address. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  /** An organisation's legal representative (法定代表人): required for an organisation, left out for a person. */
  @ApiPropertyOptional({
    example: '张伟',
    maxLength: LEGAL_REPRESENTATIVE_MAX,
    description: "The name of an organisation's legal representative (法定代表人): required when kind is organisation, refused when kind is person",
  })
  @LegalRepresentativeRule()
  legalRepresentative?: string;
  /**
   * Where the party is domiciled (a natural person's 住所地, or an organisation's principal office when
   * its platform organisation has no region): a 6-digit administrative division code such as 330106.
   * A court there is one the parties may apply to for confirmation (CPL 205; docs/procedural-rules.md D16).
   */
  @ApiPropertyOptional({ example: '330106' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit administrative division code such as 330106' })
  domicileRegion?: string;

  /** The party's organisation on the platform, if it has one (used for conflict checks). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class ApplicantInput extends PartyInput {
  /** Consent to online handling (OMR 4, OLR 4). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  consentOnline?: boolean;

  /** Consent to electronic service (OLR 29-30). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  consentEService?: boolean;

  @ApiPropertyOptional({ enum: EServiceConsentBasis })
  @IsOptional()
  @IsEnum(EServiceConsentBasis)
  eServiceBasis?: EServiceConsentBasis;
}

export class IpRightInput {
  @ApiProperty({ enum: IpRightKind })
  @IsEnum(IpRightKind)
  kind: IpRightKind;

  @ApiPropertyOptional({ example: 'ZL202310012345.6' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  number?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be a two-letter country or office code such as CN, US, EP or WO' })
  jurisdiction?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  owner?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  /** IPC classes of a patent (G06F), Nice classes of a trademark (9). */
  @ApiPropertyOptional({ type: [String], example: ['G06F', 'H04L'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^([A-H]\d{2}[A-Z]?(\d{1,4}\/\d{1,6})?|\d{1,2})$/, { each: true, message: 'each class must be an IPC class (G06F) or a Nice class (9)' })
  classes?: string[];
}

export class ClaimInput {
  @ApiProperty({ enum: CLAIM_KINDS })
  @IsIn(CLAIM_KINDS)
  kind: (typeof CLAIM_KINDS)[number];

  /** Decimal string, e.g. "120000.00": money is never a float. */
  @ApiPropertyOptional({ example: '120000.00' })
  @ValidateIf((c: ClaimInput) => c.kind === 'monetary' || c.amount !== undefined)
  @Matches(/^\d{1,13}(\.\d{1,2})?$/, { message: '$property must be a positive decimal amount such as 120000.00 (required for a monetary claim)' })
  amount?: string;

  @ApiPropertyOptional({ example: 'CNY' })
  @ValidateIf((c: ClaimInput) => c.kind === 'monetary' || c.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as CNY or USD (required for a monetary claim)' })
  currency?: string;

  @ApiPropertyOptional()
  @ValidateIf((c: ClaimInput) => c.kind !== 'monetary' || c.description !== undefined)
  @IsString()
  @Length(1, 2000, { message: '$property must be 1 to 2000 characters (required for a non-monetary claim)' })
  description?: string;
}

/**
 * An online application. A draft may be incomplete; `submit` checks completeness
 * (docs/procedural-rules.md A2) and lists what is missing.
 */
export class ApplicationInput {
  @ApiProperty({ example: 'Infringement of invention patent ZL202310012345.6' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: DisputeType })
  @IsEnum(DisputeType)
  disputeType: DisputeType;

  /** Brief account of the dispute. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  statement?: string;

  @ApiPropertyOptional({ type: [ClaimInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ClaimInput)
  claims?: ClaimInput[];

  @ApiPropertyOptional({ type: [IpRightInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IpRightInput)
  ipRights?: IpRightInput[];

  @ApiPropertyOptional({ type: ApplicantInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantInput)
  applicant?: ApplicantInput;

  @ApiPropertyOptional({ type: [PartyInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PartyInput)
  respondents?: PartyInput[];

  @ApiPropertyOptional({ enum: Language })
  @IsOptional()
  @IsEnum(Language)
  preferredLanguage?: Language;

  /** A foreign party, a foreign IP right or performance abroad. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  foreignElement?: boolean;
}

export class CreateApplicationRequest extends ApplicationInput {
  /** Filing for yourself, or as the applicant's authorised agent (lawyer). */
  @ApiPropertyOptional({ enum: ['applicant', 'agent'], default: 'applicant' })
  @IsOptional()
  @IsIn(['applicant', 'agent'])
  filedAs?: 'applicant' | 'agent';

  @ApiPropertyOptional({ description: "The agent's law firm, when filing as agent" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentLawFirm?: string;
}

export class UpdateApplicationRequest extends ApplicationInput {
  /** The case version you edited (or send If-Match). */
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class CreateReferralRequest extends ApplicationInput {
  @ApiProperty({ example: '(2026)浙01民诉前调1234号' })
  @IsString()
  @Length(1, 100)
  referralNumber: string;

  @ApiProperty({ enum: ReferralType })
  @IsEnum(ReferralType)
  referralType: ReferralType;

  /** The referring court; needed only when the clerk belongs to several courts. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  courtId?: string;
}
