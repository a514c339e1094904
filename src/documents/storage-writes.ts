import type { EntityManager } from 'typeorm';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';

const NOTE_STORAGE_WRITE: PreparedStatement = {
  name: 'documents.note-storage-write',
  // Committed without waiting for the disk (synchronous_commit off, for this statement's own
  // transaction only): an upload then waits for two flushes, the file's and the document's, not
  // three. The note is durable once anything committed after it is, the document above all; only
  // if PostgreSQL itself crashed before that could it be lost, and the file with it become a
  // stray object no document refers to: storage to reclaim by hand, never a record's loss.
  text: `INSERT INTO storage_writes (key, written_at)
         SELECT $1, $2 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_waiting_for_the_disk
         ON CONFLICT (key) DO UPDATE SET written_at = EXCLUDED.written_at`,
};

/**
 * Notes, in its own commit and before a byte is written, that an object is about to be stored for
 * a document. The note outlives a rollback of the transaction that records the document, so the
 * orphaned-object sweep can find what such a rollback (or a process dying between the write and
 * the commit) left behind. Every key is written once (it carries the document's own id), so the
 * sweep never races a writer of the same key.
 */
export async function noteStorageWrite(manager: EntityManager, key: string, at: Date): Promise<void> {
  await runPrepared(manager, NOTE_STORAGE_WRITE, [key, at]);
}
