import type { DataSource } from 'typeorm';

/**
 * Whether some transaction holds the case row's lock right now, asked from a connection of its own
 * without waiting: the tests that prove no document is rendered or stored under the lock ask it
 * while the bytes travel.
 */
export async function caseRowLocked(db: DataSource, caseId: string): Promise<boolean> {
  try {
    await db.transaction((tx) => tx.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE NOWAIT`, [caseId]));
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return true; // lock_not_available
    throw error;
  }
}
