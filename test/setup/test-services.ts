import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Set by global setup: the one folder of this test run, which its teardown removes. */
export const RUN_DIR_VARIABLE = 'ACCORD_TEST_RUN_DIR';

/**
 * A temp folder inside this run's folder, so that a run leaves nothing behind in the OS temp
 * dir (global teardown removes the run's folder); the OS temp dir itself outside a run. Mode
 * 755: the postgres user must be able to reach a data folder in it.
 */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(process.env[RUN_DIR_VARIABLE] ?? tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export const TEST_DATABASE = 'accord_test';

/** Set by global setup: the migrated database each test file's own database is cloned from. */
export const TEMPLATE_DATABASE_URL_VARIABLE = 'ACCORD_TEST_TEMPLATE_URL';

/** A test must never run against a database that is not obviously a test database. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
  }
}

/** Run `fn` on a connection to the test server's `postgres` database (to create and drop databases). */
async function onServer<T>(fn: (admin: Client) => Promise<T>): Promise<T> {
  const template = new URL(process.env[TEMPLATE_DATABASE_URL_VARIABLE]!);
  const admin = new Client({ connectionString: Object.assign(template, { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A new database `name` on the test server, cloned from the one global setup migrated: the
 * real schema in a fraction of a second, without migrating again. Returns its URL.
 */
export async function cloneTestDatabase(name: string): Promise<string> {
  const template = new URL(process.env[TEMPLATE_DATABASE_URL_VARIABLE]!);
  const url = Object.assign(new URL(template), { pathname: `/${name}` }).toString();
  assertTestDatabase(url);
  await onServer((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.pathname.slice(1)}"`));
  return url;
}

/** Drop every test database whose name starts with `prefix`, even with connections left open. */
export async function dropTestDatabases(prefix: string): Promise<void> {
  await onServer(async (admin) => {
    const found = (await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix])).rows as { datname: string }[];
    for (const { datname } of found) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
