import { VersioningType, type INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { refuseFaultyInput } from './common/input/input-limits.middleware';
import { MediaTypeGuard } from './common/input/media-type.guard';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/config.module';

/**
 * Everything the HTTP app needs besides its modules, in one place so that `main.ts` and the
 * e2e tests serve exactly the same API.
 */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(ConfigService) as AppConfig;
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.use(helmet());
  const origins = config
    .get('CORS_ORIGINS')
    .split(',')
    .map((o: string) => o.trim())
    .filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true, exposedHeaders: ['X-Request-Id', 'ETag'] });
  app.useBodyParser('json', { limit: config.get('BODY_LIMIT'), type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: config.get('BODY_LIMIT'), extended: true });
  app.use(refuseFaultyInput);
  app.useGlobalGuards(new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.set('trust proxy', 'loopback');
  setUpOpenApi(app);
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accord API')
      .setDescription(
        'Online mediation of intellectual-property and international commercial disputes. ' +
          'Every error is application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
