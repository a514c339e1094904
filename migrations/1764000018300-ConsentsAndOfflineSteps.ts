import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents per party and per address, and steps switched to offline handling
 * (docs/procedural-rules.md A1, F26, D16):
 * - `e_service_consents`: consent to electronic service of one party at one address, with its basis
 *   (express, prior_agreement, implied_by_filing, by_conduct). Backfilled from the party-level
 *   consent for the addresses on the party record.
 * - `offline_steps`: a step of a case (or every step of one party) switched to offline handling,
 *   with who and why.
 * - `case_parties.domicile_region`: a party's domicile (6-digit division code), for the court choice.
 */
export class ConsentsAndOfflineSteps1764000018300 implements MigrationInterface {
  name = 'ConsentsAndOfflineSteps1764000018300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_parties ADD COLUMN domicile_region text`);
    await q.query(`
      CREATE TABLE e_service_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        address text NOT NULL,
        basis text NOT NULL CHECK (basis IN ('express', 'prior_agreement', 'implied_by_filing', 'by_conduct')),
        given_at timestamptz NOT NULL,
        given_by uuid,
        service_id uuid,
        CONSTRAINT e_service_consents_address_key UNIQUE (party_id, channel, address)
      )`);
    await q.query(`CREATE INDEX e_service_consents_case_idx ON e_service_consents (case_id)`);
    await q.query(`
      INSERT INTO e_service_consents (case_id, party_id, channel, address, basis, given_at)
      SELECT p.case_id, p.id, 'email', lower(trim(p.email)), p.e_service_basis, now() FROM case_parties p
      WHERE p.consent_e_service AND p.e_service_basis IS NOT NULL AND p.email IS NOT NULL
      UNION ALL
      SELECT p.case_id, p.id, 'sms', trim(p.phone), p.e_service_basis, now() FROM case_parties p
      WHERE p.consent_e_service AND p.e_service_basis IS NOT NULL AND p.phone IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`
      CREATE TABLE offline_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        step text NOT NULL,
        party_id uuid REFERENCES case_parties(id) ON DELETE CASCADE,
        reason text NOT NULL,
        decided_by uuid,
        decided_role text NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX offline_steps_case_idx ON offline_steps (case_id, decided_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS offline_steps`);
    await q.query(`DROP TABLE IF EXISTS e_service_consents`);
    await q.query(`ALTER TABLE case_parties DROP COLUMN IF EXISTS domicile_region`);
  }
}
