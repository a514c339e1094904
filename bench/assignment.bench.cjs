#!/usr/bin/env node
// `npm run bench assignment` (issue 6): with 10,000 mediators and 100,000 open cases in a real
// PostgreSQL (embedded, from npm), how long does one assignment decision take? A decision is
// what AssignmentService.offerNext computes before it writes: load the case's facts and its
// corporate tree, triage, pre-filter mediators in SQL, run the matcher. Target: p99 < 10 ms.
// The mediators are spread so that every court has some for every dispute type and seniority:
// most decisions find a candidate (the share is reported), as they do in service, and so do the
// matcher's whole work. BENCH_WARMUP_DECISIONS (default 50) decisions on other cases warm the
// plan and buffer caches first; they are not measured.
const { mkdtempSync, chmodSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const dist = join(__dirname, '..', 'dist');
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { LocalPostgres } = require(join(dist, 'infrastructure/runtime/local-postgres.js'));
const { buildDataSourceOptions } = require(join(dist, 'infrastructure/database/data-source-options.js'));
const { runMigrationsUnderLock } = require(join(dist, 'infrastructure/database/run-migrations.js'));
const { runBenchmark } = require('./support/stats.cjs');
const { MediatorDirectory } = require(join(dist, 'assignment/mediator-directory.service.js'));
const { loadCaseFacts } = require(join(dist, 'assignment/case-facts.loader.js'));
const { triage } = require(join(dist, 'assignment/triage.js'));
const { matchMediators } = require(join(dist, 'assignment/matcher.js'));

const MEDIATORS = Number(process.env.BENCH_MEDIATORS ?? 10_000);
const OPEN_CASES = Number(process.env.BENCH_CASES ?? 100_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1_000);
const WARMUP_DECISIONS = Number(process.env.BENCH_WARMUP_DECISIONS ?? 50);
const TARGET_P99_MS = 10;
const TARGET_CANDIDATE_SHARE = 0.8;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function seed(db) {
  const t0 = performance.now();
  // 50 courts, 10 dispute types, IPC fields; mediators spread over them: mediator n sits for
  // court 1 + n % 50, and within a court the dispute types and seniorities go round, so each
  // court has mediators for every type (a case is patent, trademark or copyright) and track.
  await db.query(`INSERT INTO organisations (kind, name, court_code, court_level) SELECT 'court', 'Court ' || g, 'BENCH-' || g, 'intermediate' FROM generate_series(1, 50) g`);
  await db.query(`INSERT INTO users (email, display_name, roles) SELECT 'm' || g || '@bench.accord', 'Mediator ' || g, '{mediator}' FROM generate_series(1, $1) g`, [MEDIATORS]);
  await db.query(`INSERT INTO users (email, display_name, roles) VALUES ('applicant@bench.accord', 'Applicant', '{party}')`);
  await db.query(`
    INSERT INTO mediator_profiles (user_id, dispute_types, technical_fields, languages, seniority, capacity, open_cases, assignments_30d, court_ids, jurisdictions)
    SELECT u.id,
           ARRAY[(ARRAY['patent','trademark','copyright','trade_secret','design','utility_model','unfair_competition','ip_licence_contract','international_commercial','other'])[1 + ((n / 50) % 10)],
                 (ARRAY['patent','trademark','copyright','trade_secret','design','utility_model','unfair_competition','ip_licence_contract','international_commercial','other'])[1 + ((n / 500) % 10)]],
           ARRAY[(ARRAY['G06F','H04L','H02J','A61K','C07D','B60L','G06Q','H01M'])[1 + (n % 8)]],
           CASE WHEN n % 3 = 0 THEN ARRAY['zh-CN','en'] ELSE ARRAY['zh-CN'] END,
           1 + ((n / 50) % 3), 20, n % 15, n % 7,
           ARRAY(SELECT id FROM organisations WHERE court_code = 'BENCH-' || (1 + n % 50)),
           ARRAY['CN']
      FROM (SELECT id, row_number() OVER () AS n FROM users WHERE email LIKE 'm%@bench.accord') u`);
  // 100,000 open cases, each with two parties and an IP right, spread over mediators and courts.
  await db.query(
    `
    INSERT INTO cases (number, status, source, referral_type, referral_number, referring_court_id, mediator_id, title, dispute_type, statement, claims, created_by)
    SELECT 'BENCH-' || g, CASE WHEN g % 10 = 0 THEN 'assigning' ELSE 'mediating' END, 'court_referral', 'pre_filing', 'REF-' || g,
           (SELECT id FROM organisations WHERE court_code = 'BENCH-' || (1 + g % 50)),
           CASE WHEN g % 10 = 0 THEN NULL ELSE (SELECT user_id FROM mediator_profiles OFFSET (g % $2) LIMIT 1) END,
           'Bench case ' || g, (ARRAY['patent','trademark','copyright'])[1 + g % 3], 'A benchmark dispute statement of some length.',
           jsonb_build_array(jsonb_build_object('kind', 'monetary', 'amount', (1000 * (g % 900))::text || '.00', 'currency', 'CNY')),
           (SELECT id FROM users WHERE email = 'applicant@bench.accord')
      FROM generate_series(1, $1) g`,
    [OPEN_CASES, Math.min(MEDIATORS, 1000)],
  );
  await db.query(`INSERT INTO case_parties (case_id, side, position, kind, name) SELECT id, 'applicant', 0, 'organisation', 'Applicant of ' || number FROM cases`);
  await db.query(`INSERT INTO case_parties (case_id, side, position, kind, name) SELECT id, 'respondent', 0, 'organisation', 'Respondent of ' || number FROM cases`);
  await db.query(`INSERT INTO ip_rights (case_id, position, kind, number, jurisdiction, classes) SELECT id, 0, 'patent', 'ZL' || number, 'CN', ARRAY['G06F'] FROM cases`);
  await db.query('ANALYZE');
  return (performance.now() - t0) / 1000;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-assign-'));
  chmodSync(dir, 0o755);
  const pg = new LocalPostgres(join(dir, 'pg'), await freePort());
  let db;
  try {
    await pg.start();
    await pg.ensureDatabase('bench');
    db = await new DataSource(buildDataSourceOptions(pg.url('bench'), 4)).initialize();
    await runMigrationsUnderLock(db);
    const seedSeconds = await seed(db);
    const directory = new MediatorDirectory(db);
    // Distinct cases: the first WARMUP_DECISIONS warm up, the others are measured.
    const picked = (await db.query(`SELECT id FROM cases WHERE status = 'assigning' ORDER BY random() LIMIT $1`, [DECISIONS + WARMUP_DECISIONS])).map((r) => r.id);
    const warmupIds = picked.slice(0, WARMUP_DECISIONS);
    const caseIds = picked.slice(WARMUP_DECISIONS);
    if (caseIds.length < DECISIONS) throw new Error(`only ${picked.length} cases to assign for ${WARMUP_DECISIONS} + ${DECISIONS} decisions: raise BENCH_CASES`);

    const phases = { facts: [], candidates: [], match: [] };
    let recording = false;
    const record = (phase, ms) => recording && phases[phase].push(ms);
    const decide = async (caseId) =>
      db.transaction('REPEATABLE READ', async (tx) => {
        let t = performance.now();
        const { facts, organisationParents } = await loadCaseFacts(tx, caseId);
        record('facts', performance.now() - t);
        const track = triage(facts);
        t = performance.now();
        const candidates = await directory.candidates(facts, track.track, tx);
        record('candidates', performance.now() - t);
        t = performance.now();
        const r = matchMediators(facts, track, candidates, { at: new Date(), organisationParents, limit: 5 });
        record('match', performance.now() - t);
        return r;
      });
    for (const id of warmupIds) await decide(id); // warm the plan and buffer caches
    recording = true;
    const times = [];
    let offered = 0;
    const start = performance.now();
    for (const id of caseIds) {
      const t0 = performance.now();
      const result = await decide(id);
      times.push(performance.now() - t0);
      if (result.candidates.length > 0) offered++;
    }
    const wall = (performance.now() - start) / 1000;
    // Where the time goes.
    const phaseRows = Object.entries(phases).map(([phase, v]) => {
      const sorted = [...v].sort((a, b) => a - b);
      return { decisions: `phase: ${phase}`, 'p50 ms': pct(sorted, 50), 'p99 ms': pct(sorted, 99), 'max ms': sorted[sorted.length - 1] };
    });
    times.sort((a, b) => a - b);
    const p50 = pct(times, 50);
    const p99 = pct(times, 99);
    const result = {
      description: `assignment decisions with ${MEDIATORS.toLocaleString('en')} mediators and ${OPEN_CASES.toLocaleString('en')} open cases (embedded PostgreSQL 18)`,
      rows: [
        {
          decisions: DECISIONS,
          'p50 ms': p50,
          'p99 ms': p99,
          'max ms': times[times.length - 1],
          'decisions/s': DECISIONS / wall,
          'with a candidate': `${offered} (${((100 * offered) / DECISIONS).toFixed(0)} %)`,
          'seed s': seedSeconds,
          // The decisions run in this process, as they do in a worker (no API process here).
          'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
        },
        ...phaseRows,
      ],
      targets: [
        { name: `p99 of one decision < ${TARGET_P99_MS} ms`, met: p99 < TARGET_P99_MS, actual: `${p99.toFixed(2)} ms` },
        {
          name: `most decisions find a candidate (≥ ${TARGET_CANDIDATE_SHARE * 100} %: the matcher does its whole work)`,
          met: offered >= TARGET_CANDIDATE_SHARE * DECISIONS,
          actual: `${offered} of ${DECISIONS} (${((100 * offered) / DECISIONS).toFixed(1)} %)`,
        },
      ],
    };
    return result;
  } finally {
    await db?.destroy().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
