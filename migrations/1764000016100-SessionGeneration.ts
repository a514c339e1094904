import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-out everywhere: access tokens carry the account's session generation, and raising it
 * makes every access token issued before stop working at once, not when it expires.
 */
export class SessionGeneration1764000016100 implements MigrationInterface {
  name = 'SessionGeneration1764000016100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN session_generation integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN session_generation`);
  }
}
