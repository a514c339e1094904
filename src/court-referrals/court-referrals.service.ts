import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { DocumentLanguage } from '../common/documents-i18n/language';
import { DISPUTE_TYPE_TERMS, OUTCOME_TERMS, REFERRAL_TERMS, term } from '../terms/terms';
import { ValidationProblem } from '../common/errors/problem';
import { flattenValidationErrors } from '../common/errors/validation-errors';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import { Case } from '../cases/entities/case.entity';
import { CaseSource } from '../cases/lifecycle/case-states';
import { CreateReferralRequest } from '../intake/application.dto';
import { referralMissing, ReferralsService } from '../intake/referrals.service';
import type { ImportPreviewView, ImportResultView, ImportRowErrorView, ReferredCasesQuery } from './court-referrals.dto';
import { ReferredCaseView } from './court-referrals.dto';
import { cellErrorsOf, columnOfMissing, headerOf, REQUIRED_COLUMNS, requestOfRow, type RowError } from './referral-sheet';
import { csvFile, readSheet, type SheetFormat } from './referral-workbook';
import { STATUS_TERMS } from './status-terms';

/** More rows than a court sends at once; a larger batch is split into several files. */
export const MAX_IMPORT_ROWS = 2000;

interface CheckedSheet {
  rows: number;
  errors: RowError[];
  valid: { row: number; request: CreateReferralRequest }[];
  taken: Set<string>;
}

/**
 * Referring many cases at once from a spreadsheet, and the court's list of what it referred.
 * Every row is checked as POST /referrals checks one referral before anything is created; a
 * case is keyed at its court by the referral number, so a sheet uploaded twice creates nothing twice.
 */
@Injectable()
export class CourtReferrals {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly referrals: ReferralsService,
  ) {}

  async preview(user: AuthUser, file: { bytes: Buffer; format: SheetFormat }, options: { courtId?: string; lang: DocumentLanguage }): Promise<ImportPreviewView> {
    const court = await this.referrals.referringCourt(user, options.courtId);
    const sheet = await this.check(court.id, file, options.lang);
    return {
      rows: sheet.rows,
      errors: sheet.errors.map((e) => this.errorView(e, options.lang)),
      toCreate: sheet.errors.length ? 0 : sheet.valid.filter((v) => !sheet.taken.has(v.request.referralNumber)).length,
      alreadyReferred: sheet.valid.filter((v) => sheet.taken.has(v.request.referralNumber)).length,
      referrals: sheet.valid.map((v) => ({
        row: v.row,
        referralNumber: v.request.referralNumber,
        title: v.request.title,
        alreadyReferred: sheet.taken.has(v.request.referralNumber),
      })),
    };
  }

  /** Creates the sheet's new referrals, one by one; refused whole while any row is wrong. */
  async confirm(user: AuthUser, file: { bytes: Buffer; format: SheetFormat }, options: { courtId?: string; lang: DocumentLanguage }): Promise<ImportResultView> {
    const court = await this.referrals.referringCourt(user, options.courtId);
    const sheet = await this.check(court.id, file, options.lang);
    if (sheet.errors.length) {
      throw new ValidationProblem(sheet.errors.map((e) => ({ field: `row ${e.row}${e.column ? ` ${e.column}` : ''}`, rule: 'isValidRow', message: e.message })));
    }
    let created = 0;
    let alreadyReferred = 0;
    for (const { request } of sheet.valid) {
      if (sheet.taken.has(request.referralNumber)) {
        alreadyReferred++;
        continue;
      }
      try {
        await this.referrals.refer(user, { ...request, courtId: court.id } as CreateReferralRequest);
        created++;
      } catch (error) {
        // Referred meanwhile (another upload of the same sheet): the unique key kept it once.
        if (error instanceof ValidationProblem && error.fieldErrors.some((f) => f.rule === 'isUnique')) alreadyReferred++;
        else throw error;
      }
    }
    return { created, alreadyReferred };
  }

  private async check(courtId: string, file: { bytes: Buffer; format: SheetFormat }, lang: DocumentLanguage): Promise<CheckedSheet> {
    const sheet = await readSheet(file.bytes, file.format).catch((error: Error) => {
      throw new ValidationProblem([{ field: 'file', rule: 'isSpreadsheet', message: `the file could not be read as ${file.format}: ${error.message}` }]);
    });
    const missingColumns = REQUIRED_COLUMNS.filter((c) => !sheet.columns.includes(c));
    if (missingColumns.length) {
      const names = missingColumns.map((c) => headerOf(c, lang)).join(lang === 'zh-CN' ? '、' : ', ');
      throw new ValidationProblem([
        {
          field: 'file',
          rule: 'hasColumns',
          message: lang === 'zh-CN' ? `表头缺少以下列：${names}。请使用下载的模板。` : `the header row lacks these columns: ${names}. Use the downloadable template.`,
        },
      ]);
    }
    if (sheet.rows.length === 0)
      throw new ValidationProblem([{ field: 'file', rule: 'isNotEmpty', message: lang === 'zh-CN' ? '表格中没有案件行' : 'the sheet has no rows of cases' }]);
    if (sheet.rows.length > MAX_IMPORT_ROWS) {
      throw new ValidationProblem([{ field: 'file', rule: 'maxRows', message: `the sheet has ${sheet.rows.length} rows; send at most ${MAX_IMPORT_ROWS} per file` }]);
    }

    const errors: RowError[] = [];
    const valid: CheckedSheet['valid'] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, cells } of sheet.rows) {
      const { request, errors: cellErrors } = requestOfRow(cells, lang);
      const dto = plainToInstance(CreateReferralRequest, request);
      const wrongCells = new Set(cellErrors.map((e) => e.column));
      // A coded cell that is no code or term is reported once, in the sheet's words, not again by the validator.
      const rowErrors = [
        ...cellErrors,
        ...cellErrorsOf(flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }))).filter((e) => !wrongCells.has(e.column)),
      ];
      if (rowErrors.length === 0) {
        rowErrors.push(...referralMissing(dto).map((m) => ({ column: columnOfMissing(m) ?? null, message: `missing ${m}` })));
      }
      const number = dto.referralNumber;
      if (typeof number === 'string' && number) {
        const first = firstRowOf.get(number);
        if (first !== undefined) {
          rowErrors.push({ column: 'referralNumber', message: lang === 'zh-CN' ? `编号与第 ${first} 行重复` : `the same referral number as row ${first}` });
        } else firstRowOf.set(number, row);
      }
      if (rowErrors.length) errors.push(...rowErrors.map((e) => ({ row, ...e })));
      else valid.push({ row, request: dto });
    }
    const numbers = valid.map((v) => v.request.referralNumber);
    const taken = numbers.length
      ? ((await this.db.query(`SELECT referral_number FROM cases WHERE referring_court_id = $1 AND referral_number = ANY($2)`, [courtId, numbers])) as {
          referral_number: string;
        }[])
      : [];
    return { rows: sheet.rows.length, errors, valid, taken: new Set(taken.map((t) => t.referral_number)) };
  }

  private errorView(e: RowError, lang: DocumentLanguage): ImportRowErrorView {
    return { row: e.row, column: e.column, header: e.column ? headerOf(e.column, lang) : null, message: e.message };
  }

  /** The court's referred cases, newest first, filtered and cursor-paginated. */
  async list(user: AuthUser, query: ReferredCasesQuery, limit = query.limit ?? 20): Promise<Page<ReferredCaseView>> {
    const court = await this.referrals.referringCourt(user, query.courtId);
    const qb = this.db
      .getRepository(Case)
      .createQueryBuilder('c')
      .where('c.referring_court_id = :courtId', { courtId: court.id })
      .andWhere('c.source = :source', { source: CaseSource.CourtReferral })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.referralType) qb.andWhere('c.referral_type = :referralType', { referralType: query.referralType });
    if (query.from) qb.andWhere('c.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.created_at < :to', { to: query.to });
    if (query.q) qb.andWhere('c.search_text LIKE :q', { q: `%${query.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` });
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after[0], id: after[1] });
    const page = toPage(await qb.getMany(), limit, (c) => [c.createdAt.toISOString(), c.id]);
    return { items: page.items.map((c) => ReferredCaseView.of(c)), nextCursor: page.nextCursor };
  }

  /** Every referred case the filters select, as CSV in the chosen language (at most EXPORT_ROWS). */
  async exportCsv(user: AuthUser, query: ReferredCasesQuery, lang: DocumentLanguage): Promise<Buffer> {
    const { items } = await this.list(user, { ...query, cursor: undefined }, EXPORT_ROWS);
    const zh = lang === 'zh-CN';
    const header = zh
      ? ['法院委派（委托）编号', '平台案号', '委派类型', '案件名称', '纠纷类型', '状态', '结果', '委派时间', '结案时间']
      : ['Court referral number', 'Case number', 'Referral type', 'Title', 'Dispute type', 'Status', 'Outcome', 'Referred at', 'Closed at'];
    const rows = items.map((c) => [
      c.referralNumber,
      c.number,
      term(REFERRAL_TERMS, c.referralType, lang),
      c.title,
      term(DISPUTE_TYPE_TERMS, c.disputeType, lang),
      term(STATUS_TERMS, c.status, lang),
      c.outcome ? term(OUTCOME_TERMS, c.outcome, lang) : '',
      c.referredAt,
      c.closedAt ?? '',
    ]);
    return csvFile(
      header,
      rows.map((r) => r.map(inert)),
    );
  }
}

/** One export's cap: a court's year of referrals, well within what Excel opens. */
export const EXPORT_ROWS = 50_000;

// A cell starting with = + - @ is a formula to a spreadsheet: a title must never run as one.
const inert = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
