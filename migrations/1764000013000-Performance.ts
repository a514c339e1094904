import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Performance of settlements: tracked obligations, reports, reminders, defaults (docs/procedural-rules.md E24-E25). */
export class Performance1764000013000 implements MigrationInterface {
  name = 'Performance1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE performance_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        agreement_version_id uuid NOT NULL REFERENCES agreement_versions(id),
        item_key text NOT NULL,
        obligation_id text NOT NULL,
        instalment int CHECK (instalment > 0),
        kind text NOT NULL CHECK (kind IN ('money', 'act')),
        obligor_side text NOT NULL CHECK (obligor_side IN ('applicant', 'respondent')),
        beneficiary_side text NOT NULL CHECK (beneficiary_side IN ('applicant', 'respondent')),
        obligor_party_ids text[],
        beneficiary_party_ids text[],
        amount text,
        currency text,
        act text,
        description text,
        last_day text NOT NULL CHECK (last_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        due_at timestamptz NOT NULL,
        overdue_flagged_at timestamptz,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agreement_version_id, item_key),
        CHECK (obligor_side <> beneficiary_side)
      )`);
    await q.query(`CREATE INDEX performance_items_case_idx ON performance_items (case_id)`);
    // What the sweep looks for: items due and not yet flagged.
    await q.query(`CREATE INDEX performance_items_unflagged_idx ON performance_items (due_at) WHERE overdue_flagged_at IS NULL AND superseded_at IS NULL`);

    await q.query(`
      CREATE TABLE performance_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES performance_items(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('reported', 'confirmed', 'disputed')),
        at timestamptz NOT NULL,
        by uuid NOT NULL REFERENCES users(id),
        side text NOT NULL CHECK (side IN ('applicant', 'respondent')),
        document_ids uuid[] NOT NULL DEFAULT '{}',
        note text,
        reason text
      )`);
    await q.query(`CREATE INDEX performance_events_item_idx ON performance_events (item_id, at)`);
    // A confirmation is final: at most one per item, whatever races.
    await q.query(`CREATE UNIQUE INDEX performance_events_one_confirmation_idx ON performance_events (item_id) WHERE type = 'confirmed'`);

    await q.query(`
      CREATE TABLE performance_reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES performance_items(id) ON DELETE CASCADE,
        remind_at timestamptz NOT NULL,
        sent_at timestamptz,
        skipped text,
        UNIQUE (item_id, remind_at)
      )`);
    await q.query(`CREATE INDEX performance_reminders_pending_idx ON performance_reminders (remind_at) WHERE sent_at IS NULL AND skipped IS NULL`);

    await q.query(`
      CREATE TABLE performance_defaults (
        case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        declared_by uuid NOT NULL REFERENCES users(id),
        declared_role text NOT NULL,
        declared_at timestamptz NOT NULL,
        reason text NOT NULL,
        overdue_item_ids uuid[] NOT NULL,
        confirmed boolean NOT NULL,
        enforcement_court_id uuid REFERENCES organisations(id),
        enforcement_counted_from text,
        enforcement_last_day text,
        enforcement_ends_at timestamptz,
        CHECK (confirmed OR enforcement_last_day IS NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['performance_defaults', 'performance_reminders', 'performance_events', 'performance_items']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
