import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, embeddedDatabaseUrl } from './data-source-options';

/**
 * Entry point for the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it talks to
 * the embedded PostgreSQL of a running `npm start`.
 */
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL || embeddedDatabaseUrl(Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329))));
