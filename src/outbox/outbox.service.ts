import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedFor, runPrepared } from '../common/database/prepared-statement';
import type { JobName } from '../infrastructure/queue/queue-names';

/** PostgreSQL channel the relay listens on; NOTIFY is delivered only when the transaction commits. */
export const OUTBOX_CHANNEL = 'accord_outbox';

export interface OutboxEntry {
  job: JobName;
  data: Record<string, unknown>;
  /** Run the job no earlier than this (deadlines, reminders); omitted: as soon as relayed. */
  runAt?: Date;
}

/**
 * Records side effects as outbox rows in the caller's transaction. Nothing here talks to
 * Redis: a service never enqueues inside a transaction, and a change whose transaction
 * rolls back leaves no job behind.
 */
@Injectable()
export class Outbox {
  async add(tx: EntityManager, entry: OutboxEntry): Promise<string> {
    return (await this.addMany(tx, [entry]))[0];
  }

  /**
   * `alongside` is a data-modifying statement of the caller's (its parameters $1, $2…), run in the
   * same round trip: the rows the jobs are about, written with them.
   */
  async addMany(tx: EntityManager, entries: OutboxEntry[], alongside?: { sql: string; values: unknown[] }): Promise<string[]> {
    if (entries.length === 0) {
      if (alongside) await tx.query(alongside.sql, alongside.values);
      return [];
    }
    const values = [...(alongside?.values ?? [])];
    const $ = (value: unknown): string => `$${values.push(value)}`;
    // The NOTIFY (in the same statement, once) wakes the relays as soon as this transaction
    // commits, and never if it rolls back; the relays poll as well, so a lost one only delays.
    const rows = await runPrepared<{ id: string }>(
      tx,
      preparedFor(
        'outbox.add',
        `WITH ${alongside ? `alongside AS (${alongside.sql}), ` : ''}added AS (
         INSERT INTO outbox (job, data, run_at)
         SELECT e.job, e.data, e.run_at FROM jsonb_to_recordset(${$(JSON.stringify(entries.map((e) => ({ job: e.job, data: e.data, run_at: e.runAt?.toISOString() ?? null }))))}::jsonb)
           AS e(job text, data jsonb, run_at timestamptz)
         RETURNING id
       )
       SELECT added.id FROM added CROSS JOIN (SELECT pg_notify(${$(OUTBOX_CHANNEL)}, '')) AS woken`,
      ),
      values,
    );
    return rows.map((r) => r.id);
  }
}
