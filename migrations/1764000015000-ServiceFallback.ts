import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service on people without an account (a respondent named in an application) at the address
 * the party record holds, and the fallback to the next consented channel (docs/procedural-rules.md F26).
 */
export class ServiceFallback1764000015000 implements MigrationInterface {
  name = 'ServiceFallback1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN user_id DROP NOT NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN email text, ADD COLUMN phone text`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_recipient CHECK (user_id IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL)`);
    await q.query(`ALTER TABLE services ADD COLUMN next_attempt_at timestamptz, ADD COLUMN exhausted_at timestamptz`);
    await q.query(`CREATE INDEX services_next_attempt_idx ON services (next_attempt_at) WHERE next_attempt_at IS NOT NULL AND effective_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX services_next_attempt_idx`);
    await q.query(`ALTER TABLE services DROP COLUMN next_attempt_at, DROP COLUMN exhausted_at`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_recipient`);
    await q.query(`ALTER TABLE notifications DROP COLUMN email, DROP COLUMN phone`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN user_id SET NOT NULL`);
  }
}
