import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = `ARRAY['accepted', 'mediator_assigned', 'settled', 'failed', 'confirmed', 'performed', 'closed', 'archived']::text[]`;

/**
 * Signed webhooks of court systems: subscriptions (URL, events, signing secret with the one before
 * the last rotation), events numbered per case, one delivery per event and subscription (delivered
 * in the case's order), and every attempt of each. Keys get the permission `manage_webhooks`.
 */
export class CourtSystemWebhooks1764000018000 implements MigrationInterface {
  name = 'CourtSystemWebhooks1764000018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE court_system_keys DROP CONSTRAINT court_system_keys_permissions_check`);
    await q.query(`
      ALTER TABLE court_system_keys ADD CONSTRAINT court_system_keys_permissions_check
        CHECK (cardinality(permissions) > 0 AND permissions <@ ARRAY['refer_cases', 'read_cases', 'lodge_confirmation_decisions', 'manage_webhooks']::text[])`);
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_system_id uuid NOT NULL REFERENCES court_systems(id),
        url text NOT NULL,
        events text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ${EVENTS}),
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        secret_rotated_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_system_idx ON webhook_subscriptions (court_system_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        sequence int NOT NULL CHECK (sequence > 0),
        type text NOT NULL CHECK (type = ANY (${EVENTS})),
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        UNIQUE (case_id, sequence)
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES webhook_events(id),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        sequence int NOT NULL,
        type text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        failures_in_row int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        claimed_by_job text,
        last_status_code int,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        failed_at timestamptz,
        UNIQUE (subscription_id, event_id)
      )`);
    // The turn check: a case's deliveries to one subscription still open, by sequence.
    await q.query(`CREATE INDEX webhook_deliveries_open_idx ON webhook_deliveries (subscription_id, case_id, sequence) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_deliveries_case_idx ON webhook_deliveries (case_id, sequence)`);
    await q.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
        attempt int NOT NULL,
        replay boolean NOT NULL DEFAULT false,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        duration_ms int,
        status_code int,
        error text,
        UNIQUE (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_attempts`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_events`);
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
    await q.query(`DELETE FROM court_system_keys WHERE 'manage_webhooks' = ANY (permissions)`);
    await q.query(`ALTER TABLE court_system_keys DROP CONSTRAINT court_system_keys_permissions_check`);
    await q.query(`
      ALTER TABLE court_system_keys ADD CONSTRAINT court_system_keys_permissions_check
        CHECK (cardinality(permissions) > 0 AND permissions <@ ARRAY['refer_cases', 'read_cases', 'lodge_confirmation_decisions']::text[])`);
  }
}
