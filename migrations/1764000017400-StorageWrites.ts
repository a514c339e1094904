import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objects written to storage whose database record may not have committed. A document's bytes
 * are stored before (or while) the transaction that records them runs; a rollback, or a process
 * that dies in between, would otherwise leave an object no row refers to. Each write is noted
 * here first, in its own commit; the orphaned-object sweep later deletes the object when no
 * document refers to it, and the note either way.
 */
export class StorageWrites1764000017400 implements MigrationInterface {
  name = 'StorageWrites1764000017400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE storage_writes (key text PRIMARY KEY, written_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX storage_writes_written_at ON storage_writes (written_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS documents_storage_key ON documents (storage_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS documents_storage_key`);
    await q.query(`DROP TABLE storage_writes`);
  }
}
