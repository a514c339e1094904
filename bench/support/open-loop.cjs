// An open-loop load (issue 24): sequences of requests started at a fixed arrival rate, whatever
// the app answers, so that latency is what a request costs at that load and not the queue a
// fixed number of closed-loop connections builds. Each arrival runs a scenario's request
// sequence (the autocannon-shaped definitions of bench/support/*.load.cjs: `setupRequest`
// returning nothing ends the sequence, `onResponse` sees each answer), one request after the
// other, on a keep-alive agent with as many sockets as arrivals in flight. Latency is measured
// per request from its send to its last byte; an arrival started late (the generator behind its
// schedule) is counted and its lag reported.
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { URL } = require('node:url');
const { latencySummary } = require('./stats.cjs');

/** Runs `definitions` as arrivals at `rate` per second for `durationSeconds`; resolves when all have finished. */
async function openLoop(definitions, { url, rate, durationSeconds, timeoutSeconds = 30 }, { measuring }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const { hostname, port } = new URL(url);
  const steps = Object.fromEntries(definitions.map((d) => [d.step, { latencies: [], statuses: {} }]));
  let requests = 0;
  let errors = 0;
  let late = 0;
  let maxLagMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const send = (req) =>
    new Promise((resolve) => {
      const body = req.body === undefined ? undefined : Buffer.from(req.body);
      const headers = { ...req.headers, ...(body ? { 'content-length': body.length } : {}) };
      const t0 = performance.now();
      const r = http.request({ agent, hostname, port, method: req.method, path: req.path, headers, timeout: timeoutSeconds * 1000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      });
      r.on('timeout', () => r.destroy(new Error('timeout')));
      r.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
      if (body) r.write(body);
      r.end();
    });

  const arrival = async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const context = {};
    try {
      for (const { step, setupRequest, onResponse, method, path } of definitions) {
        const req = setupRequest ? setupRequest({ method, path }, context) : { method, path };
        if (!req) return;
        const answer = await send(req);
        requests++;
        if (answer.status === 0) errors++;
        steps[step].latencies.push(answer.ms);
        steps[step].statuses[answer.status] = (steps[step].statuses[answer.status] ?? 0) + 1;
        onResponse?.(answer.status, answer.body, context);
      }
    } finally {
      inFlight--;
    }
  };

  measuring();
  const running = [];
  const started = performance.now();
  const interval = 1000 / rate;
  const arrivals = Math.max(1, Math.round(rate * durationSeconds));
  for (let i = 0; i < arrivals; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const lag = performance.now() - due;
    if (lag > 5) late++;
    maxLagMs = Math.max(maxLagMs, lag);
    running.push(arrival());
  }
  await Promise.all(running);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const all = Object.values(steps).flatMap((s) => s.latencies);
  return {
    seconds,
    rate,
    arrivals,
    late,
    maxLagMs,
    maxInFlight,
    requests,
    errors,
    timeouts: 0,
    resets: 0,
    latency: latencySummary(all),
    steps: Object.fromEntries(Object.entries(steps).map(([name, s]) => [name, { count: s.latencies.length, statuses: s.statuses, ...latencySummary(s.latencies) }])),
  };
}

module.exports = { openLoop };
