import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** A test must never run against a database that is not obviously a test database. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test"`);
  }
}
