import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox, notifications with their delivery receipts, and deadlines. */
export class OutboxNotificationsDeadlines1764000003000 implements MigrationInterface {
  name = 'OutboxNotificationsDeadlines1764000003000';

  async up(q: QueryRunner): Promise<void> {
    // One row per job to enqueue, written in the transaction of the change that causes it.
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job text NOT NULL,
        data jsonb NOT NULL,
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        claimed_until timestamptz,
        relay_attempts int NOT NULL DEFAULT 0,
        last_error text,
        relayed_at timestamptz
      )`);
    // The relay only ever reads the rows still waiting: keep that index small.
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at, id) WHERE relayed_at IS NULL`);
    await q.query(`CREATE INDEX outbox_relayed_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        case_id uuid REFERENCES cases(id),
        template text NOT NULL,
        data jsonb NOT NULL,
        language text NOT NULL CHECK (language IN ('zh-CN', 'en')),
        channels text[] NOT NULL,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        CHECK (channels <@ ARRAY['in_app', 'email', 'sms']::text[] AND cardinality(channels) > 0)
      )`);
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_case_idx ON notifications (case_id) WHERE case_id IS NOT NULL`);

    // Every attempt to deliver a notification on a channel: what electronic service proves delivery from.
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications(id),
        channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
        address text NOT NULL,
        attempt int NOT NULL CHECK (attempt > 0),
        status text NOT NULL CHECK (status IN ('sending', 'delivered', 'failed', 'interrupted')),
        provider_message_id text,
        provider_response text,
        error text,
        permanent boolean,
        will_retry boolean,
        job_id text,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        UNIQUE (notification_id, channel, attempt)
      )`);
    // At most one successful delivery per notification and channel, whatever a queue redelivers.
    await q.query(`CREATE UNIQUE INDEX notification_deliveries_delivered_once ON notification_deliveries (notification_id, channel) WHERE status = 'delivered'`);
    await q.query(`CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (finished_at DESC) WHERE status = 'failed' AND will_retry = false`);

    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        event text NOT NULL,
        due_at timestamptz NOT NULL,
        paused_at timestamptz,
        remaining_ms bigint,
        extended_by_ms bigint NOT NULL DEFAULT 0,
        fired_at timestamptz,
        fired_by text CHECK (fired_by IN ('job', 'sweep')),
        fire_result text,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((paused_at IS NULL) = (remaining_ms IS NULL)),
        CHECK (NOT (fired_at IS NOT NULL AND cancelled_at IS NOT NULL))
      )`);
    // One running deadline of a kind per case.
    await q.query(`CREATE UNIQUE INDEX deadlines_open_kind ON deadlines (case_id, kind) WHERE fired_at IS NULL AND cancelled_at IS NULL`);
    // What the sweep scans: open, running deadlines by due time.
    await q.query(`CREATE INDEX deadlines_due_idx ON deadlines (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadlines`);
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE outbox`);
  }
}
