import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureHttpApp } from '../src/http-app';
import { WEB_APP_ROOT } from '../src/web-app/web-app.module';
import { assertTestDatabase } from './setup/test-services';

/**
 * The web app is served from the API's own origin: its routes (and every link the platform
 * sends, e.g. /cases/{id}) answer the app's page, while the API and missing assets keep their 404.
 * Needs the built web app (`npm run build`, which `npm test` runs first).
 */
describe('the web app, served by the API', () => {
  let app: NestExpressApplication;
  let t: { http: ReturnType<typeof request> };

  beforeAll(async () => {
    if (!existsSync(join(WEB_APP_ROOT, 'index.html'))) throw new Error(`no web app at ${WEB_APP_ROOT}: run npm run build first`);
    assertTestDatabase(process.env.DATABASE_URL ?? '');
    // Built as main.ts builds it: ServeStaticModule picks its loader from the HTTP adapter while
    // the module is compiled, which a Test.createTestingModule() app does not have yet.
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ runWorkers: false }), { bodyParser: false, bufferLogs: true });
    configureHttpApp(app);
    await app.init();
    t = { http: request(app.getHttpServer()) };
  });
  afterAll(() => app?.close());

  it.each(['/', '/sign-in', '/cases/0b6f3c1e-7d6a-4c51-9f55-2a3c8f1e9d00', '/reset-password?token=abc.def', '/profile'])(
    'answers the app at %s (a deep link opens the app)',
    async (path) => {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      // A new release must be picked up at once: the page is never cached without asking.
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('keeps the 404 of an unknown API path, as problem+json', async () => {
    for (const path of ['/api/v1/no-such-thing', '/api/no-such-thing', '/api']) {
      const res = await t.http.get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('keeps the 404 of a missing asset instead of answering the page', async () => {
    const res = await t.http.get('/assets/no-such-chunk-123.js').expect(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('serves the built assets, cached for good (their names change with their content)', async () => {
    const index = readFileSync(join(WEB_APP_ROOT, 'index.html'), 'utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const res = await t.http.get(script!).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
