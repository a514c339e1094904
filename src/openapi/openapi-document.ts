import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { operationIdOf } from './operation-ids';

/** The app's OpenAPI document, from which the web app's client is generated. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accord API')
      .setDescription(
        'Online mediation of intellectual-property and international commercial disputes. ' +
          'Every error is application/problem+json (RFC 9457). Every list answers `{ items, nextCursor }`; ' +
          'a change of a case answers the case view it produced.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory: operationIdOf },
  );
}
