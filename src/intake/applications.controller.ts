import { Body, Controller, Headers, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { IfMatchVersion } from '../common/if-match';
import { CaseReader } from '../cases/case-reader.service';
import { CaseView } from '../cases/case.view';
import { CreateApplicationRequest, CreateReferralRequest, UpdateApplicationRequest } from './application.dto';
import { ApplicationsService } from './applications.service';
import { ReferralsService } from './referrals.service';

@ApiTags('intake')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly referrals: ReferralsService,
    private readonly reader: CaseReader,
    private readonly idempotency: Idempotency,
  ) {}

  /** Start an online application (a draft). Send Idempotency-Key so a retry creates nothing twice. */
  @Post('cases')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateApplicationRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const id = await this.applications.createDraft(user, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
    return this.created(user, id, res);
  }

  /** Replace the application while it is a draft or awaiting correction. */
  @Put('cases/:id/application')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 404, 409)
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApplicationRequest,
    @IfMatchVersion() ifMatch: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    await this.applications.update(user, id, body, body.expectedVersion ?? ifMatch);
    const view = await this.reader.view(user, id);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  /** A court clerk refers a dispute to mediation; it arrives for intake review (or is accepted at once if so configured). */
  @Post('referrals')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseView })
  @ApiProblems(400, 401, 403, 422)
  async refer(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateReferralRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const id = await this.referrals.refer(user, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
    return this.created(user, id, res);
  }

  private async created(user: AuthUser, id: string, res: Response): Promise<CaseView> {
    const view = await this.reader.view(user, id);
    res.setHeader('Location', `/api/v1/cases/${id}`);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }
}
