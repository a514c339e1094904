import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DeclareDefaultRequest, DisputePerformanceRequest, PerformanceView, ReportPerformanceRequest } from './performance.dto';
import { ConfirmPerformance } from './actions/confirm-performance.action';
import { DeclareDefault } from './actions/declare-default.action';
import { DisputePerformance } from './actions/dispute-performance.action';
import { ReportPerformance } from './actions/report-performance.action';
import { PerformanceReader } from './performance-reader';

@ApiTags('performance')
@ApiBearerAuth()
@Controller('cases/:id/performance')
export class PerformanceController {
  constructor(
    private readonly reader: PerformanceReader,
    private readonly reportPerformance: ReportPerformance,
    private readonly confirmPerformance: ConfirmPerformance,
    private readonly disputePerformance: DisputePerformance,
    private readonly declareDefaultAction: DeclareDefault,
  ) {}

  /** The settlement's obligations with their status, and the declared default with its enforcement window. */
  @Get()
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PerformanceView> {
    return PerformanceView.of(await this.reader.overview(user, id));
  }

  /** The obligated party reports performance of one item, with proof documents. */
  @Post('items/:itemId/report')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: ReportPerformanceRequest,
  ): Promise<PerformanceView> {
    await this.reportPerformance.run(user, id, itemId, body);
    return PerformanceView.of(await this.reader.overview(user, id));
  }

  /** The beneficiary confirms performance of one item; the last one closes the case (fulfilled). */
  @Post('items/:itemId/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async confirm(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('itemId', ParseUUIDPipe) itemId: string): Promise<PerformanceView> {
    await this.confirmPerformance.run(user, id, itemId);
    return PerformanceView.of(await this.reader.overview(user, id));
  }

  /** The beneficiary disputes the last report of one item, saying why. */
  @Post('items/:itemId/dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async dispute(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: DisputePerformanceRequest,
  ): Promise<PerformanceView> {
    await this.disputePerformance.run(user, id, itemId, body);
    return PerformanceView.of(await this.reader.overview(user, id));
  }

  /** The beneficiary of an overdue obligation, or the mediator, declares a default: closed (defaulted), with the enforcement window for a confirmed case. */
  @Post('default')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async declareDefault(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclareDefaultRequest): Promise<PerformanceView> {
    await this.declareDefaultAction.run(user, id, body);
    return PerformanceView.of(await this.reader.overview(user, id));
  }
}
