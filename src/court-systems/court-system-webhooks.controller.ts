import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CourtSystemPermission, type CourtSystemPrincipal } from '../access/court-system-access.policy';
import type { RequestOrigin } from '../common/request-origin';
import { Origin } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ApiPage, PageQuery, type Page } from '../common/pagination';
import { RotateWebhookSecret } from './actions/rotate-webhook-secret.action';
import { SubscribeWebhook } from './actions/subscribe-webhook.action';
import { CourtSystemRoute, CurrentCourtSystem } from './court-system-auth';
import { WebhookReader } from './webhook-reader';
import { SubscribeWebhookRequest, WebhookSubscriptionView, WebhookSubscriptionWithSecretView } from './webhook.dto';

/** A court system manages its own webhook subscriptions with a key issued with `manage_webhooks`. */
@ApiTags('court-systems')
@Controller('court-systems/webhooks')
export class CourtSystemWebhooksController {
  constructor(
    private readonly reader: WebhookReader,
    private readonly subscribe_: SubscribeWebhook,
    private readonly rotate: RotateWebhookSecret,
  ) {}

  /** Subscribe an https URL to events of the cases the court referred. The answer is the only time the signing secret is shown. */
  @Post()
  @CourtSystemRoute(CourtSystemPermission.ManageWebhooks)
  @ApiCreatedResponse({ type: WebhookSubscriptionWithSecretView })
  @ApiProblems(400)
  subscribe(
    @CurrentCourtSystem() system: CourtSystemPrincipal,
    @Body() body: SubscribeWebhookRequest,
    @Origin() origin: RequestOrigin,
  ): Promise<WebhookSubscriptionWithSecretView> {
    return this.subscribe_.run(system.courtSystemId, { kind: 'court_system', accountUserId: system.accountUserId }, body, origin);
  }

  /** The court system's own subscriptions, newest first; never a secret. */
  @Get()
  @CourtSystemRoute(CourtSystemPermission.ManageWebhooks)
  @ApiPage(WebhookSubscriptionView)
  @ApiProblems(400)
  list(@CurrentCourtSystem() system: CourtSystemPrincipal, @Query() query: PageQuery): Promise<Page<WebhookSubscriptionView>> {
    return this.reader.subscriptions(query, system.courtSystemId);
  }

  /** A new signing secret, shown once; the old one signs beside it for WEBHOOK_SECRET_OVERLAP_HOURS. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @CourtSystemRoute(CourtSystemPermission.ManageWebhooks)
  @ApiOkResponse({ type: WebhookSubscriptionWithSecretView })
  @ApiProblems(404, 409)
  rotateSecret(
    @CurrentCourtSystem() system: CourtSystemPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Origin() origin: RequestOrigin,
  ): Promise<WebhookSubscriptionWithSecretView> {
    return this.rotate.run(id, { kind: 'court_system', accountUserId: system.accountUserId }, origin, system.courtSystemId);
  }
}
