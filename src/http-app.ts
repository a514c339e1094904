import { VersioningType, type INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { REFRESH_COOKIE_PATH } from './auth/browser-session';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { refuseFaultyInput } from './common/input/input-limits.middleware';
import { MediaTypeGuard } from './common/input/media-type.guard';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config.module';
import { createOpenApiDocument } from './openapi/openapi-document';

/**
 * Everything the HTTP app needs besides its modules, in one place so that `main.ts` and the
 * e2e tests serve exactly the same API.
 */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(ConfigService) as AppConfig;
  app.useLogger(app.get(Logger));
  configureRouting(app);
  // Helmet's defaults, except that the web app shows PDFs it fetched with the bearer token (a
  // blob: URL) in a frame: the agreement being signed is read in the page (web/src/agreement).
  app.use(helmet({ contentSecurityPolicy: { directives: { 'frame-src': ["'self'", 'blob:'], 'object-src': ["'self'", 'blob:'] } } }));
  app.use('/api', forbidBrowserCaching);
  const origins = config
    .get('CORS_ORIGINS')
    .split(',')
    .map((o: string) => o.trim())
    .filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true, exposedHeaders: ['X-Request-Id', 'ETag'] });
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT'), type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: config.get('BODY_LIMIT'), extended: true });
  // Only the auth endpoints read a cookie (the web app's refresh token, scoped to their path).
  app.use(REFRESH_COOKIE_PATH, cookieParser());
  app.use(refuseFaultyInput);
  app.useGlobalGuards(new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('trust proxy', 'loopback');
  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Every API answer is one person's view of a case (its roles, its actions, its documents), and
 * the case's ETag is its version, the same for every viewer: a browser cache would answer the
 * next person on the same computer with the previous one's view after a 304. Nothing of the API
 * is stored; the ETag still serves If-Match.
 */
function forbidBrowserCaching(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** `/api` and `/api/v1/…`: shared with the OpenAPI document built without services. */
export function configureRouting(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}
