import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mediator profiles (what the matcher reads) and assignment offers (one row per offer to a
 * mediator, with the matcher's explanation). `open_cases` and `assignments_30d` are kept up to
 * date by the assignment service so a decision never counts cases at national scale.
 */
export class Assignment1764000004000 implements MigrationInterface {
  name = 'Assignment1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mediator_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        active boolean NOT NULL DEFAULT true,
        on_leave_from timestamptz,
        on_leave_until timestamptz,
        dispute_types text[] NOT NULL DEFAULT '{}',
        technical_fields text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        jurisdictions text[] NOT NULL DEFAULT '{}',
        accreditations text[] NOT NULL DEFAULT '{}',
        seniority int NOT NULL DEFAULT 1 CHECK (seniority BETWEEN 1 AND 3),
        capacity int NOT NULL DEFAULT 10 CHECK (capacity BETWEEN 0 AND 1000),
        open_cases int NOT NULL DEFAULT 0 CHECK (open_cases >= 0),
        assignments_30d int NOT NULL DEFAULT 0 CHECK (assignments_30d >= 0),
        court_ids uuid[] NOT NULL DEFAULT '{}',
        organisation_ids uuid[] NOT NULL DEFAULT '{}',
        relationships jsonb NOT NULL DEFAULT '{"organisations": [], "people": []}',
        past_involvement jsonb NOT NULL DEFAULT '[]',
        outcomes jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The pre-filter: active mediators of a dispute type and language with room left.
    await q.query(`CREATE INDEX mediator_profiles_dispute_types_idx ON mediator_profiles USING gin (dispute_types) WHERE active`);
    await q.query(`CREATE INDEX mediator_profiles_languages_idx ON mediator_profiles USING gin (languages) WHERE active`);
    await q.query(`CREATE INDEX mediator_profiles_courts_idx ON mediator_profiles USING gin (court_ids) WHERE active`);

    await q.query(`
      CREATE TABLE assignment_offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        mediator_id uuid NOT NULL REFERENCES users(id),
        round int NOT NULL CHECK (round > 0),
        source text NOT NULL CHECK (source IN ('matcher', 'joint_nomination', 'manual')),
        status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
        explanation jsonb NOT NULL DEFAULT '{}',
        reason text,
        disclosure jsonb,
        offered_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        answered_at timestamptz,
        UNIQUE (case_id, round)
      )`);
    // At most one open offer per case: two racing offers cannot both exist.
    await q.query(`CREATE UNIQUE INDEX assignment_offers_one_pending_idx ON assignment_offers (case_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX assignment_offers_mediator_idx ON assignment_offers (mediator_id, status, due_at)`);
    // Each side's pick for a joint nomination (docs/procedural-rules.md A4); both the same → that mediator.
    await q.query(`
      CREATE TABLE assignment_nominations (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        side text NOT NULL CHECK (side IN ('applicant', 'respondent')),
        user_id uuid NOT NULL REFERENCES users(id),
        mediator_id uuid NOT NULL REFERENCES users(id),
        nominated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, side)
      )`);
    // IPC classes of a patent, Nice classes of a trademark: what expertise matching reads.
    await q.query(`ALTER TABLE ip_rights ADD COLUMN classes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE cases ADD COLUMN needs_manual_assignment boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX cases_manual_assignment_idx ON cases (created_at) WHERE needs_manual_assignment`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS needs_manual_assignment`);
    await q.query(`ALTER TABLE ip_rights DROP COLUMN IF EXISTS classes`);
    await q.query(`DROP TABLE IF EXISTS assignment_nominations`);
    await q.query(`DROP TABLE IF EXISTS assignment_offers`);
    await q.query(`DROP TABLE IF EXISTS mediator_profiles`);
  }
}
