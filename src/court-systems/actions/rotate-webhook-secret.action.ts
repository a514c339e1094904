import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestOrigin } from '../../common/request-origin';
import { SecurityEventType } from '../../audit/security-event.entity';
import { ConflictProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { Clock } from '../../infrastructure/clock/clock';
import { WebhookAudit, type WebhookActor } from '../webhook-audit';
import { WebhookReader } from '../webhook-reader';
import { WebhookSubscriptionView, type WebhookSubscriptionWithSecretView } from '../webhook.dto';
import { newWebhookSecret } from '../webhook-signature';
import { WebhookSubscription } from '../webhook.entity';

/**
 * A new signing secret, shown once. The one it replaces keeps signing beside it (a second `v1`)
 * for WEBHOOK_SECRET_OVERLAP_HOURS, so the receiver can switch without losing a delivery; a
 * secret older than that (a rotation within the overlap of the last) stops at once.
 */
@Injectable()
export class RotateWebhookSecret {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: WebhookReader,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: WebhookAudit,
  ) {}

  /** `courtSystemId`: the court system asking through its key may rotate only its own subscriptions. */
  async run(subscriptionId: string, actor: WebhookActor, origin: RequestOrigin, courtSystemId?: string): Promise<WebhookSubscriptionWithSecretView> {
    return this.db.transaction(async (tx) => {
      const current = await this.reader.subscription(subscriptionId, courtSystemId, tx, true);
      if (current.disabledAt) throw new ConflictProblem('This subscription is disabled');
      const now = this.clock.now();
      const overlapMs = this.config.get('WEBHOOK_SECRET_OVERLAP_HOURS', { infer: true }) * 3_600_000;
      const secret = newWebhookSecret();
      await tx.getRepository(WebhookSubscription).update(
        { id: subscriptionId },
        {
          secret,
          previousSecret: overlapMs > 0 ? current.secret : null,
          previousSecretUntil: overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null,
          secretRotatedAt: now,
        },
      );
      const row = await tx.getRepository(WebhookSubscription).findOneByOrFail({ id: subscriptionId });
      await this.audit.record(tx, SecurityEventType.WebhookSecretRotated, row, actor, origin);
      return { ...WebhookSubscriptionView.of(row), secret };
    });
  }
}
