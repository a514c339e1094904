import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { REFRESH_COOKIE, REFRESH_COOKIE_SCHEME } from '../auth/browser-session';
import { API_KEY_SCHEME } from '../court-systems/court-system-auth';
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
          'a change of a case answers the case view it produced. During an outage of the database or Redis, ' +
          'any operation may answer 503 with Retry-After: keep the session and retry.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A court system's API key (`acc_…`); `Authorization: Bearer acc_…` works too" }, API_KEY_SCHEME)
      .addCookieAuth(
        REFRESH_COOKIE,
        {
          type: 'apiKey',
          description: "The web app's refresh token, set HttpOnly by the server: the browser sends it by itself (never set it from code)",
        },
        REFRESH_COOKIE_SCHEME,
      )
      .build(),
    { operationIdFactory: operationIdOf },
  );
}
