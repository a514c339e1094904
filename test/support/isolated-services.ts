import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { runMigrationsUnderLock } from '../../src/infrastructure/database/run-migrations';
import { LocalRedis } from '../../src/infrastructure/runtime/local-redis';
import { assertTestDatabase, freePort, makeTempDir } from '../setup/test-services';

/**
 * A database of its own on the test PostgreSQL, with the real migrations: for tests that count
 * rows across the whole table (every outbox row relayed, every notification delivered once)
 * and must not see what other test files left behind.
 */
export async function isolatedDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = new URL(process.env.DATABASE_URL!);
  const name = `accord_test_${label}_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: Object.assign(new URL(shared), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = Object.assign(new URL(shared), { pathname: `/${name}` }).toString();
  assertTestDatabase(url);
  const dataSource = await new DataSource(buildDataSourceOptions(url, 2)).initialize();
  try {
    await runMigrationsUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return {
    url,
    drop: async () => {
      const client = new Client({ connectionString: Object.assign(new URL(shared), { pathname: '/postgres' }).toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A redis-server of its own, which a test may stop and start without disturbing other tests. */
export async function dedicatedRedis(): Promise<LocalRedis> {
  const redis = new LocalRedis(`${makeTempDir('accord-redis-')}/redis`, await freePort());
  await redis.start();
  return redis;
}
