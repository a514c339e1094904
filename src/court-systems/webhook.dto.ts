import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { WebhookEventType } from './webhook-events';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entity';

const EVENTS_DOC =
  'The events wanted about the cases the court referred: accepted, mediator_assigned, settled, failed (mediation ended without agreement; the case goes back to the court), confirmed, performed, closed (any outcome), archived';

/** What a court system sends to subscribe (its key names the court system). */
export class SubscribeWebhookRequest {
  @ApiProperty({
    description:
      'Where to POST the events: https, to a public address (private, link-local and loopback addresses are refused; plain http to loopback only where WEBHOOK_ALLOW_HTTP_LOOPBACK is on, in tests and development)',
    example: 'https://court.example.cn/accord/webhooks',
  })
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiProperty({ enum: WebhookEventType, isArray: true, description: EVENTS_DOC })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  events: WebhookEventType[];
}

/** What an administrator sends to subscribe a court system. */
export class AdminSubscribeWebhookRequest extends SubscribeWebhookRequest {
  @ApiProperty({ format: 'uuid', description: 'The court system (see GET /admin/court-systems/keys: courtSystemId)' })
  @IsUUID()
  courtSystemId: string;
}

export class WebhookSubscriptionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courtSystemId?: string;
}

const DELIVERY_STATUSES: WebhookDeliveryStatus[] = ['pending', 'sending', 'delivered', 'failed'];

export class WebhookDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

/** A subscription: never its secret. */
export class WebhookSubscriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courtSystemId: string;
  @ApiProperty({ example: 'https://court.example.cn/accord/webhooks' }) url: string;
  @ApiProperty({ enum: WebhookEventType, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) secretRotatedAt: string | null;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Until then the secret before the last rotation signs too (a second v1 in Accord-Signature)',
  })
  previousSecretValidUntil: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) disabledAt: string | null;

  static of(s: WebhookSubscription): WebhookSubscriptionView {
    return {
      id: s.id,
      courtSystemId: s.courtSystemId,
      url: s.url,
      events: s.events,
      createdAt: s.createdAt.toISOString(),
      secretRotatedAt: s.secretRotatedAt?.toISOString() ?? null,
      previousSecretValidUntil: s.previousSecretUntil?.toISOString() ?? null,
      disabledAt: s.disabledAt?.toISOString() ?? null,
    };
  }
}

/** The answer to subscribing or rotating: the only time the secret is shown. */
export class WebhookSubscriptionWithSecretView extends WebhookSubscriptionView {
  @ApiProperty({
    description:
      'The signing secret (whsec_…). Shown this once: each delivery carries Accord-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under it>; see the README',
    example: 'whsec_3q2-7w…',
  })
  secret: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId: string;
  @ApiProperty({ format: 'uuid', description: 'The event: the `id` of the body, the same in every attempt and replay' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ description: "The event's number within its case (1, 2, 3…)" }) sequence: number;
  @ApiProperty({ enum: WebhookEventType }) type: WebhookEventType;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts so far' }) attempts: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'When a pending delivery is tried again' }) nextAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Given up after WEBHOOK_MAX_ATTEMPTS failures in a row' }) failedAt: string | null;

  static of(d: WebhookDelivery): WebhookDeliveryView {
    return {
      id: d.id,
      subscriptionId: d.subscriptionId,
      eventId: d.eventId,
      caseId: d.caseId,
      sequence: d.sequence,
      type: d.type,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      failedAt: d.failedAt?.toISOString() ?? null,
    };
  }
}

export class WebhookAttemptView {
  @ApiProperty() attempt: number;
  @ApiProperty({ description: "The first attempt after an administrator's replay" }) replay: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) durationMs: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: "The receiver's HTTP status; null when none came" }) statusCode: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) error: string | null;

  static of(a: WebhookAttempt): WebhookAttemptView {
    return {
      attempt: a.attempt,
      replay: a.replay,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
    };
  }
}
