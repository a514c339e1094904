import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate } from '../common/iso-date';
import { CasesQuery } from '../cases/cases-query.dto';
import { CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
import type { Case } from '../cases/entities/case.entity';

const LANGS = ['zh-CN', 'en'] as const;

/** The language of what the answer words itself: a file's headers and terms, an import's messages. */
export class LanguageQuery {
  @ApiPropertyOptional({ enum: LANGS, default: 'zh-CN' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: (typeof LANGS)[number];
}

export class ImportTemplateQuery extends LanguageQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

export class ImportQuery extends LanguageQuery {
  /** The referring court; needed only when you belong to several courts. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  courtId?: string;
}

/** The case list's paging and filters (status, court, text), and the referral's own. */
export class ReferredCasesQuery extends PickType(CasesQuery, ['limit', 'cursor', 'courtId', 'status', 'q'] as const) {
  @ApiPropertyOptional({ enum: ReferralType })
  @IsOptional()
  @IsEnum(ReferralType)
  referralType?: ReferralType;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Referred on or after' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Referred before' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class ReferredCasesExportQuery extends IntersectionType(ReferredCasesQuery, LanguageQuery) {}

/** A case the court referred, as its list shows it. */
export class ReferredCaseView {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The platform's case number" }) number: string;
  @ApiProperty({ description: "The court's own referral number" }) referralNumber: string;
  @ApiProperty({ enum: ReferralType }) referralType: string;
  @ApiProperty() title: string;
  @ApiProperty() disputeType: string;
  @ApiProperty({ enum: CaseStatus }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ description: 'Whether the case came back to the court (a failed mediation)' }) returnedToCourt: boolean;
  @ApiProperty() referredAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt: string | null;

  static of(c: Case): ReferredCaseView {
    return {
      id: c.id,
      number: c.number,
      referralNumber: c.referralNumber ?? '',
      referralType: c.referralType ?? '',
      title: c.title,
      disputeType: c.disputeType,
      status: c.status,
      outcome: c.outcome,
      returnedToCourt: c.returnedToCourt,
      referredAt: c.createdAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    };
  }
}

export class ImportRowErrorView {
  @ApiProperty({ description: 'Row number in the spreadsheet (the header is row 1)' }) row: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The column's key (see the template); null for the row as a whole" }) column: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The column's header in the requested language" }) header: string | null;
  @ApiProperty() message: string;
}

export class ImportRowView {
  @ApiProperty() row: number;
  @ApiProperty() referralNumber: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Your court referred a case under this number already: confirming skips it' }) alreadyReferred: boolean;
}

/** What an upload would do: nothing is created until it is confirmed. */
export class ImportPreviewView {
  @ApiProperty({ description: 'Data rows read (blank rows skipped)' }) rows: number;
  @ApiProperty({ type: [ImportRowErrorView], description: 'Every problem, row by row; confirming is refused while there is one' }) errors: ImportRowErrorView[];
  @ApiProperty({ description: 'Cases confirming would create' }) toCreate: number;
  @ApiProperty({ description: 'Rows whose referral number your court already referred (skipped)' }) alreadyReferred: number;
  @ApiProperty({ type: [ImportRowView], description: 'The valid rows' }) referrals: ImportRowView[];
}

export class ImportResultView {
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Rows skipped: already referred by your court' }) alreadyReferred: number;
}
