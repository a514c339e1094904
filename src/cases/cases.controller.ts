import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { IfMatchVersion } from '../common/if-match';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { CaseActions } from './case-actions.service';
import { CaseReader } from './case-reader.service';
import { CaseEventView, CaseSummaryView, CaseView, ChainVerificationView } from './case.view';
import { CasesQuery } from './cases-query.dto';
import { TransitionRequest } from './transition.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly reader: CaseReader,
    private readonly actions: CaseActions,
  ) {}

  /** Cases you may see, newest first, filtered and cursor-paginated. */
  @Get()
  @ApiPage(CaseSummaryView)
  @ApiProblems(400, 401)
  list(@CurrentUser() user: AuthUser, @Query() query: CasesQuery): Promise<Page<CaseSummaryView>> {
    return this.reader.list(user, query);
  }

  /** One case, with what you are to it and what you can do now. ETag is the version. */
  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<CaseView> {
    const view = await this.reader.view(user, id);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  /** The case's history: every event of its hash chain you may see. */
  @Get(':id/events')
  @ApiPage(CaseEventView)
  @ApiProblems(400, 401, 404)
  async timeline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<CaseEventView>> {
    return wholePage(await this.reader.timeline(user, id));
  }

  /** Recompute the hash chain from the stored events: `ok`, or where and why it breaks. */
  @Get(':id/events/verification')
  @ApiOkResponse({ type: ChainVerificationView })
  @ApiProblems(400, 401, 404)
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChainVerificationView> {
    return this.reader.verify(user, id);
  }

  /** Fire a lifecycle event (submit, accept, request_correction, resubmit, reject, withdraw). */
  @Post(':id/transitions')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case ETag; or send expectedVersion' })
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransitionRequest,
    @IfMatchVersion() ifMatch: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    await this.actions.fire(user, id, body, ifMatch);
    const view = await this.reader.viewAfterChange(user, id);
    if (view.version !== undefined) res.setHeader('ETag', `"${view.version}"`);
    return view;
  }
}
