import type { MigrationInterface, QueryRunner } from 'typeorm';

/** pg_trgm backs the case search (titles, party names, IP numbers) with trigram indexes. */
export class EnableExtensions1764000000000 implements MigrationInterface {
  name = 'EnableExtensions1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
  }
}
