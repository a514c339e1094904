import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Negotiation and the end of mediation (issue 8; docs/procedural-rules.md B7-B10): offers and their answers,
 * double-blind bidding, pauses and extensions of the mediation period with each party's
 * consent, and the failure report. Offers and bids are mediation content: only the mediation
 * module reads these tables, and only through the case-access policy.
 */
export class Negotiation1764000010000 implements MigrationInterface {
  name = 'Negotiation1764000010000';

  async up(q: QueryRunner): Promise<void> {
    // One negotiation per case: its offers, numbered in the order made.
    await q.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        sequence int NOT NULL CHECK (sequence > 0),
        maker_side text NOT NULL CHECK (maker_side IN ('applicant', 'respondent')),
        made_by uuid NOT NULL REFERENCES users(id),
        made_by_capacity text NOT NULL CHECK (made_by_capacity IN ('party', 'agent', 'mediator')),
        terms jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'countered', 'expired', 'withdrawn')),
        made_at timestamptz NOT NULL,
        expires_at timestamptz,
        counters_offer_id uuid REFERENCES offers(id),
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id),
        closed_by_side text CHECK (closed_by_side IN ('applicant', 'respondent')),
        closed_by_capacity text CHECK (closed_by_capacity IN ('party', 'agent', 'mediator')),
        note text,
        UNIQUE (case_id, sequence),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK (expires_at IS NULL OR expires_at > made_at)
      )`);
    // The pure rules keep one open offer and one accepted offer per negotiation; so does the schema.
    await q.query(`CREATE UNIQUE INDEX offers_one_open_idx ON offers (case_id) WHERE status = 'open'`);
    await q.query(`CREATE UNIQUE INDEX offers_one_accepted_idx ON offers (case_id) WHERE status = 'accepted'`);

    // Double-blind bidding: one per case, since fresh rounds would let a side bisect to the other's figure.
    await q.query(`
      CREATE TABLE blind_biddings (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        claimant_side text NOT NULL CHECK (claimant_side IN ('applicant', 'respondent')),
        max_rounds int NOT NULL CHECK (max_rounds BETWEEN 1 AND 10),
        gap jsonb NOT NULL,
        rounding text NOT NULL,
        started_by uuid NOT NULL REFERENCES users(id),
        started_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE blind_bid_rounds (
        bidding_id uuid NOT NULL REFERENCES blind_biddings(id) ON DELETE CASCADE,
        number int NOT NULL CHECK (number > 0),
        claimant_amount text,
        claimant_by uuid REFERENCES users(id),
        claimant_at timestamptz,
        respondent_amount text,
        respondent_by uuid REFERENCES users(id),
        respondent_at timestamptz,
        resolved_at timestamptz,
        settled boolean,
        settlement_amount text,
        PRIMARY KEY (bidding_id, number),
        CHECK ((claimant_amount IS NULL) = (claimant_at IS NULL) AND (respondent_amount IS NULL) = (respondent_at IS NULL)),
        CHECK ((resolved_at IS NULL) = (settled IS NULL)),
        CHECK ((settlement_amount IS NOT NULL) = (settled IS TRUE))
      )`);

    // The mediation period (docs/procedural-rules.md B7): pauses for appraisal or valuation, and extensions.
    await q.query(`
      CREATE TABLE mediation_period_pauses (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        ground text NOT NULL CHECK (ground IN ('appraisal', 'valuation')),
        reason text NOT NULL,
        paused_by uuid NOT NULL REFERENCES users(id),
        paused_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by uuid REFERENCES users(id),
        -- resumed: the mediator restarted the clock; closed: the case left mediation while paused.
        ended_how text CHECK (ended_how IN ('resumed', 'closed')),
        CHECK ((ended_at IS NULL) = (ended_how IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX mediation_period_pauses_open_idx ON mediation_period_pauses (case_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE period_extensions (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        days int NOT NULL CHECK (days > 0),
        reason text NOT NULL,
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL,
        -- lapsed: the case left mediation before every party answered.
        status text NOT NULL CHECK (status IN ('pending', 'granted', 'declined', 'lapsed')),
        decided_at timestamptz,
        new_due_at timestamptz,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status = 'granted') = (new_due_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX period_extensions_pending_idx ON period_extensions (case_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX period_extensions_case_idx ON period_extensions (case_id, proposed_at)`);
    await q.query(`
      CREATE TABLE period_extension_answers (
        extension_id uuid NOT NULL REFERENCES period_extensions(id) ON DELETE CASCADE,
        party_id uuid NOT NULL REFERENCES case_parties(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        consent boolean NOT NULL,
        reason text,
        answered_at timestamptz NOT NULL,
        PRIMARY KEY (extension_id, party_id)
      )`);

    // The failure report (docs/procedural-rules.md B8-B9): at most one per case, since a case closes once.
    await q.query(`
      CREATE TABLE failure_reports (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
        event text NOT NULL,
        reasons text[] NOT NULL CHECK (cardinality(reasons) > 0),
        parties_concerned jsonb NOT NULL DEFAULT '[]',
        explanation text NOT NULL,
        cost_raising_conduct jsonb NOT NULL DEFAULT '[]',
        prepared_by uuid REFERENCES users(id),
        prepared_at timestamptz NOT NULL,
        hand_off text NOT NULL CHECK (hand_off IN ('court_registration', 'back_to_trial', 'none')),
        document_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE failure_reports`);
    await q.query(`DROP TABLE period_extension_answers`);
    await q.query(`DROP TABLE period_extensions`);
    await q.query(`DROP TABLE mediation_period_pauses`);
    await q.query(`DROP TABLE blind_bid_rounds`);
    await q.query(`DROP TABLE blind_biddings`);
    await q.query(`DROP TABLE offers`);
  }
}
