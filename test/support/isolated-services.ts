import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { runMigrationsUnderLock } from '../../src/infrastructure/database/run-migrations';
import { LocalPostgres } from '../../src/infrastructure/runtime/local-postgres';
import { LocalRedis } from '../../src/infrastructure/runtime/local-redis';
import { assertTestDatabase, cloneTestDatabase, dropTestDatabases, freePort, makeTempDir, TEST_DATABASE } from '../setup/test-services';

/**
 * A database of its own on the test PostgreSQL, with the real migrations: for tests that count
 * rows across the whole table (every outbox row relayed, every notification delivered once)
 * and must not see what other test files left behind.
 */
export async function isolatedDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${TEST_DATABASE}_${label}_${randomUUID().slice(0, 8)}`;
  return { url: await cloneTestDatabase(name), drop: () => dropTestDatabases(name) };
}

/** A redis-server of its own, which a test may stop and start without disturbing other tests. */
export async function dedicatedRedis(): Promise<LocalRedis> {
  const redis = new LocalRedis(`${makeTempDir('accord-redis-')}/redis`, await freePort());
  await redis.start();
  return redis;
}

export interface DedicatedPostgres {
  /** The migrated test database on this server. */
  url: string;
  /** Stop and start the server (the data stays), to test an outage. */
  server: LocalPostgres;
  /** Stop the server and delete its temp folder. */
  remove(): Promise<void>;
}

/**
 * A PostgreSQL server of its own, in a temp folder on a free port, with the real migrations:
 * for tests that stop the database without taking the shared one away from other test files.
 */
export async function dedicatedPostgres(): Promise<DedicatedPostgres> {
  const dir = makeTempDir('accord-postgres-');
  const server = new LocalPostgres(`${dir}/postgres`, await freePort());
  const remove = async (): Promise<void> => {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.start();
    await server.ensureDatabase(TEST_DATABASE);
    const url = server.url(TEST_DATABASE);
    assertTestDatabase(url);
    const dataSource = await new DataSource(buildDataSourceOptions(url, 2)).initialize();
    try {
      await runMigrationsUnderLock(dataSource);
    } finally {
      await dataSource.destroy();
    }
    return { url, server, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
