import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** The embedded PostgreSQL that `npm start` runs when DATABASE_URL is not set. */
export const embeddedDatabaseUrl = (port: number): string => `postgresql://postgres:postgres@127.0.0.1:${port}/accord`;

// Compiled, this file sits in dist/infrastructure/database and the migrations in dist/migrations;
// under the test runner it is src/…/*.ts and the migrations are the sources in migrations/.
const compiled = __filename.endsWith('.js');
const srcOrDist = join(__dirname, '..', '..');
const migrationsGlob = compiled ? join(srcOrDist, 'migrations', '*.js') : join(srcOrDist, '..', 'migrations', '*.ts');

/**
 * One definition of the connection, shared by the app and the TypeORM CLI.
 * The schema only ever changes through migrations: `synchronize` is off everywhere.
 */
export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(srcOrDist, '**', '*.entity.{ts,js}')],
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'accord' },
  };
}
