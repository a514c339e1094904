import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every document the platform serves goes through `services`: besides parties, a court can be
 * the recipient (a failure report handed back, an application for confirmation).
 */
export class ServeAnyDocument1764000007000 implements MigrationInterface {
  name = 'ServeAnyDocument1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE services ALTER COLUMN party_id DROP NOT NULL`);
    await q.query(`ALTER TABLE services ADD COLUMN recipient_organisation_id uuid REFERENCES organisations(id)`);
    await q.query(`ALTER TABLE services ADD CONSTRAINT services_one_recipient CHECK ((party_id IS NULL) <> (recipient_organisation_id IS NULL))`);
    await q.query(`CREATE INDEX services_case_purpose_idx ON services (case_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX services_case_purpose_idx`);
    await q.query(`ALTER TABLE services DROP CONSTRAINT services_one_recipient`);
    await q.query(`ALTER TABLE services DROP COLUMN recipient_organisation_id`);
    await q.query(`ALTER TABLE services ALTER COLUMN party_id SET NOT NULL`);
  }
}
