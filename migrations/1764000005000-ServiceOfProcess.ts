import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Electronic service (docs/procedural-rules.md F26-F28): one row per document served on one recipient party,
 * with the channels and addresses used (each confirmed or not), the notifications that carried
 * it, the reading proof and the computed times; and the respondents' answers to the notice of
 * mediation (docs/procedural-rules.md A3).
 */
export class ServiceOfProcess1764000005000 implements MigrationInterface {
  name = 'ServiceOfProcess1764000005000';

  async up(q: QueryRunner): Promise<void> {
    // The address-for-service form (送达地址确认书, docs/procedural-rules.md A6): when and by whom a party confirmed its addresses.
    await q.query(`ALTER TABLE case_parties ADD COLUMN address_confirmed_at timestamptz, ADD COLUMN address_confirmed_by uuid REFERENCES users(id)`);
    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        purpose text NOT NULL,
        document_id uuid NOT NULL REFERENCES documents(id),
        document_sha256 text NOT NULL,
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        recipient_user_id uuid REFERENCES users(id),
        recipient_name text NOT NULL,
        channels text[] NOT NULL DEFAULT '{}',
        addresses jsonb NOT NULL DEFAULT '[]',
        notification_ids uuid[] NOT NULL DEFAULT '{}',
        link_expires_at timestamptz,
        sent_at timestamptz,
        read_at timestamptz,
        read_via text CHECK (read_via IN ('link', 'platform')),
        read_ip text,
        read_user_agent text,
        acted_at timestamptz,
        delivered jsonb NOT NULL DEFAULT '[]',
        effective_at timestamptz,
        effective_rule text CHECK (effective_rule IN ('confirmed_address_delivered', 'read', 'acted_upon', 'offline')),
        effective_channel text,
        certificate_document_id uuid REFERENCES documents(id),
        offline_at timestamptz,
        offline_by uuid REFERENCES users(id),
        offline_reason text,
        offline_method text,
        offline_served_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((offline_at IS NULL) = (offline_by IS NULL) AND (offline_at IS NULL) = (offline_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX services_case_idx ON services (case_id, created_at)`);
    await q.query(`CREATE INDEX services_recipient_idx ON services (recipient_user_id) WHERE recipient_user_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE respondent_answers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        agree boolean NOT NULL,
        reason text,
        ip text,
        user_agent text,
        answered_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, party_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE respondent_answers`);
    await q.query(`DROP TABLE services`);
    await q.query(`ALTER TABLE case_parties DROP COLUMN address_confirmed_at, DROP COLUMN address_confirmed_by`);
  }
}
