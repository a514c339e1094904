import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { killOnExit } from './exit-hook';
import { assertPortFree, makeDataFolder, redisFailureMessage, StartupError, type ServerFacts } from './startup-error';

export class RedisNotInstalledError extends StartupError {
  constructor() {
    super(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
        'macOS: `brew install redis`) or point REDIS_URL at a running Redis.',
    );
    this.name = 'RedisNotInstalledError';
  }
}

/**
 * A redis-server child process for the embedded mode and the tests, configured as BullMQ
 * needs it: AOF on (queued jobs survive a restart) and `noeviction` (Redis must refuse
 * writes rather than silently drop jobs when memory runs out).
 */
export class LocalRedis {
  private process?: ChildProcess;
  private forgetExitHook?: () => void;

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static isInstalled(): boolean {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  }

  private get facts(): ServerFacts {
    return { server: 'The local redis-server', port: this.port, portVariable: 'EMBEDDED_REDIS_PORT', dir: resolve(this.dir), urlVariable: 'REDIS_URL' };
  }

  /** Starts redis-server and waits until it answers; a StartupError says why it could not. */
  async start(): Promise<void> {
    if (!LocalRedis.isInstalled()) throw new RedisNotInstalledError();
    makeDataFolder(this.dir);
    await assertPortFree(this.facts);
    const logFile = join(this.dir, 'redis.log');
    const logFrom = existsSync(logFile) ? statSync(logFile).size : 0; // earlier runs' lines say nothing about this one
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
    ];
    // A process group of its own: a terminal's Ctrl-C must not stop it before the app has
    // drained its jobs; stop() does, after the app (see LocalPostgres).
    const child = spawn('redis-server', args, { stdio: 'ignore', detached: true });
    this.process = child;
    this.forgetExitHook = killOnExit(() => this.process, 'SIGTERM');
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        child.off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      const exited = (code: number | null): void => settle(new StartupError(redisFailureMessage(readFrom(logFile, logFrom), this.facts, code)));
      child.once('exit', exited);
      child.once('error', (error) =>
        settle(new StartupError(`The local redis-server could not be run: ${error.message}. Set REDIS_URL to a Redis of your own.`, { cause: error })),
      );
      const deadline = Date.now() + 10_000;
      const poll = (): void => {
        if (settled) return;
        const ping = spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' });
        if (ping.stdout?.trim() === 'PONG') settle();
        else if (Date.now() > deadline) settle(new StartupError(`The local redis-server did not answer on port ${this.port} within 10 s; see ${logFile}.`));
        else setTimeout(poll, 50);
      };
      poll();
    });
  }

  /** SIGTERM makes redis-server flush the AOF and exit; wait until it has. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    this.forgetExitHook?.();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8').slice(-8_000);
  } catch {
    return '';
  }
}
