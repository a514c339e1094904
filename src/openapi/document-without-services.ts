import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { configureRouting } from '../http-app';
import { createOpenApiDocument } from './openapi-document';

/**
 * The same document without PostgreSQL or Redis: Nest's preview mode builds the module graph
 * without instantiating providers, so a build or a test can have the document with no services.
 * Run it on the compiled app (`dist/`): the Swagger CLI plugin of `nest build` adds the DTOs'
 * properties.
 */
export async function openApiDocumentWithoutServices(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot({ runWorkers: false }), { preview: true, logger: false, abortOnError: false });
  try {
    configureRouting(app);
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
