import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/http-app';
import { assertTestDatabase } from '../setup/test-services';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The real application, configured exactly as `main.ts` configures it, against the test
 * PostgreSQL and Redis started by the global setup. Requests go through HTTP (supertest).
 */
export async function createTestApp(options: { runWorkers?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  // The configuration is read from the environment while the module is built: set the
  // overrides for that moment only, so other apps of the same test file keep theirs.
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, options.env ?? {});
  let moduleRef;
  try {
    assertTestDatabase(process.env.DATABASE_URL ?? '');
    moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ runWorkers: options.runWorkers ?? true })],
    }).compile();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    close: () => app.close(),
  };
}

/** Poll until `check` returns a value, or fail after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Environment for e2e tests that watch the workers act: a queue prefix of their own, fast outbox
 * polling, and deadline sweeps every 250 ms that fire a deadline a second after it fell due.
 */
export function workerTestEnv(queuePrefix: string): Record<string, string> {
  return {
    QUEUE_PREFIX: `${queuePrefix}${randomUUID().slice(0, 6)}`,
    OUTBOX_POLL_INTERVAL_MS: '100',
    DEADLINE_SWEEP_INTERVAL_MS: '250',
    DEADLINE_SWEEP_GRACE_MS: '1000',
  };
}
