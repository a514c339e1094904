import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every Accord process contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Apply pending migrations while holding a session-level advisory lock, so that two
 * instances starting together never run the same migration twice. The lock lives on a
 * connection of its own; the migrations themselves run one transaction each.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<string[]> {
  // An empty list means the build lost its migrations: starting on an empty schema would only
  // fail later and less clearly.
  if (dataSource.migrations.length === 0) {
    throw new Error(`no migrations found (${String(dataSource.options.migrations)}): rebuild with \`npm run build\``);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
