import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import type { SecurityEventType } from '../audit/security-event.entity';
import { CourtSystem } from './court-system.entity';

/** Who changes a subscription: an administrator, or the court system itself through its key (its account). */
export type WebhookActor = { kind: 'admin'; userId: string } | { kind: 'court_system'; accountUserId: string };

/** The account that a subscription change is recorded as made by. */
export const actingUserId = (actor: WebhookActor): string => (actor.kind === 'admin' ? actor.userId : actor.accountUserId);

/**
 * Subscribing, rotating a secret and disabling go in the security log, as the court system's keys
 * do: about the court system's account, by the administrator when one acted. Never the secret.
 */
@Injectable()
export class WebhookAudit {
  constructor(private readonly audit: SecurityAudit) {}

  async record(
    tx: EntityManager,
    type: SecurityEventType,
    subscription: { id: string; courtSystemId: string; url: string },
    actor: WebhookActor,
    origin: RequestOrigin,
  ): Promise<void> {
    const system = await tx.getRepository(CourtSystem).findOneByOrFail({ id: subscription.courtSystemId });
    await this.audit.record(
      type,
      {
        userId: system.accountUserId,
        actorId: actor.kind === 'admin' ? actor.userId : null,
        details: { subscriptionId: subscription.id, courtSystemId: system.id, url: subscription.url },
      },
      origin,
      tx,
    );
  }
}
