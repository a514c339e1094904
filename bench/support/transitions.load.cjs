// The `transitions` load (bench/transitions.bench.cjs): its own driver, since each request
// depends on what the last one on the same case answered. `connections` workers each take a
// case nobody else is using, fire the next step of the intake loop with the version they know
// (request_correction by intake, resubmit by the applicant; each moves the case on), and
// remember what was answered. One operation in ten is a deliberate conflict, sent at the same
// time as the right request on the same case: half of them carry the previous version (stale:
// must be 409), half the same version as the right one (a race: exactly one may win).
const { Buffer } = require('node:buffer');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { URL } = require('node:url');

exports.run = async ({ url, connections, durationSeconds, warmupSeconds, cases, adminToken, conflictRatio }, { measuring }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * 2 });
  const { hostname, port } = new URL(url);
  const fire = (c, event, version, token) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(event === 'request_correction' ? { event, reason: 'Please attach the licence agreement.' } : { event });
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `/api/v1/cases/${c.id}/transitions`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'if-match': `"${version}"` },
        },
        (res) => {
          const chunks = [];
          res.on('data', (d) => chunks.push(d));
          res.on('end', () => resolve({ status: res.statusCode, etag: res.headers.etag, ms: performance.now() - t0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const state = cases.map((c) => ({ ...c, busy: false, fired: [] }));
  const record = {
    measuring: false,
    latencies: { ok: [], conflict: [] },
    ok: 0,
    stale: { sent: 0, got409: 0, other: {} },
    race: { pairs: 0, oneWon: 0, other: {} },
    unexpected: {},
  };
  let measuredOk = 0;
  const count = (map, key) => (map[key] = (map[key] ?? 0) + 1);
  const note = (r, kind) => {
    if (record.measuring) record.latencies[kind].push(r.ms);
  };

  const operate = async () => {
    const free = state.filter((c) => !c.busy);
    const c = free[Math.floor(Math.random() * free.length)];
    c.busy = true;
    try {
      const event = c.status === 'submitted' ? 'request_correction' : 'resubmit';
      const token = event === 'request_correction' ? adminToken : c.applicantToken;
      const won = (r) => {
        c.version = Number(JSON.parse(r.etag));
        c.status = c.status === 'submitted' ? 'needs_correction' : 'submitted';
        c.fired.push(event);
        if (record.measuring) measuredOk++;
      };
      const conflict = Math.random() < conflictRatio;
      if (!conflict) {
        const r = await fire(c, event, c.version, token);
        note(r, r.status === 200 ? 'ok' : 'conflict');
        if (r.status === 200) won(r);
        else count(record.unexpected, `${r.status} ${r.body.slice(0, 120)}`);
        return;
      }
      if (Math.random() < 0.5) {
        // Someone acting on what they saw before the last change.
        const [right, stale] = await Promise.all([fire(c, event, c.version, token), fire(c, event, c.version - 1, token)]);
        note(right, 'ok');
        note(stale, 'conflict');
        record.stale.sent++;
        if (stale.status === 409) record.stale.got409++;
        else count(record.stale.other, stale.status);
        if (right.status === 200) won(right);
        else count(record.unexpected, `${right.status} ${right.body.slice(0, 120)}`);
      } else {
        // Two people pressing the same button on the same version at the same moment.
        const pair = await Promise.all([fire(c, event, c.version, token), fire(c, event, c.version, token)]);
        record.race.pairs++;
        const statuses = pair
          .map((r) => r.status)
          .sort()
          .join('+');
        if (statuses === '200+409') record.race.oneWon++;
        else count(record.race.other, statuses);
        for (const r of pair) note(r, r.status === 200 ? 'ok' : 'conflict');
        const winner = pair.find((r) => r.status === 200);
        if (winner) won(winner);
      }
    } finally {
      c.busy = false;
    }
  };

  const phase = async (seconds) => {
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) await operate();
      }),
    );
  };
  await phase(warmupSeconds);
  measuring();
  record.measuring = true;
  const t0 = performance.now();
  await phase(durationSeconds);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    seconds,
    measuredOk,
    record,
    cases: state.map(({ id, version, status, fired }) => ({ id, version, status, fired })),
  };
};
