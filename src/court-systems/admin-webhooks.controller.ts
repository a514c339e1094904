import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Origin, Roles } from '../auth/decorators';
import type { RequestOrigin } from '../common/request-origin';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, type Page } from '../common/pagination';
import { DisableWebhook } from './actions/disable-webhook.action';
import { ReplayWebhookDelivery } from './actions/replay-webhook-delivery.action';
import { RotateWebhookSecret } from './actions/rotate-webhook-secret.action';
import { SubscribeWebhook } from './actions/subscribe-webhook.action';
import { WebhookReader } from './webhook-reader';
import {
  AdminSubscribeWebhookRequest,
  WebhookAttemptView,
  WebhookDeliveriesQuery,
  WebhookDeliveryView,
  WebhookSubscriptionsQuery,
  WebhookSubscriptionView,
  WebhookSubscriptionWithSecretView,
} from './webhook.dto';

/** Administrators subscribe court systems' webhooks, watch every delivery and its attempts, and replay one. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/webhooks')
@Roles(GlobalRole.Admin)
export class AdminWebhooksController {
  constructor(
    private readonly reader: WebhookReader,
    private readonly subscribe_: SubscribeWebhook,
    private readonly rotate: RotateWebhookSecret,
    private readonly disable_: DisableWebhook,
    private readonly replay_: ReplayWebhookDelivery,
  ) {}

  /** Subscribe a court system's https URL to events of its court's cases. The answer is the only time the signing secret is shown. */
  @Post('subscriptions')
  @ApiCreatedResponse({ type: WebhookSubscriptionWithSecretView })
  @ApiProblems(400, 401, 403)
  subscribe(@CurrentUser() admin: AuthUser, @Body() body: AdminSubscribeWebhookRequest, @Origin() origin: RequestOrigin): Promise<WebhookSubscriptionWithSecretView> {
    return this.subscribe_.run(body.courtSystemId, { kind: 'admin', userId: admin.id }, { url: body.url, events: body.events }, origin);
  }

  /** Every subscription, newest first, optionally of one court system; never a secret. */
  @Get('subscriptions')
  @ApiPage(WebhookSubscriptionView)
  @ApiProblems(400, 401, 403)
  listSubscriptions(@Query() query: WebhookSubscriptionsQuery): Promise<Page<WebhookSubscriptionView>> {
    return this.reader.subscriptions(query);
  }

  /** A new signing secret, shown once; the old one signs beside it for WEBHOOK_SECRET_OVERLAP_HOURS. */
  @Post('subscriptions/:id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookSubscriptionWithSecretView })
  @ApiProblems(401, 403, 404, 409)
  rotateSecret(@CurrentUser() admin: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<WebhookSubscriptionWithSecretView> {
    return this.rotate.run(id, { kind: 'admin', userId: admin.id }, origin);
  }

  /** Stop a subscription: no new events, and its pending deliveries are given up. */
  @Post('subscriptions/:id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookSubscriptionView })
  @ApiProblems(401, 403, 404)
  disable(@CurrentUser() admin: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Origin() origin: RequestOrigin): Promise<WebhookSubscriptionView> {
    return this.disable_.run(id, { kind: 'admin', userId: admin.id }, origin);
  }

  /** Deliveries, newest first: by subscription, case or status (`failed`: given up). */
  @Get('deliveries')
  @ApiPage(WebhookDeliveryView)
  @ApiProblems(400, 401, 403)
  listDeliveries(@Query() query: WebhookDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    return this.reader.deliveries(query);
  }

  /** Every attempt of one delivery: when, the receiver's status code or the error, how long it took. */
  @Get('deliveries/:id/attempts')
  @ApiPage(WebhookAttemptView)
  @ApiProblems(401, 403, 404)
  listAttempts(@Param('id', ParseUUIDPipe) id: string): Promise<Page<WebhookAttemptView>> {
    return this.reader.attempts(id);
  }

  /** Send a delivered or given-up delivery again: the same body and event id, signed afresh, in its case's turn. */
  @Post('deliveries/:id/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDeliveryView })
  @ApiProblems(401, 403, 404, 409)
  replayDelivery(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryView> {
    return this.replay_.run(id);
  }
}
