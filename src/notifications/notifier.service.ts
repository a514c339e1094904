import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import { channelsFor, type Recipient } from './lifecycle-notifications';
import { TEMPLATES, type NotificationData, type TemplateKey } from './notification-templates';
import type { PushInAppJob } from './push-in-app.job';

export interface NotifyUsers {
  userIds: readonly string[];
  /** Recipients the caller read already (active accounts): the notifier reads only the others. */
  known?: ReadonlyMap<string, Recipient>;
  template: TemplateKey;
  data: NotificationData;
  caseId?: string | null;
  /**
   * Makes the call repeatable: a notification whose `${dedupeKey}:${userId}` exists is not made
   * again. Jobs that notify (reminders) pass one; transitions don't need it, they happen once.
   */
  dedupeKey?: string;
  /** Only these channels (service of process sends channel by channel); default: by the template. */
  channels?: readonly DeliverNotificationJob['channel'][];
}

/** A person without an account, reached at a party's address for service. */
export interface NotifyAddress {
  email: string | null;
  phone: string | null;
  language: string;
  template: TemplateKey;
  data: NotificationData;
  caseId: string;
  channels: readonly ('email' | 'sms')[];
}

/**
 * An e-mail or SMS delivery: one job per notification and channel, so each retries on its own
 * and keeps its own attempts (the proof electronic service relies on). In-app notifications are
 * pushed by one job per transaction (`PushInAppJob`).
 */
export interface DeliverNotificationJob {
  notificationId: string;
  channel: 'in_app' | 'email' | 'sms';
}

/**
 * Makes notifications in the caller's transaction: a row per recipient (what the inbox shows),
 * an outbox row per e-mail or SMS, and one outbox row for the live push of all the in-app ones
 * (what the workers deliver). Inactive accounts are skipped.
 */
@Injectable()
export class Notifier {
  constructor(private readonly outbox: Outbox) {}

  async notify(tx: EntityManager, input: NotifyUsers): Promise<string[]> {
    if (input.userIds.length === 0) return [];
    const ids = [...new Set(input.userIds)];
    const known = ids.flatMap((id) => input.known?.get(id) ?? []);
    const unknown = ids.filter((id) => !input.known?.has(id));
    const read =
      unknown.length === 0
        ? []
        : ((await tx.query(`SELECT id, email, phone, preferred_language FROM users WHERE id = ANY($1::uuid[]) AND status = 'active'`, [unknown])) as Recipient[]);
    const users = [...known, ...read].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (users.length === 0) return [];
    const smsWorthy = TEMPLATES[input.template].sms === true;
    const rows = users.map((u) => ({
      id: randomUUID(),
      user_id: u.id,
      case_id: input.caseId ?? null,
      template: input.template,
      data: input.data,
      language: u.preferred_language,
      channels: channelsFor(u, smsWorthy).filter((c) => !input.channels || input.channels.includes(c)),
      dedupe_key: input.dedupeKey ? `${input.dedupeKey}:${u.id}` : null,
    }));
    const insert = `INSERT INTO notifications (id, user_id, case_id, template, data, language, channels, dedupe_key)
       SELECT r.id, r.user_id, r.case_id, r.template, r.data, r.language, ARRAY(SELECT jsonb_array_elements_text(r.channels)), r.dedupe_key
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, user_id uuid, case_id uuid, template text, data jsonb, language text, channels jsonb, dedupe_key text)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, channels`;
    if (!input.dedupeKey) {
      // Nothing can conflict: every row is written, so the rows and their jobs go in one statement.
      await this.enqueue(tx, rows, { sql: insert, values: [JSON.stringify(rows)] });
      return rows.map((n) => n.id);
    }
    // Only the rows written (not made before under the same key) get jobs.
    const created = (await tx.query(insert, [JSON.stringify(rows)])) as { id: string; channels: DeliverNotificationJob['channel'][] }[];
    await this.enqueue(tx, created);
    return created.map((n) => n.id);
  }

  /** One notification to an address without an account; null when it has none of the channels. */
  async notifyAddress(tx: EntityManager, input: NotifyAddress): Promise<string | null> {
    const channels = input.channels.filter((c) => (c === 'email' ? !!input.email : !!input.phone));
    if (channels.length === 0) return null;
    const [created] = (await tx.query(
      `INSERT INTO notifications (user_id, email, phone, case_id, template, data, language, channels) VALUES (NULL, $1, $2, $3, $4, $5, $6, $7) RETURNING id, channels`,
      [input.email, input.phone, input.caseId, input.template, input.data, input.language === 'en' ? 'en' : 'zh-CN', channels],
    )) as { id: string; channels: DeliverNotificationJob['channel'][] }[];
    await this.enqueue(tx, [created]);
    return created.id;
  }

  private async enqueue(
    tx: EntityManager,
    created: { id: string; channels: readonly DeliverNotificationJob['channel'][] }[],
    alongside?: Parameters<Outbox['addMany']>[2],
  ): Promise<void> {
    const inApp = created.filter((n) => n.channels.includes('in_app')).map((n) => n.id);
    await this.outbox.addMany(
      tx,
      [
        ...(inApp.length > 0 ? [{ job: JobName.PushInApp, data: { notificationIds: inApp } satisfies PushInAppJob }] : []),
        ...created.flatMap((n) =>
          n.channels
            .filter((channel) => channel !== 'in_app')
            .map((channel) => ({ job: JobName.DeliverNotification, data: { notificationId: n.id, channel } satisfies DeliverNotificationJob })),
        ),
      ],
      alongside,
    );
  }
}
