import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin';
import { SecurityEventType } from '../../audit/security-event.entity';
import { ValidationProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { CourtSystem } from '../court-system.entity';
import { WebhookSubscriptionView, type SubscribeWebhookRequest, type WebhookSubscriptionWithSecretView } from '../webhook.dto';
import { actingUserId, WebhookAudit, type WebhookActor } from '../webhook-audit';
import { newWebhookSecret } from '../webhook-signature';
import { webhookUrlProblem } from '../webhook-url';
import { WebhookSubscription } from '../webhook.entity';

/** Subscribes a court system's URL to events of its court's cases; the answer shows the signing secret, once. */
@Injectable()
export class SubscribeWebhook {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: WebhookAudit,
  ) {}

  async run(courtSystemId: string, actor: WebhookActor, body: SubscribeWebhookRequest, origin: RequestOrigin): Promise<WebhookSubscriptionWithSecretView> {
    const problem = webhookUrlProblem(body.url, { allowHttpLoopback: this.config.get('WEBHOOK_ALLOW_HTTP_LOOPBACK', { infer: true }) });
    if (problem) throw new ValidationProblem([{ field: 'url', rule: 'isWebhookUrl', message: problem }]);
    if (!(await this.db.getRepository(CourtSystem).existsBy({ id: courtSystemId }))) {
      throw new ValidationProblem([{ field: 'courtSystemId', rule: 'isCourtSystem', message: 'courtSystemId must name a court system' }]);
    }
    const secret = newWebhookSecret();
    return this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(WebhookSubscription).save({ courtSystemId, url: body.url, events: body.events, secret, createdBy: actingUserId(actor) });
      const row = await tx.getRepository(WebhookSubscription).findOneByOrFail({ id: saved.id });
      await this.audit.record(tx, SecurityEventType.WebhookSubscribed, row, actor, origin);
      return { ...WebhookSubscriptionView.of(row), secret };
    });
  }
}
