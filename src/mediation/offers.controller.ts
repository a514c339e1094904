import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { Negotiations } from './negotiation.service';
import { MakeOfferRequest, NegotiationView, OfferActionRequest, OfferView, RejectOfferRequest } from './offer.dto';
import { SETTLEMENT_TERMS_MODELS } from './settlement-terms.dto';

/**
 * Offers between the sides (issue 8). Mediation content: the parties, their agents and the
 * mediator only; the court and administrators get 403 (404 where they cannot see the case).
 */
@ApiTags('mediation: offers')
@ApiBearerAuth()
@ApiExtraModels(...SETTLEMENT_TERMS_MODELS)
@Controller('cases/:id/offers')
export class OffersController {
  constructor(
    private readonly negotiations: Negotiations,
    private readonly idempotency: Idempotency,
  ) {}

  /** The case's negotiation: every offer, oldest first, with its status as of now. */
  @Get()
  @ApiOkResponse({ type: NegotiationView })
  @ApiProblems(400, 401, 403, 404)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NegotiationView> {
    return this.negotiations.view(user, id);
  }

  @Get(':offerId')
  @ApiOkResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Param('offerId', ParseUUIDPipe) offerId: string): Promise<OfferView> {
    return this.negotiations.offer(user, id, offerId);
  }

  /** Make an offer (a party, its agent, or the mediator for a side). 409 while another is open or once one was accepted. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  async make(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MakeOfferRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfferView> {
    const offer = await this.negotiations.make(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body));
    res.setHeader('Location', `/api/v1/cases/${id}/offers/${offer.id}`);
    return offer;
  }

  /** Answer an open offer with a new one: the other side (or the mediator for it). */
  @Post(':offerId/counter')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  async counter(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: MakeOfferRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfferView> {
    const offer = await this.negotiations.make(user, id, body, this.idempotency.request(user.id, key, 'POST', req.path, body), offerId);
    res.setHeader('Location', `/api/v1/cases/${id}/offers/${offer.id}`);
    return offer;
  }

  /** Accept an open offer (the other side's party or agent, never the mediator): the negotiation closes. */
  @Post(':offerId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: OfferActionRequest,
  ): Promise<OfferView> {
    return this.negotiations.answer(user, id, offerId, 'accept', body);
  }

  @Post(':offerId/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: RejectOfferRequest,
  ): Promise<OfferView> {
    return this.negotiations.answer(user, id, offerId, 'reject', body);
  }

  /** The side that made an open offer takes it back. */
  @Post(':offerId/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OfferView })
  @ApiProblems(400, 401, 403, 404, 409, 423)
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('offerId', ParseUUIDPipe) offerId: string,
    @Body() body: OfferActionRequest,
  ): Promise<OfferView> {
    return this.negotiations.answer(user, id, offerId, 'withdraw', body);
  }
}
