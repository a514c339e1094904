import { Controller, Get, HttpCode, HttpStatus, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags, type ApiBodyOptions } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, type Page } from '../common/pagination';
import { ImportPreviewView, ImportQuery, ImportResultView, ImportTemplateQuery, ReferredCasesExportQuery, ReferredCasesQuery, ReferredCaseView } from './court-referrals.dto';
import { CourtReferrals } from './court-referrals.service';
import { templateFile, XLSX_TYPE } from './referral-workbook';
import { receiveSpreadsheet } from './spreadsheet-upload';

const SHEET_BODY = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } satisfies ApiBodyOptions;

const download = (bytes: Buffer, type: string, filename: string): StreamableFile =>
  new StreamableFile(bytes, { type, length: bytes.length, disposition: `attachment; filename="${filename}"` });

@ApiTags('court referrals')
@ApiBearerAuth()
@Controller('court-referrals')
export class CourtReferralsController {
  constructor(private readonly referrals: CourtReferrals) {}

  /** The cases your court referred, newest first, with their status and outcome; filtered and cursor-paginated. */
  @Get()
  @ApiPage(ReferredCaseView)
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() user: AuthUser, @Query() query: ReferredCasesQuery): Promise<Page<ReferredCaseView>> {
    return this.referrals.list(user, query);
  }

  /** The same list (every page, the same filters) as CSV: UTF-8 with a byte-order mark, so Excel shows Chinese. */
  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403)
  async export(@CurrentUser() user: AuthUser, @Query() query: ReferredCasesExportQuery): Promise<StreamableFile> {
    const lang = query.lang ?? 'zh-CN';
    return download(await this.referrals.exportCsv(user, query, lang), 'text/csv; charset=utf-8', `referred-cases-${lang}.csv`);
  }

  /** The blank bulk-referral sheet, headers in Chinese or English; the .xlsx has a second sheet saying what each column takes. */
  @Get('import-template')
  @ApiProduces(XLSX_TYPE, 'text/csv')
  @ApiOkResponse({ description: 'The template', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401)
  async template(@Query() query: ImportTemplateQuery): Promise<StreamableFile> {
    const lang = query.lang ?? 'zh-CN';
    const format = query.format ?? 'xlsx';
    return download(await templateFile(lang, format), format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', `referral-template-${lang}.${format}`);
  }

  /** Check a sheet (.xlsx or .csv, part `file`): every row's errors, or what confirming would create. Creates nothing. */
  @Post('import/preview')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody(SHEET_BODY)
  @ApiOkResponse({ type: ImportPreviewView })
  @ApiProblems(400, 401, 403, 413, 415)
  async preview(@CurrentUser() user: AuthUser, @Query() query: ImportQuery, @Req() req: Request): Promise<ImportPreviewView> {
    return this.referrals.preview(user, await receiveSpreadsheet(req), { courtId: query.courtId, lang: query.lang ?? 'zh-CN' });
  }

  /**
   * Refer every case of the sheet (send the file previewed). Refused whole while any row is wrong;
   * a row whose referral number your court already referred is skipped, so sending the same sheet
   * again creates nothing twice.
   */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody(SHEET_BODY)
  @ApiOkResponse({ type: ImportResultView })
  @ApiProblems(400, 401, 403, 413, 415)
  async confirm(@CurrentUser() user: AuthUser, @Query() query: ImportQuery, @Req() req: Request): Promise<ImportResultView> {
    return this.referrals.confirm(user, await receiveSpreadsheet(req), { courtId: query.courtId, lang: query.lang ?? 'zh-CN' });
  }
}
