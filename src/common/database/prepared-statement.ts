import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * A statement of the hot path (authentication, the access check): fixed SQL text under a name,
 * so PostgreSQL parses and plans it once per connection, and no query builder runs per request.
 * The name must be unique across the platform and never reused for other text.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Runs a prepared statement through the manager's connection: the transaction's own when the
 * manager belongs to one (so it sees what the transaction wrote and holds its locks), otherwise
 * any pooled connection. TypeORM's `query()` cannot name a statement, so this goes to `pg`.
 */
export async function runPrepared<T extends QueryResultRow>(manager: EntityManager, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  const target: Pool | PoolClient = runner ? ((await runner.connect()) as PoolClient) : (manager.connection.driver as unknown as { master: Pool }).master;
  // Told to TypeORM's logger as TypeORM tells it its own queries: with logging on, these show too.
  manager.connection.logger.logQuery(statement.text, values, runner);
  const result = await target.query<T>({ name: statement.name, text: statement.text, values });
  return result.rows;
}
