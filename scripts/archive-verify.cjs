#!/usr/bin/env node
// `npm run archive:verify -- FILE.zip`: check an archive ZIP offline (no database, no network).
// Runs the compiled verifier in dist/, so it works wherever the app is installed.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'archive', 'archive-verify.cli.js');
if (!existsSync(compiled)) {
  console.error('The verifier is not built yet: run `npm run build` first.');
  process.exit(2);
}
const { runArchiveVerifyCli } = require(compiled);

runArchiveVerifyCli(process.argv.slice(2), (text) => console.log(text)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 2;
  },
);
