import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { configureRoutes, createOpenApiDocument } from './http-app';

/**
 * `node dist/openapi.js [file]`: writes the API's OpenAPI document (default web/openapi.json),
 * from which the web app's typed client is generated. Needs no database or Redis: in preview
 * mode Nest builds the module graph and reads the controllers' metadata but instantiates no
 * provider, so nothing connects. The build runs it, so the document never drifts from the code.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'web/openapi.json');
  const app = await NestFactory.create(AppModule.forRoot({ runWorkers: false }), { preview: true, abortOnError: false, logger: ['error'] });
  configureRoutes(app);
  const document = createOpenApiDocument(app);
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${out} (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`could not write the OpenAPI document: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
