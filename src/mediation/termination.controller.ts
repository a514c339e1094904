import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { IfMatchVersion } from '../common/if-match';
import { pdfAttachment } from '../common/pdf-attachment';
import { FailureReports } from './failure-reports.service';
import { PreviewFailureReport } from './termination/preview-failure-report.action';
import { TerminateMediation } from './termination/terminate-mediation.action';
import { FailureReportPreviewRequest, FailureReportView, TerminateRequest } from './termination.dto';

/**
 * The end of a mediation without agreement (docs/procedural-rules.md B8-B9). A party withdraws through
 * POST /cases/{id}/transitions ({"event":"withdraw"}); the period's expiry is a deadline. All three
 * produce the failure report, served on the parties and, for court referrals, on the court.
 */
@ApiTags('mediation: termination')
@ApiBearerAuth()
@Controller('cases/:id')
export class TerminationController {
  constructor(
    private readonly reports: FailureReports,
    private readonly terminateMediation: TerminateMediation,
    private readonly previewReport: PreviewFailureReport,
  ) {}

  /** The mediator ends the mediation with a reason; the failure report is generated and served in the same step. */
  @Post('termination')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case ETag; or send expectedVersion' })
  @ApiOkResponse({ type: FailureReportView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  terminate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TerminateRequest,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<FailureReportView> {
    return this.terminateMediation.run(user, id, body, ifMatch);
  }

  /** The mediator reads the failure report before ending the mediation: the PDF terminating with this body would write now; nothing is stored or served. */
  @Post('termination/report-preview')
  @HttpCode(HttpStatus.OK)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The draft failure report (PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 403, 404, 409)
  async preview(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: FailureReportPreviewRequest): Promise<StreamableFile> {
    const { bytes, filename } = await this.previewReport.run(user, id, body, body.language ?? 'zh-CN');
    return pdfAttachment(bytes, filename);
  }

  /** The failure report: for everyone who sees the case, the court included (it was written for it). */
  @Get('failure-report')
  @ApiOkResponse({ type: FailureReportView })
  @ApiProblems(400, 401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FailureReportView> {
    return this.reports.get(user, id);
  }
}
