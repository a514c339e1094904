import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen versions of settlement agreements (docs/procedural-rules.md C12-C13, D19). */
export class AgreementVersions1764000008000 implements MigrationInterface {
  name = 'AgreementVersions1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        content jsonb NOT NULL,
        hash_algorithm text NOT NULL,
        hash text NOT NULL,
        document_id uuid NOT NULL REFERENCES documents(id),
        confirms_ownership boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('signing', 'void', 'effective')),
        frozen_at timestamptz NOT NULL,
        frozen_by uuid NOT NULL REFERENCES users(id),
        voided_at timestamptz,
        void_reason text,
        effective_at timestamptz,
        signed_document_id uuid REFERENCES documents(id),
        UNIQUE (case_id, version),
        CHECK ((status = 'effective') = (effective_at IS NOT NULL)),
        CHECK ((status = 'void') = (voided_at IS NOT NULL))
      )`);
    // At most one live version per case: the one being signed or the one in effect.
    await q.query(`CREATE UNIQUE INDEX agreement_versions_live_idx ON agreement_versions (case_id) WHERE status <> 'void'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_versions`);
  }
}
