import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's legal representative (法定代表人) on its party record (docs/procedural-rules.md
 * C13): applications and referrals give it, the agreement template and the court's documents name
 * it. Parties on record before stay null: the mediator types it into the agreement as before.
 */
export class PartyLegalRepresentative1764000018200 implements MigrationInterface {
  name = 'PartyLegalRepresentative1764000018200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_parties ADD COLUMN legal_representative text`);
    await q.query(`ALTER TABLE case_parties ADD CONSTRAINT case_parties_legal_representative_of_organisation CHECK (legal_representative IS NULL OR kind = 'organisation')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_parties DROP CONSTRAINT IF EXISTS case_parties_legal_representative_of_organisation`);
    await q.query(`ALTER TABLE case_parties DROP COLUMN IF EXISTS legal_representative`);
  }
}
