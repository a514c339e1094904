import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin';
import { SecurityEventType } from '../../audit/security-event.entity';
import { Clock } from '../../infrastructure/clock/clock';
import { WebhookAudit, type WebhookActor } from '../webhook-audit';
import { WebhookReader } from '../webhook-reader';
import { WebhookSubscriptionView } from '../webhook.dto';
import { WebhookSubscription } from '../webhook.entity';

/** Stops a subscription: no new events; its pending deliveries are given up at their next attempt. Disabling twice changes nothing. */
@Injectable()
export class DisableWebhook {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: WebhookReader,
    private readonly clock: Clock,
    private readonly audit: WebhookAudit,
  ) {}

  async run(subscriptionId: string, actor: WebhookActor, origin: RequestOrigin): Promise<WebhookSubscriptionView> {
    return this.db.transaction(async (tx) => {
      const current = await this.reader.subscription(subscriptionId, undefined, tx, true);
      if (!current.disabledAt) {
        await tx.getRepository(WebhookSubscription).update({ id: subscriptionId }, { disabledAt: this.clock.now() });
        await this.audit.record(tx, SecurityEventType.WebhookDisabled, current, actor, origin);
      }
      return WebhookSubscriptionView.of(await this.reader.subscription(subscriptionId, undefined, tx));
    });
  }
}
