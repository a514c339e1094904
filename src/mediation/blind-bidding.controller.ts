import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import type { BlindBidMediatorView, BlindBidSideView } from './blind-bidding';
import { BlindBidMediatorViewDoc, BlindBidRequest, BlindBidSideViewDoc, StartBlindBiddingRequest } from './blind-bidding.dto';
import { BlindBiddings } from './blind-bidding.service';

/**
 * Double-blind bidding on the money issue (issue 8): no one, the mediator included, ever sees
 * the other side's figure; overlapping figures (or figures within the configured gap) settle at
 * their midpoint. The court and administrators get 403 (404 where they cannot see the case).
 */
@ApiTags('mediation: blind bidding')
@ApiBearerAuth()
@ApiExtraModels(BlindBidSideViewDoc, BlindBidMediatorViewDoc)
@Controller('cases/:id/blind-bidding')
export class BlindBiddingController {
  constructor(
    private readonly biddings: BlindBiddings,
    private readonly idempotency: Idempotency,
  ) {}

  /** The mediator opens it (one per case): currency, rounds, the gap within which figures still settle. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: BlindBidMediatorViewDoc })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StartBlindBiddingRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<BlindBidMediatorView> {
    return this.biddings.start(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
  }

  /** A party sees its own figures and the outcomes; the mediator sees progress. */
  @Get()
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(BlindBidSideViewDoc) }, { $ref: getSchemaPath(BlindBidMediatorViewDoc) }] } })
  @ApiProblems(400, 401, 403, 404)
  view(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BlindBidSideView | BlindBidMediatorView> {
    return this.biddings.view(user, id);
  }

  /** A party (or its agent) seals its side's figure for the current round; the second figure resolves it. */
  @Post('bids')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: BlindBidSideViewDoc })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  bid(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BlindBidRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<BlindBidSideView> {
    return this.biddings.bid(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
  }
}
