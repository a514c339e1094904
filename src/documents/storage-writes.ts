import type { DataSource } from 'typeorm';

/**
 * Notes, in its own commit and before a byte is written, that an object is about to be stored for
 * a document. The note outlives a rollback of the transaction that records the document, so the
 * orphaned-object sweep can find what such a rollback (or a process dying between the write and
 * the commit) left behind. Every key is written once (it carries the document's own id), so the
 * sweep never races a writer of the same key.
 */
export async function noteStorageWrite(db: DataSource, key: string, at: Date): Promise<void> {
  await db.query(`INSERT INTO storage_writes (key, written_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET written_at = EXCLUDED.written_at`, [key, at]);
}
