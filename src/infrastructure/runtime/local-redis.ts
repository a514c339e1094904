import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { killOnExit } from './exit-hook';

export class RedisNotInstalledError extends Error {
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

  async start(): Promise<void> {
    if (!LocalRedis.isInstalled()) throw new RedisNotInstalledError();
    mkdirSync(this.dir, { recursive: true });
    const args = [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--dir', this.dir,
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      '--daemonize', 'no',
      '--logfile', join(this.dir, 'redis.log'),
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.process = child;
    this.forgetExitHook = killOnExit(() => this.process, 'SIGTERM');
    await new Promise<void>((resolve, reject) => {
      const exited = (code: number | null): void =>
        reject(new Error(`redis-server exited with code ${code} on port ${this.port}; see ${join(this.dir, 'redis.log')}`));
      child.once('exit', exited);
      child.once('error', reject);
      const deadline = Date.now() + 10_000;
      const poll = (): void => {
        const ping = spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' });
        if (ping.stdout?.trim() === 'PONG') {
          child.off('exit', exited);
          resolve();
        } else if (Date.now() > deadline) {
          reject(new Error(`redis-server did not answer on port ${this.port} within 10 s`));
        } else {
          setTimeout(poll, 50);
        }
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
