import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocumentWithoutServices } from './openapi/document-without-services';

/**
 * `node dist/openapi.js [file]`: writes the API's OpenAPI document (default web/openapi.json),
 * from which the web app's typed client is generated. Needs no database or Redis (preview mode:
 * see `openApiDocumentWithoutServices`). The build runs it, so the document never drifts from the code.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'web/openapi.json');
  const document = await openApiDocumentWithoutServices();
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${out} (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`could not write the OpenAPI document: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
