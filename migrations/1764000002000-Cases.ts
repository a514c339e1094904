import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, their parties, agents, IP rights, the event hash chain, documents and idempotency keys. */
export class Cases1764000002000 implements MigrationInterface {
  name = 'Cases1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_number_counters (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        status text NOT NULL,
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        source text NOT NULL CHECK (source IN ('online_application', 'court_referral')),
        referral_type text CHECK (referral_type IN ('pre_filing', 'post_filing_ordinary', 'post_filing_simplified')),
        referral_number text,
        referring_court_id uuid REFERENCES organisations(id),
        confirming_court_id uuid REFERENCES organisations(id),
        mediator_id uuid REFERENCES users(id),
        title text NOT NULL,
        dispute_type text NOT NULL,
        statement text,
        claims jsonb NOT NULL DEFAULT '[]',
        preferred_language text NOT NULL DEFAULT 'zh-CN',
        foreign_element boolean NOT NULL DEFAULT false,
        outcome text,
        outcome_reason text,
        returned_to_court boolean NOT NULL DEFAULT false,
        respondent_access_from timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        hash_algorithm text NOT NULL DEFAULT 'sha256',
        search_text text NOT NULL DEFAULT '',
        submitted_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'court_referral') = (referral_type IS NOT NULL AND referring_court_id IS NOT NULL)),
        CHECK ((status IN ('closed', 'archived')) = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX cases_status_created_idx ON cases (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_referring_court_idx ON cases (referring_court_id, created_at DESC) WHERE referring_court_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_confirming_court_idx ON cases (confirming_court_id) WHERE confirming_court_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_mediator_idx ON cases (mediator_id, status) WHERE mediator_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_search_trgm_idx ON cases USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE case_parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('applicant', 'respondent')),
        position int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
        name text NOT NULL,
        id_type text,
        id_number text,
        phone text,
        email text,
        address text,
        organisation_id uuid REFERENCES organisations(id),
        user_id uuid REFERENCES users(id),
        consent_online boolean,
        consent_e_service boolean,
        e_service_basis text CHECK (e_service_basis IN ('express', 'prior_agreement', 'implied_by_filing', 'by_conduct')),
        UNIQUE (case_id, side, position)
      )`);
    await q.query(`CREATE INDEX case_parties_user_idx ON case_parties (user_id, case_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX case_parties_organisation_idx ON case_parties (organisation_id) WHERE organisation_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE case_agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('applicant', 'respondent')),
        user_id uuid NOT NULL REFERENCES users(id),
        law_firm text,
        power_of_attorney_document_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, party_id, user_id)
      )`);
    await q.query(`CREATE INDEX case_agents_user_idx ON case_agents (user_id, case_id)`);

    await q.query(`
      CREATE TABLE ip_rights (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        position int NOT NULL,
        kind text NOT NULL,
        number text,
        jurisdiction text,
        owner text,
        title text
      )`);
    await q.query(`CREATE INDEX ip_rights_case_idx ON ip_rights (case_id)`);

    await q.query(`
      CREATE TABLE case_events (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        sequence int NOT NULL CHECK (sequence > 0),
        type text NOT NULL,
        actor_id uuid REFERENCES users(id),
        actor_role text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        confidential boolean NOT NULL DEFAULT false,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        algorithm text NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);

    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('all_parties', 'own_side_and_mediator', 'court')),
        side text CHECK (side IN ('applicant', 'respondent')),
        filename text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid REFERENCES users(id),
        supersedes_id uuid REFERENCES documents(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX documents_case_idx ON documents (case_id, created_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL,
        fingerprint text NOT NULL,
        resource_type text NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'documents', 'case_events', 'ip_rights', 'case_agents', 'case_parties', 'cases', 'case_number_counters']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
