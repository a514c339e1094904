import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
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
export async function createTestApp(options: { runWorkers?: boolean } = {}): Promise<TestApp> {
  assertTestDatabase(process.env.DATABASE_URL ?? '');
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ runWorkers: options.runWorkers ?? true })],
  }).compile();
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
