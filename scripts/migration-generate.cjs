#!/usr/bin/env node
// `npm run migration:generate -- Name`: diff the entities against the database (the embedded
// one of a running `npm start`, or DATABASE_URL) and write migrations/<timestamp>-Name.ts.
const { spawnSync } = require('node:child_process');

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: npm run migration:generate -- NameInPascalCase');
  process.exit(1);
}
const result = spawnSync('npx', ['typeorm', 'migration:generate', '-d', 'dist/infrastructure/database/data-source.js', '--pretty', `migrations/${name}`], { stdio: 'inherit' });
process.exit(result.status ?? 1);
