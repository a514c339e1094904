import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { DeclareDefaultRequest, DisputePerformanceRequest, PerformanceView, ReportPerformanceRequest } from './performance.dto';
import { PerformanceService } from './performance.service';

@ApiTags('performance')
@ApiBearerAuth()
@Controller('cases/:id/performance')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  /** The settlement's obligations with their status, and the declared default with its enforcement window. */
  @Get()
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PerformanceView> {
    return PerformanceView.of(await this.performance.overview(user, id));
  }

  /** The obligated party reports performance of one item, with proof documents. */
  @Post('items/:itemId/report')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async report(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('itemId', ParseUUIDPipe) itemId: string, @Body() body: ReportPerformanceRequest): Promise<PerformanceView> {
    await this.performance.report(user, id, itemId, body);
    return PerformanceView.of(await this.performance.overview(user, id));
  }

  /** The beneficiary confirms performance of one item; the last one closes the case (fulfilled). */
  @Post('items/:itemId/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async confirm(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('itemId', ParseUUIDPipe) itemId: string): Promise<PerformanceView> {
    await this.performance.confirm(user, id, itemId);
    return PerformanceView.of(await this.performance.overview(user, id));
  }

  /** The beneficiary disputes the last report of one item, saying why. */
  @Post('items/:itemId/dispute')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async dispute(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('itemId', ParseUUIDPipe) itemId: string, @Body() body: DisputePerformanceRequest): Promise<PerformanceView> {
    await this.performance.dispute(user, id, itemId, body);
    return PerformanceView.of(await this.performance.overview(user, id));
  }

  /** The beneficiary of an overdue obligation, or the mediator, declares a default: closed (defaulted), with the enforcement window for a confirmed case. */
  @Post('default')
  @HttpCode(200)
  @ApiOkResponse({ type: PerformanceView })
  @ApiProblems(400, 401, 403, 404, 409)
  async declareDefault(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DeclareDefaultRequest): Promise<PerformanceView> {
    await this.performance.declareDefault(user, id, body);
    return PerformanceView.of(await this.performance.overview(user, id));
  }
}
