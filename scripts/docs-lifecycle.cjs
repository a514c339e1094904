#!/usr/bin/env node
// `npm run docs:lifecycle`: write docs/lifecycle.md from the compiled transition table.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderLifecycleMarkdown } = require('../dist/cases/lifecycle/lifecycle-diagram.js');

const target = join(__dirname, '..', 'docs', 'lifecycle.md');
writeFileSync(target, renderLifecycleMarkdown());
console.log(`wrote ${target}`);
