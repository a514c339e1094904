// The load generator of the HTTP benchmarks, in a process of its own (so that its CPU is never
// mistaken for the app's): forked by a benchmark, it receives { scenario, options }, runs
// autocannon with the scenario's request sequence and sends back per-step latencies and status
// counts. A scenario is a module exporting `requests(options)`: autocannon request objects,
// each with a `step` name; a `setupRequest` returning nothing restarts the sequence. A scenario
// whose requests depend on each other's answers across connections exports `run(options,
// { measuring })` instead: its own driver, whose result is sent back as it is.
const autocannon = require('autocannon');
const { latencySummary } = require('./stats.cjs');

process.once('message', async ({ scenario, options }) => {
  let answer;
  try {
    answer = await measure(scenario, options);
  } catch (error) {
    answer = { error: error.stack ?? String(error) };
  }
  // Disconnect only once the answer is out: a large one is still being written otherwise.
  process.send(answer, () => process.disconnect());
});

async function measure(scenario, options) {
  const module_ = require(scenario);
  if (module_.run) return module_.run(options, { measuring: () => process.send({ phase: 'measuring' }) });
  const definitions = module_.requests(options);
  const steps = {};
  // Statuses over warm-up and measured run together: what the database must agree with.
  const totals = {};
  let answered;
  const requests = definitions.map(({ step, onResponse, ...rest }) => {
    steps[step] ??= { latencies: [], statuses: {} };
    return {
      ...rest,
      onResponse(status, body, context, headers) {
        // autocannon reports the response's duration right after this call, for this request.
        answered = step;
        steps[step].statuses[status] = (steps[step].statuses[status] ?? 0) + 1;
        totals[step] ??= {};
        totals[step][status] = (totals[step][status] ?? 0) + 1;
        if (onResponse) onResponse(status, body, context, headers);
      },
    };
  });
  const run = (duration, record) =>
    new Promise((resolve, reject) => {
      const instance = autocannon({ url: options.url, connections: options.connections, duration, requests, timeout: 30 }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
      instance.on('response', (_client, _status, _bytes, ms) => {
        if (record && answered) steps[answered].latencies.push(ms);
        answered = undefined;
      });
    });
  // A few seconds first: V8 compiles the hot paths, the pools fill, PostgreSQL caches its plans.
  if (options.warmupSeconds > 0) await run(options.warmupSeconds, false);
  for (const s of Object.values(steps)) s.statuses = {};
  // The benchmark may want the app idle before it measures (its background work drained, CPU
  // read): it says when to go on.
  if (options.holdAfterWarmup) {
    process.send({ phase: 'warmed' });
    await new Promise((resolve) => process.once('message', resolve));
  }
  process.send({ phase: 'measuring' });
  const started = Date.now();
  const result = await run(options.durationSeconds, true);
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    non2xx: result.non2xx,
    totals,
    // Whatever the scenario collected (e.g. the ids of the cases it filed).
    extra: module_.report ? module_.report() : undefined,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    steps: Object.fromEntries(Object.entries(steps).map(([name, s]) => [name, { count: s.latencies.length, statuses: s.statuses, ...latencySummary(s.latencies) }])),
  };
}
