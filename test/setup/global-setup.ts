import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { runMigrationsUnderLock } from '../../src/infrastructure/database/run-migrations';
import { LocalPostgres } from '../../src/infrastructure/runtime/local-postgres';
import { LocalRedis } from '../../src/infrastructure/runtime/local-redis';
import globalTeardown from './global-teardown';
import { assertTestDatabase, freePort, makeTempDir, RUN_DIR_VARIABLE, TEMPLATE_DATABASE_URL_VARIABLE, TEST_DATABASE } from './test-services';

/**
 * Real PostgreSQL and a real redis-server on free ports in a temp folder, with the real
 * migrations applied. Test files boot the app against them through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const dir = makeTempDir('accord-test-');
  process.env[RUN_DIR_VARIABLE] = dir;
  const postgres = new LocalPostgres(`${dir}/postgres`, await freePort());
  const redis = new LocalRedis(`${dir}/redis`, await freePort());
  globalThis.__ACCORD_TEST_SERVICES__ = { dir, postgres, redis };
  try {
    await Promise.all([postgres.start(), redis.start()]);
    await postgres.ensureDatabase(TEST_DATABASE);

    const databaseUrl = postgres.url(TEST_DATABASE);
    assertTestDatabase(databaseUrl);
    const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl, 2)).initialize();
    try {
      await runMigrationsUnderLock(dataSource);
    } finally {
      await dataSource.destroy();
    }

    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      [TEMPLATE_DATABASE_URL_VARIABLE]: databaseUrl,
      REDIS_URL: redis.url,
      DATA_DIR: `${dir}/data`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MIGRATIONS_RUN: 'false',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      // Every test signs in from 127.0.0.1; the per-IP limit has its own test.
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    });
  } catch (error) {
    // Jest skips global teardown when global setup fails: clean up here.
    await globalTeardown();
    throw error;
  }
}
