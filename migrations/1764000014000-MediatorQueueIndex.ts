import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mediator's open cases (GET /assignment/queue). cases_mediator_idx finds all of a mediator's
 * cases and leaves the closed ones to be read and thrown away, one heap page each: a cost that
 * grows with every case the mediator ever had (`npm run bench queues`). This one holds open cases
 * only, a small share of all, so the queue reads what it shows.
 */
export class MediatorQueueIndex1764000014000 implements MigrationInterface {
  name = 'MediatorQueueIndex1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_mediator_open_idx ON cases (mediator_id) WHERE mediator_id IS NOT NULL AND status NOT IN ('closed', 'archived')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_mediator_open_idx`);
  }
}
