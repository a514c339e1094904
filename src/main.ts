import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import { AppModule } from './app.module';
import { ConfigurationError, validateEnvironment, type Environment } from './config/environment';
import { DemoData } from './demo/demo-data.service';
import { configureHttpApp } from './http-app';
import { LocalServices, localJwtSecret } from './infrastructure/runtime/local-services';
import { StartupError } from './infrastructure/runtime/startup-error';

type Mode = 'api' | 'worker' | 'all';
const MODES: Mode[] = ['api', 'worker', 'all'];
const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * `node dist/main.js [api|worker|all]`.
 * - api: stateless HTTP API; scale horizontally.
 * - worker: BullMQ workers (and the outbox relay, deadline sweeps…); scale horizontally.
 * - all (default, `npm start`): both in one process, with embedded PostgreSQL and a local
 *   redis-server when DATABASE_URL / REDIS_URL are not set.
 */
async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!MODES.includes(mode)) fail(`Unknown mode "${process.argv[2]}": use one of ${MODES.join(', ')}`);

  let env: Environment;
  try {
    env = validateEnvironment(process.env);
    if (mode !== 'all') requireExternalServices(env, mode);
  } catch (error) {
    if (error instanceof ConfigurationError) fail(error.message);
    throw error;
  }

  const log = pino({ level: env.LOG_LEVEL, base: { mode } });
  const local = new LocalServices(log);
  let app: INestApplicationContext | undefined;
  onShutdownSignal(log, async () => {
    await app?.close();
    await local.stop();
  });

  try {
    if (mode === 'all') {
      process.env.JWT_SECRET ??= localJwtSecret(env.DATA_DIR);
      const urls = await local.start(env);
      // The Nest configuration reads the environment: hand it the embedded servers' URLs.
      process.env.DATABASE_URL = urls.databaseUrl;
      process.env.REDIS_URL = urls.redisUrl;
    }
    if (mode === 'worker') {
      app = await NestFactory.createApplicationContext(AppModule.forRoot({ runWorkers: true }), { bufferLogs: true });
      log.info('worker running');
    } else {
      const http = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ runWorkers: mode === 'all' }), {
        bufferLogs: true,
        bodyParser: false,
        forceCloseConnections: true,
      });
      app = http;
      configureHttpApp(http);
      // Lifecycle hooks (the transition effects registry, workers, the outbox relay) run at init: seed after it,
      // so the demo's transitions have their side effects (notifications, deadlines, offers).
      await http.init();
      if (mode === 'all' && env.DEMO_DATA && env.NODE_ENV !== 'production') {
        const logins = await http.get(DemoData).seedIfEmpty();
        // Plain text on purpose: this is for the person at the terminal, not for the log pipeline.
        if (logins) process.stdout.write(`${logins}\n`);
      }
      await http.listen(env.PORT, env.HOST);
      log.info(`Accord is serving http://localhost:${env.PORT}/api (API docs: http://localhost:${env.PORT}/api/docs)`);
    }
  } catch (error) {
    // Whatever happens while cleaning up below, this process has failed.
    process.exitCode = 1;
    // A server of the embedded mode that could not start: its one line says why and what to do.
    if (error instanceof StartupError) process.stderr.write(`${error.message}\n`);
    else log.error({ err: error }, `start-up failed: ${(error as Error).message}`);
    await app?.close().catch(() => undefined);
    await local.stop();
    process.exit(1);
  }
}

function requireExternalServices(env: Environment, mode: Mode): void {
  const required = mode === 'api' ? (['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET'] as const) : (['DATABASE_URL', 'REDIS_URL'] as const);
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigurationError(
      missing.map((variable) => ({
        variable,
        message: `is required in ${mode} mode (only \`all\` provides it for you)`,
      })),
    );
  }
}

/**
 * Our own signal handling rather than enableShutdownHooks(): the order matters. The app
 * closes first (HTTP drained, workers finish their jobs, pool closed), then the embedded
 * servers it was using. A second signal forces the exit.
 */
function onShutdownSignal(log: pino.Logger, shutdown: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (closing) {
      log.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    closing = true;
    log.info(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
}

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

void main();
