import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mediation room (issue 8; docs/procedural-rules.md A6, B10, B11): joint sessions and caucuses with their
 * attendance and confirmed records, the sham-mediation warning each participant acknowledged,
 * and the messages of the joint channel and each side's caucus channel with read markers.
 * Also a tier for joint mediation documents the court never sees, and a side on confidential
 * chain entries so a caucus entry stays with that side and the mediator.
 */
export class MediationRoom1764000009000 implements MigrationInterface {
  name = 'MediationRoom1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_visibility_check`);
    await q.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_visibility_check CHECK (visibility IN ('all_parties', 'own_side_and_mediator', 'court', 'mediation_confidential'))`,
    );
    await q.query(
      `ALTER TABLE case_events ADD COLUMN confidential_side text CHECK (confidential_side IN ('applicant', 'respondent')), ADD CHECK (confidential_side IS NULL OR confidential)`,
    );

    await q.query(`
      CREATE TABLE mediation_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('joint', 'caucus')),
        side text CHECK (side IN ('applicant', 'respondent')),
        title text,
        status text NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'ended', 'cancelled')),
        starts_at timestamptz NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes > 0),
        meeting_url text NOT NULL,
        mediator_id uuid NOT NULL REFERENCES users(id),
        started_at timestamptz,
        ended_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        record_revision int NOT NULL DEFAULT 0 CHECK (record_revision >= 0),
        record_text text,
        record_hash text,
        record_written_at timestamptz,
        record_frozen_at timestamptz,
        record_document_id uuid REFERENCES documents(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'caucus') = (side IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CHECK ((record_revision = 0) = (record_text IS NULL)),
        CHECK ((record_frozen_at IS NULL) = (record_document_id IS NULL))
      )`);
    await q.query(`CREATE INDEX mediation_sessions_case_idx ON mediation_sessions (case_id, starts_at)`);

    await q.query(`
      CREATE TABLE mediation_attendance (
        session_id uuid NOT NULL REFERENCES mediation_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('joined', 'absent')),
        joined_at timestamptz,
        ip text,
        user_agent text,
        marked_by uuid REFERENCES users(id),
        marked_at timestamptz,
        PRIMARY KEY (session_id, user_id),
        CHECK ((status = 'joined') = (joined_at IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE mediation_record_confirmations (
        session_id uuid NOT NULL REFERENCES mediation_sessions(id) ON DELETE CASCADE,
        revision int NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        record_hash text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        ip text,
        PRIMARY KEY (session_id, revision, user_id)
      )`);

    await q.query(`
      CREATE TABLE mediation_warning_acknowledgements (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        warning_version text NOT NULL,
        acknowledged_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        PRIMARY KEY (case_id, user_id)
      )`);

    await q.query(`
      CREATE TABLE mediation_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('joint', 'caucus_applicant', 'caucus_respondent')),
        author_id uuid NOT NULL REFERENCES users(id),
        author_role text NOT NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mediation_messages_channel_idx ON mediation_messages (case_id, channel, seq)`);

    await q.query(`
      CREATE TABLE mediation_channel_reads (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        channel text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        last_read_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, channel, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediation_channel_reads`);
    await q.query(`DROP TABLE mediation_messages`);
    await q.query(`DROP TABLE mediation_warning_acknowledgements`);
    await q.query(`DROP TABLE mediation_record_confirmations`);
    await q.query(`DROP TABLE mediation_attendance`);
    await q.query(`DROP TABLE mediation_sessions`);
    await q.query(`ALTER TABLE case_events DROP COLUMN confidential_side`);
    // Fails, rightly, while documents of the new tier exist.
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_visibility_check`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_visibility_check CHECK (visibility IN ('all_parties', 'own_side_and_mediator', 'court'))`);
  }
}
