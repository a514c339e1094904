import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One sealed archive per case: where it is, its hashes (the seal) and until when it must be kept. */
export class Archives1764000006000 implements MigrationInterface {
  name = 'Archives1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE archives (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        storage_key text NOT NULL UNIQUE,
        size bigint NOT NULL,
        sha256 text NOT NULL,
        manifest_hash text NOT NULL,
        algorithm text NOT NULL,
        events int NOT NULL,
        documents int NOT NULL,
        retention_years int NOT NULL,
        retain_until date NOT NULL,
        trusted_timestamp jsonb,
        archived_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS archives');
  }
}
