import { createHash } from 'node:crypto';
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

/** Distinct texts named per kind of statement; beyond this a text goes unnamed (see {@link preparedFor}). */
const MOST_TEXTS_PER_KIND = 64;
const namedTexts = new Map<string, Map<string, PreparedStatement>>();

/**
 * A statement whose text is made at run time (its columns and parts follow the rows it writes),
 * prepared under a name derived from the text: PostgreSQL parses, analyses and plans it once per
 * connection rather than at every call. Planning a creation's multi-table WITH was half the
 * PostgreSQL CPU of running it (bench/ filing). Each distinct text is a statement kept on every
 * pooled connection, so a kind whose texts keep varying (more than MOST_TEXTS_PER_KIND of them)
 * has its further texts run unnamed, as TypeORM runs its own.
 */
export function preparedFor(kind: string, text: string): PreparedStatement {
  let texts = namedTexts.get(kind);
  if (!texts) namedTexts.set(kind, (texts = new Map()));
  let statement = texts.get(text);
  if (!statement) {
    // An empty name is pg's unnamed statement.
    statement = { name: texts.size < MOST_TEXTS_PER_KIND ? `${kind}#${createHash('sha256').update(text).digest('hex').slice(0, 16)}` : '', text };
    if (statement.name) texts.set(text, statement);
  }
  return statement;
}
