// Small helpers the benchmarks share: percentiles, and handing a result to bench/run.cjs.
const { writeFileSync } = require('node:fs');

/** `p`th percentile of an ascending array (nearest rank). */
const pct = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);

/** Median, p99 and max of a list of latencies (ms). */
function latencySummary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p99: pct(sorted, 99), max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN };
}

/** Hands the result to bench/run.cjs (or prints it when the benchmark runs on its own). */
function writeResult(result) {
  if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
}

/** A number of MB (or ms) rounded for a table. */
const round1 = (n) => Math.round(n * 10) / 10;

/** A positive integer from the environment (sizes can be made smaller to try a benchmark out). */
function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** CPU milliseconds per unit of work, by process ({ api: seconds, … } over `count` units), as table text. */
const cpuPer = (cpu, count, digits = 1) =>
  Object.entries(cpu)
    .filter(([, seconds]) => seconds > 0)
    .map(([name, seconds]) => `${name} ${((seconds * 1000) / count).toFixed(digits)}`)
    .join(', ');

/**
 * Runs a benchmark's main function and hands its result on; any failure is the exit status.
 * The status is 1 until a result is written: were main() to wait forever on something that will
 * never happen (a server that failed to start), Node would drain its event loop and exit 0
 * with no result and no word.
 */
function runBenchmark(main) {
  process.exitCode = 1;
  let finished = false;
  process.once('beforeExit', () => {
    if (!finished) console.error('the benchmark stopped without a result: it waited for something that never happened');
  });
  main().then(
    (result) => {
      writeResult(result);
      finished = true;
      process.exitCode = 0;
    },
    (error) => {
      finished = true;
      console.error(error);
      process.exit(1);
    },
  );
}

module.exports = { pct, latencySummary, writeResult, round1, envInt, cpuPer, runBenchmark };
