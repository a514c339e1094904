#!/usr/bin/env node
// `npm run bench queues` (issue 11): with 1,000,000 cases in the database, how long do a
// mediator's reads take through the API? Measured, each on its own, against the API and worker
// processes in production mode:
//   - queue: GET /assignment/queue, the mediator's work queue (open offers, open cases by deadline);
//   - list: GET /cases?limit=20, the first page of the mediator's case list;
//   - case: GET /cases/:id, then timeline: GET /cases/:id/events, a case page as the mediator opens it.
// Target: p99 < 25 ms each. Then one request of each again with auto_explain on: the query plans
// PostgreSQL used, with actual times, go into the result.
//
// The data is made with set-based SQL (generate_series): 1,000,000 cases over two years, 10 %
// of them open, a fifth of those being assigned; 5,000 mediators with 196 cases each, 16 of them
// open; 2 parties and 1 IP right per case; 2-8 events per case; a deadline on each open case
// with a mediator and a pending offer on each case being assigned.
// BENCH_CASES (default 1,000,000), BENCH_MEDIATORS (5,000), BENCH_DURATION (s per endpoint, 20),
// BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (4: two per core, enough to keep the machine busy).
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { withStack, rssSampler, runLoad, resetStatements, topStatements, explainPass } = require('./support/stack.cjs');
const { round1, envInt, runBenchmark } = require('./support/stats.cjs');

const CASES = envInt('BENCH_CASES', 1_000_000);
const MEDIATORS = envInt('BENCH_MEDIATORS', 5_000);
const PARTY_USERS = Math.max(10, Math.floor(CASES / 10));
const DURATION = envInt('BENCH_DURATION', 20);
const WARMUP = envInt('BENCH_WARMUP', 3);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 4);
const TARGET_P99_MS = 25;

const mediatorId = (n) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const OPEN = ['mediating', 'signing', 'awaiting_respondent', 'confirmation_requested', 'assigning'];
const OUTCOMES = ['fulfilled', 'mediation_failed', 'withdrawn', 'settled_without_confirmation', 'respondent_declined'];

async function seed(db) {
  const t0 = performance.now();
  const step = async (what, sql, params = []) => {
    const t = performance.now();
    await db.query(sql, params);
    process.stdout.write(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };
  await step(
    'courts',
    `INSERT INTO organisations (kind, name, court_code, court_level) SELECT 'court', 'Court ' || g, 'BENCH-' || g, 'intermediate' FROM generate_series(1, 50) g`,
  );
  await step(
    'users',
    `INSERT INTO users (id, email, display_name, roles)
     SELECT ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'm' || g || '@bench.accord', 'Mediator ' || g, '{mediator}'::text[] FROM generate_series(1, $1) g
     UNION ALL
     SELECT ('00000000-0000-4000-b000-' || lpad(g::text, 12, '0'))::uuid, 'p' || g || '@bench.accord', 'Party ' || g, '{party}'::text[] FROM generate_series(1, $2) g`,
    [MEDIATORS, PARTY_USERS],
  );
  // Case g: open when g % 10 = 0, otherwise closed or archived; ten consecutive cases to a
  // mediator, 1 + (g / 10) % MEDIATORS, so that each has 20 open ones, in every open state (those
  // being assigned have no mediator yet); created over two years, oldest first.
  await step(
    'cases',
    `INSERT INTO cases (number, status, version, source, referral_type, referral_number, referring_court_id, mediator_id, title, dispute_type,
                        statement, claims, outcome, closed_at, respondent_access_from, created_by, search_text, submitted_at, created_at, updated_at)
     SELECT 'ACC-B-' || lpad(g::text, 7, '0'), s.status, 1 + g % 7,
            CASE WHEN g % 3 = 0 THEN 'court_referral' ELSE 'online_application' END,
            CASE WHEN g % 3 = 0 THEN 'pre_filing' END, CASE WHEN g % 3 = 0 THEN 'REF-' || g END,
            CASE WHEN g % 3 = 0 THEN (SELECT id FROM organisations WHERE court_code = 'BENCH-' || (1 + g % 50)) END,
            CASE WHEN s.status = 'assigning' THEN NULL ELSE ('00000000-0000-4000-a000-' || lpad((1 + (g / 10) % $2)::text, 12, '0'))::uuid END,
            'Bench dispute ' || g, (ARRAY['patent','trademark','copyright','trade_secret','international_commercial'])[1 + g % 5],
            'A benchmark statement of facts, long enough to look like one.',
            jsonb_build_array(jsonb_build_object('kind', 'monetary', 'amount', (1000 * (g % 900))::text || '.00', 'currency', 'CNY')),
            CASE WHEN s.status IN ('closed', 'archived') THEN ($3::text[])[1 + g % 5] END,
            CASE WHEN s.status IN ('closed', 'archived') THEN s.created + interval '40 days' END,
            CASE WHEN s.status NOT IN ('assigning') THEN s.created + interval '3 days' END,
            ('00000000-0000-4000-b000-' || lpad((1 + g % $4)::text, 12, '0'))::uuid,
            lower('ACC-B-' || lpad(g::text, 7, '0') || ' bench dispute ' || g || ' applicant ' || g || ' respondent ' || g),
            s.created + interval '1 hour', s.created, s.created + interval '3 days'
       FROM (SELECT g, now() - interval '730 days' + (g::float / $1) * interval '730 days' AS created,
                    CASE WHEN g % 10 = 0 THEN ($5::text[])[1 + (g / 10 / $2) % 5] WHEN g % 10 < 4 THEN 'closed' ELSE 'archived' END AS status
               FROM generate_series(1, $1) g) s`,
    [CASES, MEDIATORS, OUTCOMES, PARTY_USERS, OPEN],
  );
  await step(
    'parties',
    `INSERT INTO case_parties (case_id, side, position, kind, name, email, phone, user_id, consent_online, consent_e_service, e_service_basis)
     SELECT id, 'applicant', 0, 'organisation', 'Applicant of ' || number, 'applicant-' || number || '@bench.accord', '+8657188880000', created_by, true, true, 'express' FROM cases
     UNION ALL
     SELECT id, 'respondent', 0, 'organisation', 'Respondent of ' || number, 'respondent-' || number || '@bench.accord', NULL,
            CASE WHEN random() < 0.5 THEN ('00000000-0000-4000-b000-' || lpad((1 + (hashtext(number) & 2147483647) % $1)::text, 12, '0'))::uuid END, NULL, NULL, NULL
       FROM cases`,
    [PARTY_USERS],
  );
  await step(
    'IP rights',
    `INSERT INTO ip_rights (case_id, position, kind, number, jurisdiction, classes) SELECT id, 0, 'patent', 'ZL' || substr(number, 7), 'CN', ARRAY['G06F'] FROM cases`,
  );
  // Each case's chain: version + 1 events (2 to 8), an hour apart; every tenth one confidential.
  await step(
    'events',
    `INSERT INTO case_events (case_id, sequence, type, actor_id, actor_role, occurred_at, payload, confidential, prev_hash, hash, algorithm)
     SELECT c.id, e, CASE WHEN e = 1 THEN 'case_created' ELSE (ARRAY['submit','accept','assign','serve','message','offer'])[1 + e % 6] END,
            c.mediator_id, CASE WHEN e = 1 THEN 'applicant' ELSE 'mediator' END, c.created_at + e * interval '1 hour',
            jsonb_build_object('from', 'before', 'to', 'after', 'note', 'Event ' || e || ' of case ' || c.number),
            e % 10 = 0, md5(c.id::text || (e - 1)) || md5((e - 1)::text || c.id::text), md5(c.id::text || e) || md5(e::text || c.id::text), 'sha256'
       FROM cases c CROSS JOIN LATERAL generate_series(1, c.version + 1) e`,
  );
  await step(
    'deadlines',
    `INSERT INTO deadlines (case_id, kind, event, due_at)
     SELECT id, 'mediation_period', 'mediation_period_expired', now() + ((hashtext(number) & 2147483647) % 40 - 5) * interval '1 day'
       FROM cases WHERE status IN ('mediating', 'signing', 'awaiting_respondent', 'confirmation_requested')`,
  );
  await step(
    'offers',
    `INSERT INTO assignment_offers (case_id, mediator_id, round, source, status, due_at)
     SELECT id, ('00000000-0000-4000-a000-' || lpad((1 + (hashtext(number) & 2147483647) % $1)::text, 12, '0'))::uuid, 1, 'matcher', 'pending', now() + interval '2 days'
       FROM cases WHERE status = 'assigning'`,
    [MEDIATORS],
  );
  await step('VACUUM ANALYZE', 'VACUUM ANALYZE');
  return (performance.now() - t0) / 1000;
}

async function main() {
  let seedSeconds;
  const rows = [];
  const targets = [];
  process.stdout.write(`seeding ${CASES.toLocaleString('en')} cases with ${MEDIATORS.toLocaleString('en')} mediators…\n`);
  return withStack({ name: 'queues', beforeApp: async (s) => (seedSeconds = await seed(s.db)) }, async (stack) => {
    const { db } = stack;
    const [sizes] = await db.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    // The cases a mediator opens: a sample of those with a mediator, read by that mediator.
    const sample = await db.query(`SELECT id, mediator_id FROM cases TABLESAMPLE SYSTEM (1) WHERE mediator_id IS NOT NULL LIMIT 2000`);
    const tokens = new Map();
    const tokenOf = (id) => tokens.get(id) ?? tokens.set(id, stack.token(id)).get(id);
    const mediators = Array.from({ length: Math.min(MEDIATORS, 2000) }, (_, i) => tokenOf(mediatorId(1 + ((i * 7919) % MEDIATORS))));
    const reads = sample.map((r) => ({ caseId: r.id, token: tokenOf(r.mediator_id) }));

    const endpoints = [
      { name: 'queue', what: 'GET /assignment/queue', steps: ['queue'] },
      { name: 'list', what: 'GET /cases?limit=20', steps: ['list'] },
      { name: 'case page', what: 'GET /cases/:id + GET /cases/:id/events', steps: ['case', 'timeline'] },
    ];
    const profiles = {};
    const rss = { api: 0, worker: 0 };
    for (const endpoint of endpoints) {
      process.stdout.write(`${endpoint.what}: ${WARMUP} s warm-up, ${DURATION} s at ${CONNECTIONS} connections… `);
      const sampler = rssSampler(stack.pids);
      const load = await runLoad(
        join(__dirname, 'support', 'queues.load.cjs'),
        { url: stack.url, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, endpoint: endpoint.name, mediators, reads },
        { onMeasuring: () => void resetStatements(stack) },
      );
      const peak = sampler.stop();
      rss.api = Math.max(rss.api, peak.api);
      rss.worker = Math.max(rss.worker, peak.worker);
      profiles[endpoint.name] = await topStatements(stack, 6);
      process.stdout.write(`${(load.requests / load.seconds).toFixed(0)} requests/s\n`);
      for (const step of endpoint.steps) {
        const s = load.steps[step];
        const failed = Object.entries(s.statuses).filter(([code]) => code !== '200');
        rows.push({
          endpoint: step === endpoint.steps[0] ? endpoint.what : '',
          step,
          requests: s.count,
          'requests/s': s.count / load.seconds,
          'p50 ms': s.p50,
          'p99 ms': s.p99,
          'max ms': s.max,
          'non-200': failed.map(([code, n]) => `${code}×${n}`).join(' '),
          'API RSS MB': round1(peak.api),
          'worker RSS MB': round1(peak.worker),
        });
        targets.push({ name: `p99 of ${step} < ${TARGET_P99_MS} ms`, met: s.p99 < TARGET_P99_MS, actual: `${s.p99.toFixed(1)} ms` });
        targets.push({
          name: `every ${step} request answered 200`,
          met: failed.length === 0 && load.errors === 0,
          actual: failed.length ? failed.map(([c, n]) => `${c}×${n}`).join(' ') : 'all 200',
        });
      }
    }

    // The plans behind one request of each kind, with real parameters and actual times.
    const [one] = reads;
    const get = (path, token) => globalThis.fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    const plans = await explainPass(stack, async () => {
      await get('/api/v1/assignment/queue', one.token);
      await get('/api/v1/cases?limit=20', one.token);
      await get(`/api/v1/cases/${one.caseId}`, one.token);
      await get(`/api/v1/cases/${one.caseId}/events`, one.token);
    });
    const slowest = [...plans].sort((a, b) => b.ms - a.ms).slice(0, 5);
    process.stdout.write('\nslowest statements of one request each, with their plans (auto_explain):\n');
    for (const p of slowest) process.stdout.write(`\n${p.ms.toFixed(2)} ms  ${p.query.slice(0, 200)}\n${p.plan.slice(0, 14).join('\n')}\n`);

    return {
      description: `a mediator's reads with ${sizes.cases.toLocaleString('en')} cases (${sizes.events.toLocaleString('en')} events, database ${sizes.size}) at ${CONNECTIONS} connections, ${DURATION} s per endpoint`,
      parameters: {
        cases: sizes.cases,
        events: sizes.events,
        mediators: MEDIATORS,
        databaseSize: sizes.size,
        seedSeconds: round1(seedSeconds),
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        postgres: stack.postgresVersion,
        peakRssMB: { api: round1(rss.api), worker: round1(rss.worker) },
        topStatements: profiles,
        plans,
      },
      rows,
      targets,
    };
  });
}

runBenchmark(main);
