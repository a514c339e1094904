import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Court systems: a court's own case-management system, a machine principal of the platform. It
 * acts through its account (a users row that can never sign in, so that cases it creates and
 * events it writes name an actor like any other), holds API keys, and later webhook subscriptions.
 * A key is stored only as a keyed hash of its secret; its id is visible in the key itself.
 */
export class CourtSystemKeys1764000017500 implements MigrationInterface {
  name = 'CourtSystemKeys1764000017500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE court_systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL,
        account_user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX court_systems_court_name_key ON court_systems (court_id, name)`);
    await q.query(`
      CREATE TABLE court_system_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_system_id uuid NOT NULL REFERENCES court_systems(id),
        label text NOT NULL,
        permissions text[] NOT NULL
          CHECK (cardinality(permissions) > 0 AND permissions <@ ARRAY['refer_cases', 'read_cases', 'lodge_confirmation_decisions']::text[]),
        secret_hash text NOT NULL,
        issued_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX court_system_keys_system_idx ON court_system_keys (court_system_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS court_system_keys`);
    await q.query(`DROP TABLE IF EXISTS court_systems`);
  }
}
