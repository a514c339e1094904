import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';

/**
 * Deletes stored objects whose document was never recorded: the transaction that would have
 * recorded it rolled back, or the process died between the write and the commit. Looks only at
 * writes noted in `storage_writes` longer ago than STORAGE_ORPHAN_GRACE_MS (so never at one whose
 * transaction may still commit); a referenced object stays, and the note goes either way.
 */
@Injectable()
export class OrphanedObjectSweep extends PeriodicSweep {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  readonly sweepName = 'orphaned-objects';

  intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.get('STORAGE_ORPHAN_GRACE_MS'));
    const notes = (await this.db.query(
      `SELECT w.key, EXISTS (SELECT 1 FROM documents d WHERE d.storage_key = w.key) AS referenced
         FROM storage_writes w WHERE w.written_at < $1 ORDER BY w.written_at LIMIT 500`,
      [before],
    )) as { key: string; referenced: boolean }[];
    let deleted = 0;
    for (const { key, referenced } of notes) {
      if (!referenced) {
        await this.storage.delete(key);
        deleted++;
        this.logger.warn({ key }, 'deleted a stored object no document refers to');
      }
      await this.db.query(`DELETE FROM storage_writes WHERE key = $1`, [key]);
    }
    return deleted;
  }
}
