#!/usr/bin/env node
// `npm run lint:deps`: no cycles between the folders of src/ (features depend on each other in
// one direction). The cycles that predate this check are the edges listed in
// scripts/folder-cycles-known.json: they may stay until fixed, a new one fails, and an edge
// that is no longer part of a cycle must be removed from the list (so it only shrinks).
// dependency-cruiser's own folder-scoped rule reports each cycle along a different path from
// run to run, which its baseline cannot match; strongly connected components are stable.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const graph = JSON.parse(
  execFileSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--collapse', '^src/[^/]+', '--output-type', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);
const edges = new Map();
for (const m of graph.modules) {
  for (const d of m.dependencies) {
    if (d.resolved.startsWith('src/') && d.resolved !== m.source && !m.source.endsWith('.ts')) {
      edges.set(m.source, new Set([...(edges.get(m.source) ?? []), d.resolved]));
    }
  }
}

// Tarjan's strongly connected components: two folders are in a cycle when they share one.
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const component = new Map();
let counter = 0;
const visit = (v) => {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.set(w, v);
    } while (w !== v);
  }
};
for (const v of edges.keys()) if (!index.has(v)) visit(v);

const cyclic = [];
for (const [from, tos] of edges) for (const to of tos) if (component.get(from) === component.get(to)) cyclic.push(`${from} -> ${to}`);
const known = new Set(JSON.parse(readFileSync(join(__dirname, 'folder-cycles-known.json'), 'utf8')));
const added = cyclic.filter((e) => !known.has(e)).sort();
const gone = [...known].filter((e) => !cyclic.includes(e)).sort();
if (added.length > 0) console.error(`New imports that close a cycle between folders:\n  ${added.join('\n  ')}`);
if (gone.length > 0) console.error(`No longer in a cycle: remove from scripts/folder-cycles-known.json:\n  ${gone.join('\n  ')}`);
console.log(`folder cycles: ${cyclic.length} known edges in cycles, ${added.length} new, ${gone.length} gone`);
process.exit(added.length > 0 || gone.length > 0 ? 1 : 0);
