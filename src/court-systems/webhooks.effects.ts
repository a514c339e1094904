import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import { parseWebhookEventTypes, type WebhookEventType, type WebhookPayload } from './webhook-events';

/**
 * The table's `webhooks.enqueue:<types>` effect: inside the transition's transaction it records
 * the events (numbered per case) and one delivery per subscription that wants each, and an
 * outbox row per delivery. No HTTP here: the `webhooks.deliver` job sends after the commit.
 */
@Injectable()
export class WebhookEffects {
  constructor(private readonly outbox: Outbox) {}

  /** Events go only to the systems of the court that referred the case, and only while one subscribes. */
  @TransitionEffect('webhooks.enqueue', parseWebhookEventTypes)
  async enqueue(tx: EntityManager, fired: WrittenTransition, types: WebhookEventType[]): Promise<void> {
    const c = fired.case;
    if (!c.referringCourtId) return;
    const subscriptions = (await tx.query(
      `SELECT s.id, s.events FROM webhook_subscriptions s JOIN court_systems cs ON cs.id = s.court_system_id
       WHERE cs.court_id = $1 AND s.disabled_at IS NULL`,
      [c.referringCourtId],
    )) as { id: string; events: WebhookEventType[] }[];
    if (subscriptions.length === 0) return;
    // The transition holds the case row, so no other transaction numbers this case's events meanwhile.
    const [{ last }] = (await tx.query(`SELECT coalesce(max(sequence), 0)::int AS last FROM webhook_events WHERE case_id = $1`, [c.id])) as { last: number }[];
    const deliveries: string[] = [];
    for (const [i, type] of types.entries()) {
      const sequence = last + i + 1;
      const id = randomUUID();
      const payload: WebhookPayload = {
        id,
        type,
        sequence,
        occurredAt: fired.occurredAt.toISOString(),
        transition: fired.transition.event,
        case: { id: c.id, number: c.number, referralNumber: c.referralNumber, status: c.status, outcome: c.outcome, version: c.version },
      };
      await tx.query(`INSERT INTO webhook_events (id, case_id, sequence, type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        c.id,
        sequence,
        type,
        JSON.stringify(payload),
        fired.occurredAt,
      ]);
      const wanting = subscriptions.filter((s) => s.events.includes(type)).map((s) => s.id);
      if (wanting.length === 0) continue;
      const rows = (await tx.query(
        `INSERT INTO webhook_deliveries (event_id, subscription_id, case_id, sequence, type)
         SELECT $1, s, $2, $3, $4 FROM unnest($5::uuid[]) AS s RETURNING id`,
        [id, c.id, sequence, type, wanting],
      )) as { id: string }[];
      deliveries.push(...rows.map((r) => r.id));
    }
    await this.outbox.addMany(
      tx,
      deliveries.map((deliveryId) => ({ job: JobName.DeliverWebhook, data: { deliveryId } })),
    );
  }
}
