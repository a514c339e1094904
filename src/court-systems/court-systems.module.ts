import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisThrottlerStorage } from '../auth/redis-throttler.storage';
import { IntakeModule } from '../intake/intake.module';
import { CourtSystemApiController } from './court-system-api.controller';
import { CourtSystemKeyGuard, CourtSystemPermissionGuard, CourtSystemRateLimit } from './court-system-auth';
import { CourtSystemKeyStrategy } from './court-system-key.strategy';
import { CourtSystemKeysController } from './court-system-keys.controller';
import { CourtSystemKeys } from './court-system-keys.service';
import { CourtSystemReferrals } from './court-system-referrals.service';
import { CourtSystem, CourtSystemKey } from './court-system.entity';
import { AdminWebhooksController } from './admin-webhooks.controller';
import { DisableWebhook } from './actions/disable-webhook.action';
import { ReplayWebhookDelivery } from './actions/replay-webhook-delivery.action';
import { RotateWebhookSecret } from './actions/rotate-webhook-secret.action';
import { SubscribeWebhook } from './actions/subscribe-webhook.action';
import { CourtSystemWebhooksController } from './court-system-webhooks.controller';
import { DeliverWebhook } from './deliver-webhook.job';
import { WebhookAudit } from './webhook-audit';
import { WebhookReader } from './webhook-reader';
import { WebhookSender } from './webhook-sender';
import { WebhookAttempt, WebhookDelivery, WebhookEventRecord, WebhookSubscription } from './webhook.entity';
import { WebhookEffects } from './webhooks.effects';

/** Courts' own case-management systems: their API keys, what they do with them, and the signed webhooks they receive. */
@Module({
  imports: [TypeOrmModule.forFeature([CourtSystem, CourtSystemKey, WebhookSubscription, WebhookEventRecord, WebhookDelivery, WebhookAttempt]), PassportModule, IntakeModule],
  controllers: [CourtSystemKeysController, CourtSystemApiController, CourtSystemWebhooksController, AdminWebhooksController],
  providers: [
    CourtSystemKeys,
    CourtSystemKeyStrategy,
    CourtSystemReferrals,
    RedisThrottlerStorage,
    CourtSystemKeyGuard,
    CourtSystemRateLimit,
    CourtSystemPermissionGuard,
    WebhookEffects,
    WebhookSender,
    DeliverWebhook,
    WebhookReader,
    WebhookAudit,
    SubscribeWebhook,
    RotateWebhookSecret,
    DisableWebhook,
    ReplayWebhookDelivery,
  ],
})
export class CourtSystemsModule {}
