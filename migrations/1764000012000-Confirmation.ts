import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Joint applications for judicial confirmation, consents, lodged materials, supplements, 调确 numbers (docs/procedural-rules.md D15-D23). */
export class Confirmation1764000012000 implements MigrationInterface {
  name = 'Confirmation1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE confirmation_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        agreement_version_id uuid NOT NULL REFERENCES agreement_versions(id),
        court_id uuid NOT NULL REFERENCES organisations(id),
        court_grounds text[] NOT NULL CHECK (cardinality(court_grounds) > 0),
        subject_matter_region text CHECK (subject_matter_region ~ '^[0-9]{6}$'),
        status text NOT NULL CHECK (status IN ('collecting_consents', 'lodged', 'docketed', 'declined', 'withdrawn', 'supplement_expired', 'confirmed', 'rejected')),
        started_by uuid NOT NULL REFERENCES users(id),
        started_at timestamptz NOT NULL,
        lodged_at timestamptz,
        application_document_id uuid REFERENCES documents(id),
        docket_due_at timestamptz,
        docket_last_day text,
        docketed_at timestamptz,
        docketed_by uuid REFERENCES users(id),
        docket_year int,
        docket_sequence int,
        docket_number text,
        declined_at timestamptz,
        declined_by uuid REFERENCES users(id),
        decline_reason text,
        decision_due_at timestamptz,
        decision_last_day text,
        extension_approved_by text,
        extension_reason text,
        extension_approved_at timestamptz,
        extension_recorded_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        ruling_document_id uuid REFERENCES documents(id),
        rejection_grounds text[],
        rejection_explanation text,
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users(id),
        withdrawal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (court_id, docket_year, docket_sequence),
        -- Per court: the court's code is derived from its division, which two courts may share.
        UNIQUE (court_id, docket_number),
        CHECK ((docket_number IS NULL) = (docketed_at IS NULL)),
        CHECK (status NOT IN ('lodged', 'docketed', 'confirmed', 'rejected') OR lodged_at IS NOT NULL)
      )`);
    // One open application per case: a second joint application waits for the first to end.
    await q.query(`CREATE UNIQUE INDEX confirmation_applications_open_idx ON confirmation_applications (case_id) WHERE status IN ('collecting_consents', 'lodged', 'docketed')`);
    await q.query(`CREATE INDEX confirmation_applications_court_idx ON confirmation_applications (court_id, status)`);

    await q.query(`
      CREATE TABLE confirmation_consents (
        application_id uuid NOT NULL REFERENCES confirmation_applications(id) ON DELETE CASCADE,
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        consented_by uuid NOT NULL REFERENCES users(id),
        consented_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        PRIMARY KEY (application_id, party_id)
      )`);

    await q.query(`
      CREATE TABLE supplement_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES confirmation_applications(id) ON DELETE CASCADE,
        items text NOT NULL,
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        supplemented_at timestamptz,
        supplemented_by uuid REFERENCES users(id),
        note text,
        expired_at timestamptz
      )`);
    await q.query(`CREATE INDEX supplement_requests_application_idx ON supplement_requests (application_id)`);

    await q.query(`
      CREATE TABLE confirmation_materials (
        application_id uuid NOT NULL REFERENCES confirmation_applications(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES documents(id),
        role text NOT NULL CHECK (role IN ('signed_agreement', 'mediation_proof', 'identity', 'party_upload', 'supplement')),
        added_by uuid REFERENCES users(id),
        added_at timestamptz NOT NULL,
        supplement_request_id uuid REFERENCES supplement_requests(id),
        PRIMARY KEY (application_id, document_id)
      )`);

    // The per-court, per-year sequence of 调确 numbers: taken with one atomic upsert, so two
    // clerks docketing at once never get the same number.
    await q.query(`
      CREATE TABLE confirmation_docket_sequences (
        court_id uuid NOT NULL REFERENCES organisations(id),
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (court_id, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['confirmation_docket_sequences', 'confirmation_materials', 'supplement_requests', 'confirmation_consents', 'confirmation_applications']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
