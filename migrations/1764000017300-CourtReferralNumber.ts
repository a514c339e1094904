import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A court refers each case once: its own referral number (案号 of the 诉前调 / 委托调解 file) is the
 * case's key at that court. The bulk import relies on it so that uploading the same spreadsheet
 * twice creates nothing twice, and a single referral with a number already used is refused.
 */
export class CourtReferralNumber1764000017300 implements MigrationInterface {
  name = 'CourtReferralNumber1764000017300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX cases_court_referral_number_key ON cases (referring_court_id, referral_number) WHERE referring_court_id IS NOT NULL AND referral_number IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_court_referral_number_key`);
  }
}
