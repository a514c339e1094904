#!/usr/bin/env node
// `npm run bench filing` (issue 11): applicants filing at 50 concurrent connections against the
// API and worker processes in production mode. A filing is three requests: create the draft
// (2 parties, 1 IP right), upload one document, submit. The yardstick is pgbench running the
// same SQL as the API sends for one filing (bench/support/filing.pgbench.sql) at the same
// concurrency on the same PostgreSQL, before the app starts. Targets: app filings/s ≥ 0.5× the
// pgbench figure; p99 of every request < 100 ms; API process RSS < 300 MB while filing.
//
// BENCH_DURATION (s, default 30), BENCH_WARMUP (s, default 5), BENCH_CONNECTIONS (default 50),
// BENCH_SERIAL_SECONDS (s at one connection afterwards, default 10; not a target, an explanation).
const { spawnSync } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { withStack, rssSampler, procMemory, runLoad, cpuReading, cpuSince, resetStatements, topStatements } = require('./support/stack.cjs');
const { latencySummary, round1, envInt, cpuPer, runBenchmark } = require('./support/stats.cjs');

const DURATION = envInt('BENCH_DURATION', 30);
const WARMUP = envInt('BENCH_WARMUP', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50);
// Then one connection for a while: what a request costs when it never waits behind others.
const SERIAL_SECONDS = envInt('BENCH_SERIAL_SECONDS', 10);
const APPLICANTS = 50;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 100;
const TARGET_API_RSS_MB = 300;
const YEAR = new Date().getUTCFullYear();

const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% evidence\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const applicantId = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const application = (email) => ({
  title: 'Infringement of invention patent ZL202310012345.6',
  disputeType: 'patent',
  statement: 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.',
  claims: [
    { kind: 'monetary', amount: '500000.00', currency: 'CNY' },
    { kind: 'stop_infringement', description: 'Stop making and selling the infringing chargers' },
  ],
  ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: 'Coil alignment method', classes: ['G06F', 'H02J'] }],
  applicant: {
    kind: 'organisation',
    name: '杭州甲科技有限公司',
    legalRepresentative: '张伟',
    idType: 'unified_social_credit_code',
    idNumber: '91330100MA2H3X4Y5Z',
    phone: '+8657188880000',
    email,
    address: '浙江省杭州市西湖区文三路 1 号',
    consentOnline: true,
    consentEService: true,
    eServiceBasis: 'express',
  },
  respondents: [{ kind: 'organisation', name: '深圳乙电子有限公司', legalRepresentative: '李强', email: 'respondent@bench.accord', phone: '+8675588880000' }],
  preferredLanguage: 'zh-CN',
  foreignElement: false,
});

/** Applicant accounts with ids pgbench can compute from a number, and the intake administrator submit notifies. */
async function seed(db) {
  await db.query(
    `INSERT INTO users (id, email, display_name, roles)
     SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'applicant-' || g || '@bench.accord', 'Applicant ' || g, '{party}'
       FROM generate_series(1, $1) g`,
    [APPLICANTS],
  );
  await db.query(`INSERT INTO users (email, display_name, roles) VALUES ('intake@bench.accord', 'Intake', '{admin}')`);
}

/**
 * pgbench with the filing script: filings/s, per-filing latencies from its transaction log, and
 * the CPU seconds pgbench itself used (bash's `times` after it).
 */
function pgbench(stack, seconds, logPrefix) {
  const args = ['-n', '-M', 'extended', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds)];
  args.push('-D', `year=${YEAR}`, '-D', `applicants=${APPLICANTS}`, '-f', join(__dirname, 'support', 'filing.pgbench.sql'));
  if (logPrefix) args.push('--log', `--log-prefix=${logPrefix}`);
  args.push('-h', '127.0.0.1', '-p', String(stack.pgPort), '-U', 'postgres', 'bench');
  const run = spawnSync('bash', ['-c', 'pgbench "$@"; status=$?; times >&2; exit $status', 'pgbench', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: 'postgres' },
  });
  if (run.status === 127) throw new Error('pgbench is not installed: install the PostgreSQL client tools (Debian: postgresql-client)');
  if (run.status !== 0) throw new Error(`pgbench failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  const tps = Number((/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout) ?? [])[1]);
  const failed = Number((/number of failed transactions: (\d+)/.exec(run.stdout) ?? [0, 0])[1]);
  // `times`: the shell's own user/system time, then its children's (pgbench's).
  const [user, system] = [
    ...run.stderr
      .trim()
      .split('\n')
      .at(-1)
      .matchAll(/(\d+)m([\d.]+)s/g),
  ].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const latencies = [];
  if (logPrefix) {
    const dir = join(logPrefix, '..');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('pgbench_log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
  }
  return { tps, failed, latencies, clientCpuSeconds: user + system, seconds };
}

const PGBENCH_VERSION = (() => {
  const out = spawnSync('pgbench', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return (/(\d+\.\d+)/.exec(out) ?? ['?'])[0];
})();

async function main() {
  const rows = [];
  const targets = [];
  let yardstick;
  const options = {
    name: 'filing',
    beforeApp: async (s) => {
      await seed(s.db);
      process.stdout.write(`pgbench: ${WARMUP} s warm-up, ${DURATION} s measured at ${CONNECTIONS} clients… `);
      pgbench(s, WARMUP);
      const before = cpuReading(s);
      yardstick = pgbench(s, DURATION, join(s.dir, 'pgbench_log'));
      yardstick.cpu = { ...cpuSince(s, before), pgbench: yardstick.clientCpuSeconds };
      process.stdout.write(`${yardstick.tps.toFixed(1)} filings/s\n`);
      // The app's worker must not deliver pgbench's notifications while the app is measured.
      await s.db.query('DELETE FROM outbox WHERE relayed_at IS NULL');
      await s.db.query('VACUUM ANALYZE');
    },
  };
  return withStack(options, async (stack) => {
    const { db } = stack;
    const tokens = Array.from({ length: APPLICANTS }, (_, i) => stack.token(applicantId(i + 1)));
    process.stdout.write(`app: ${WARMUP} s warm-up, ${DURATION} s measured at ${CONNECTIONS} connections… `);
    const sampler = rssSampler(stack.pids);
    let cpuBefore;
    const load = await runLoad(
      join(__dirname, 'support', 'filing.load.cjs'),
      {
        url: stack.url,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        tokens,
        application: application('applicant@bench.accord'),
        pdf: PDF,
      },
      {
        onMeasuring: () => {
          cpuBefore = cpuReading(stack);
          void resetStatements(stack);
        },
      },
    );
    const statements = await topStatements(stack, 10);
    const cpu = { ...cpuSince(stack, cpuBefore), autocannon: load.loadCpuSeconds };
    const rss = sampler.stop();
    const filings = load.steps.submit.statuses[200] ?? 0;
    const appRate = filings / load.seconds;
    process.stdout.write(`${appRate.toFixed(1)} filings/s\n`);

    // Every submit answered 200 is a submitted case with its three events, whatever else was in flight.
    const answered = load.extra.submitted;
    const [check] = await db.query(
      `SELECT count(*) FILTER (WHERE c.status = 'submitted' AND (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) = 3)::int AS ok
         FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [answered],
    );

    process.stdout.write(`app: ${SERIAL_SECONDS} s at 1 connection… `);
    const serial = await runLoad(join(__dirname, 'support', 'filing.load.cjs'), {
      url: stack.url,
      connections: 1,
      durationSeconds: SERIAL_SECONDS,
      warmupSeconds: 0,
      tokens,
      application: application('applicant@bench.accord'),
      pdf: PDF,
    });
    process.stdout.write(`${((serial.steps.submit.statuses[200] ?? 0) / serial.seconds).toFixed(1)} filings/s\n`);

    const pg = latencySummary(yardstick.latencies);
    rows.push({
      run: `pgbench ${PGBENCH_VERSION}, same SQL (latency per filing)`,
      'filings/s': yardstick.tps,
      'requests/s': '',
      'p50 ms': pg.p50,
      'p99 ms': pg.p99,
      'max ms': pg.max,
      errors: yardstick.failed,
      'CPU ms per filing': cpuPer(yardstick.cpu, yardstick.tps * DURATION),
    });
    rows.push({
      run: `app, ${CONNECTIONS} connections (latency per request)`,
      'filings/s': appRate,
      'requests/s': load.requests / load.seconds,
      'p50 ms': load.latency.p50,
      'p99 ms': load.latency.p99,
      'max ms': load.latency.max,
      errors: load.errors + load.timeouts + load.resets,
      'API RSS MB': round1(rss.api),
      'worker RSS MB': round1(rss.worker),
      'CPU ms per filing': cpuPer(cpu, filings),
    });
    for (const [step, s] of Object.entries(load.steps)) {
      const statuses = Object.entries(s.statuses)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ');
      rows.push({ run: `  app: ${step}`, 'p50 ms': s.p50, 'p99 ms': s.p99, 'max ms': s.max, statuses });
    }
    rows.push({ run: 'app, 1 connection', 'filings/s': (serial.steps.submit.statuses[200] ?? 0) / serial.seconds, 'requests/s': serial.requests / serial.seconds });
    for (const [step, s] of Object.entries(serial.steps)) rows.push({ run: `  app: ${step}`, 'p50 ms': s.p50, 'p99 ms': s.p99, 'max ms': s.max });
    const ratio = appRate / yardstick.tps;
    targets.push({
      name: `app filings/s ≥ ${TARGET_RATIO} × pgbench`,
      met: ratio >= TARGET_RATIO,
      actual: `${appRate.toFixed(1)} vs ${yardstick.tps.toFixed(1)} (${ratio.toFixed(2)}×)`,
    });
    for (const [step, s] of Object.entries(load.steps)) {
      targets.push({ name: `p99 of ${step} < ${TARGET_P99_MS} ms`, met: s.p99 < TARGET_P99_MS, actual: `${s.p99.toFixed(1)} ms` });
    }
    targets.push({
      name: `API RSS < ${TARGET_API_RSS_MB} MB while filing`,
      met: rss.api < TARGET_API_RSS_MB,
      actual: `${rss.api.toFixed(0)} MB peak (worker ${rss.worker.toFixed(0)} MB)`,
    });
    targets.push({
      name: 'every submit answered 200 is a submitted case with 3 events',
      met: check.ok === answered.length,
      actual: `${answered.length} answered, ${check.ok} found`,
    });
    const failures = Object.values(load.steps).reduce(
      (n, s) =>
        n +
        Object.entries(s.statuses)
          .filter(([c]) => c >= 400)
          .reduce((m, [, k]) => m + k, 0),
      0,
    );
    targets.push({
      name: 'no request failed',
      met: failures === 0 && load.errors === 0 && load.timeouts === 0 && yardstick.failed === 0,
      actual: `${failures} HTTP errors, ${load.errors} socket errors, ${load.timeouts} timeouts, ${yardstick.failed} pgbench failures`,
    });

    return {
      description: `filing (create with 2 parties and 1 IP right, upload, submit) at ${CONNECTIONS} connections for ${DURATION} s, against pgbench running the same SQL`,
      parameters: {
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        postgres: stack.postgresVersion,
        processes: 'npm run start:api + start:worker (node flags included), NODE_ENV=production, DATABASE_POOL_SIZE 10 each',
        apiPeakRssLifetimeMB: round1(procMemory(stack.pids.api).hwmMB),
        // Where PostgreSQL's time went while the app was measured (lock waits included).
        topStatements: statements,
      },
      rows,
      targets,
    };
  });
}

runBenchmark(main);
