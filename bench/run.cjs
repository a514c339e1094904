#!/usr/bin/env node
// `npm run bench` runs every benchmark in this folder; `npm run bench NAME…` runs the named ones.
// A benchmark is `NAME.bench.cjs`; it runs in a process of its own (so one benchmark's memory or
// warm caches never colour another's), against the compiled app in dist/ (`npm run bench` builds
// first), and writes its result as JSON to the file named by BENCH_RESULT_FILE. This runner
// prints each result as a table and keeps it under bench/results/ (git-ignored).
//
// Exit status: 0 when every benchmark ran and met its targets, 1 otherwise.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const SUFFIX = '.bench.cjs';
const available = readdirSync(__dirname)
  .filter((f) => f.endsWith(SUFFIX))
  .map((f) => f.slice(0, -SUFFIX.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(1);
}
const names = wanted.length > 0 ? wanted : available;

const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  cpuModel: cpus[0] ? cpus[0].model : 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
};

/** Rows as an aligned text table; columns are the union of the rows' keys. */
function table(rows) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => (v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values) => values.map((v, i) => (typeof v === 'number' || /^[\d.]+$/.test(v) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

const resultsDir = join(__dirname, 'results');
mkdirSync(resultsDir, { recursive: true });
let allOk = true;

for (const name of names) {
  const resultFile = join(os.tmpdir(), `accord-bench-${name}-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  console.log(`\n=== ${name} ===`);
  const started = new Date();
  // How quiet the machine was: its load average (1, 5, 15 min) before and after.
  const loadBefore = os.loadavg();
  // --expose-gc: a benchmark measures memory from a collected baseline.
  const child = spawnSync(process.execPath, ['--expose-gc', join(__dirname, `${name}${SUFFIX}`)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', BENCH_RESULT_FILE: resultFile },
  });
  let result;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    console.error(`${name}: no result (exit status ${child.status}${child.signal ? `, signal ${child.signal}` : ''})`);
    allOk = false;
    continue;
  } finally {
    rmSync(resultFile, { force: true });
  }
  const loadAverage = { before: loadBefore.map((l) => Math.round(l * 100) / 100), after: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const record = { benchmark: name, startedAt: started.toISOString(), machine: { ...machine, loadAverage }, ...result };
  console.log(`\n${name}: ${result.description}`);
  console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}`);
  console.log(`load average (1, 5, 15 min): before ${loadAverage.before.join(' ')}, after ${loadAverage.after.join(' ')}\n`);
  console.log(table(result.rows));
  if (result.targets && result.targets.length > 0) {
    console.log('\ntargets:');
    for (const t of result.targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${t.name}: ${t.actual}`);
  }
  const ok = child.status === 0 && (result.targets ?? []).every((t) => t.met);
  allOk = allOk && ok;
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(resultsDir, `${name}-${stamp}.json`), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(resultsDir, `${name}-latest.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nresult: bench/results/${name}-${stamp}.json`);
}

process.exit(allOk ? 0 : 1);
