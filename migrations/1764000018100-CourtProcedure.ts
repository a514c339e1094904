import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The court's procedure after lodging (docs/procedural-rules.md D20, D21, D23): an application is marked
 * overdue when the court's own deadline to docket or to decide passes; the court summons the parties to
 * attend; parties and interested third parties object to the ruling.
 */
export class CourtProcedure1764000018100 implements MigrationInterface {
  name = 'CourtProcedure1764000018100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE confirmation_applications ADD COLUMN docket_overdue_at timestamptz, ADD COLUMN decision_overdue_at timestamptz`);
    // Applications already with a court get their court deadline too: no reminder job is scheduled for
    // them, but the deadline sweep fires one that is due and marks the application overdue.
    await q.query(`
      INSERT INTO deadlines (case_id, kind, event, due_at)
      SELECT a.case_id, 'court_docket', 'court_docket_overdue', a.docket_due_at FROM confirmation_applications a JOIN cases c ON c.id = a.case_id
      WHERE a.status = 'lodged' AND a.docket_due_at IS NOT NULL AND c.status = 'confirmation_requested'
      UNION ALL
      SELECT a.case_id, 'court_decision', 'court_decision_overdue', a.decision_due_at FROM confirmation_applications a JOIN cases c ON c.id = a.case_id
      WHERE a.status = 'docketed' AND a.decision_due_at IS NOT NULL AND c.status = 'under_court_review'`);

    await q.query(`
      CREATE TABLE court_summonses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES confirmation_applications(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        attend_at timestamptz NOT NULL,
        place text,
        video_link text,
        note text,
        document_id uuid NOT NULL REFERENCES documents(id),
        issued_by uuid NOT NULL REFERENCES users(id),
        issued_at timestamptz NOT NULL,
        CHECK (place IS NOT NULL OR video_link IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX court_summonses_application_idx ON court_summonses (application_id)`);

    await q.query(`
      CREATE TABLE ruling_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES confirmation_applications(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('party', 'third_party')),
        filed_by uuid NOT NULL REFERENCES users(id),
        party_id uuid REFERENCES case_parties(id),
        objector_name text NOT NULL,
        interest text,
        knew_on text,
        text text NOT NULL,
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        document_id uuid NOT NULL REFERENCES documents(id),
        window_last_day text NOT NULL,
        filed_at timestamptz NOT NULL,
        review_decision text CHECK (review_decision IN ('admitted', 'dismissed')),
        review_note text,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        CHECK ((kind = 'party') = (party_id IS NOT NULL)),
        CHECK (kind = 'party' OR (interest IS NOT NULL AND knew_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ruling_objections_application_idx ON ruling_objections (application_id)`);
    await q.query(`CREATE INDEX ruling_objections_filed_by_idx ON ruling_objections (filed_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ruling_objections`);
    await q.query(`DROP TABLE IF EXISTS court_summonses`);
    await q.query(`DELETE FROM deadlines WHERE kind IN ('court_docket', 'court_decision')`);
    await q.query(`ALTER TABLE confirmation_applications DROP COLUMN IF EXISTS docket_overdue_at, DROP COLUMN IF EXISTS decision_overdue_at`);
  }
}
