import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { ExtensionAnswerRequest, ExtensionView, MediationPeriodView, PausePeriodRequest, ProposeExtensionRequest } from './mediation-period.dto';
import { MediationPeriods } from './mediation-period.service';

/** The mediation period (docs/procedural-rules.md B7): its end, pauses for appraisal or valuation, extensions every party agreed to. */
@ApiTags('mediation: period')
@ApiBearerAuth()
@Controller('cases/:id/mediation-period')
export class MediationPeriodController {
  constructor(
    private readonly periods: MediationPeriods,
    private readonly idempotency: Idempotency,
  ) {}

  /** Anyone who sees the case (the court included): the period is procedure, not mediation content. */
  @Get()
  @ApiOkResponse({ type: MediationPeriodView })
  @ApiProblems(400, 401, 404)
  view(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MediationPeriodView> {
    return this.periods.view(user, id);
  }

  /** The mediator stops the clock for appraisal or valuation; the time left is kept. */
  @Post('pause')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MediationPeriodView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  pause(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PausePeriodRequest): Promise<MediationPeriodView> {
    return this.periods.pause(user, id, body);
  }

  /** The mediator restarts the clock: the end moves later by the time paused. */
  @Post('resume')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MediationPeriodView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  resume(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MediationPeriodView> {
    return this.periods.resume(user, id);
  }

  /** The mediator proposes an extension; it takes effect when every party has consented. */
  @Post('extensions')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ExtensionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  propose(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProposeExtensionRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<ExtensionView> {
    return this.periods.propose(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
  }

  /** A party (or its agent) consents or refuses, online, for its party. */
  @Post('extensions/:extensionId/answer')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExtensionView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('extensionId', ParseUUIDPipe) extensionId: string,
    @Body() body: ExtensionAnswerRequest,
  ): Promise<ExtensionView> {
    return this.periods.answer(user, id, extensionId, body);
  }
}
