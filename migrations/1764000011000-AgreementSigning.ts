import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafting and e-signing the settlement agreement (docs/procedural-rules.md C12-C13; ESL 13): the mediator's
 * working draft, the one-time codes (a salted hash, never the code), the signature records
 * bound to a version hash, and refusals to sign.
 */
export class AgreementSigning1764000011000 implements MigrationInterface {
  name = 'AgreementSigning1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_drafts (
        case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        content jsonb NOT NULL,
        revision int NOT NULL DEFAULT 1 CHECK (revision > 0),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE signature_codes (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES agreement_versions(id) ON DELETE CASCADE,
        signer_id uuid NOT NULL REFERENCES users(id),
        signer_role text NOT NULL CHECK (signer_role IN ('party', 'agent', 'mediator')),
        party_id uuid REFERENCES case_parties(id),
        channel text NOT NULL CHECK (channel IN ('sms', 'email')),
        address text NOT NULL,
        destination text NOT NULL,
        hash text NOT NULL,
        salt text NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL CHECK (max_attempts > 0),
        used_at timestamptz,
        superseded_at timestamptz,
        requested_ip text,
        requested_user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivery_status text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'sent', 'failed')),
        delivered_at timestamptz,
        provider_message_id text,
        delivery_error text,
        CHECK ((signer_role = 'mediator') = (party_id IS NULL))
      )`);
    await q.query(`CREATE INDEX signature_codes_signer_idx ON signature_codes (version_id, signer_id, created_at)`);
    await q.query(`
      CREATE TABLE agreement_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES agreement_versions(id) ON DELETE CASCADE,
        signer_id uuid NOT NULL REFERENCES users(id),
        signer_name text NOT NULL,
        signer_role text NOT NULL CHECK (signer_role IN ('party', 'agent', 'mediator')),
        party_id uuid REFERENCES case_parties(id),
        agreement_hash text NOT NULL,
        hash_algorithm text NOT NULL,
        signed_at timestamptz NOT NULL,
        ip text NOT NULL,
        user_agent text NOT NULL,
        code_id uuid NOT NULL UNIQUE REFERENCES signature_codes(id),
        code_channel text NOT NULL,
        code_destination text NOT NULL,
        code_verified_at timestamptz NOT NULL,
        digest text NOT NULL,
        voided_at timestamptz,
        CHECK ((signer_role = 'mediator') = (party_id IS NULL))
      )`);
    // One signature per party (its own account or an agent) and one by the mediator, per version.
    await q.query(`CREATE UNIQUE INDEX agreement_signatures_once_idx ON agreement_signatures (version_id, COALESCE(party_id::text, 'mediator'))`);
    await q.query(`
      CREATE TABLE agreement_refusals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES agreement_versions(id) ON DELETE CASCADE,
        party_id uuid NOT NULL REFERENCES case_parties(id),
        user_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL,
        refused_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX agreement_refusals_version_idx ON agreement_refusals (version_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_refusals`);
    await q.query(`DROP TABLE agreement_signatures`);
    await q.query(`DROP TABLE signature_codes`);
    await q.query(`DROP TABLE agreement_drafts`);
  }
}
