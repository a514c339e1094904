import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../infrastructure/clock/clock';
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
  ) {}

  async run(subscriptionId: string, courtSystemId?: string): Promise<WebhookSubscriptionView> {
    const current = await this.reader.subscription(subscriptionId, courtSystemId);
    if (!current.disabledAt) await this.db.getRepository(WebhookSubscription).update({ id: subscriptionId }, { disabledAt: this.clock.now() });
    return WebhookSubscriptionView.of(await this.reader.subscription(subscriptionId, courtSystemId));
  }
}
