#!/usr/bin/env node
// `npm run bench transitions` (issue 11): concurrent lifecycle transitions through the HTTP API
// on many cases, one operation in ten a deliberate conflict (bench/support/transitions.load.cjs):
// a stale version sent alongside the right one, or two requests racing on the same version.
// Reports throughput and latencies, then checks the database against every answer: each stale
// request got 409, each race exactly one 200 and one 409, and each case's event chain holds
// exactly the transitions answered 200, in order, and still verifies (no event lost or doubled).
//
// BENCH_CASES (default 2,000), BENCH_CONNECTIONS (50), BENCH_DURATION (s, 30), BENCH_WARMUP (s, 5).
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const { withStack, rssSampler, runLoad, cpuReading, cpuSince, resetStatements, topStatements, dist } = require('./support/stack.cjs');
const { latencySummary, round1, envInt, cpuPer, runBenchmark } = require('./support/stats.cjs');
const { chainHash, GENESIS_PREV_HASH, verifyChain } = require(join(dist, 'common/hashing/event-chain.js'));

const CASES = envInt('BENCH_CASES', 2_000);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50);
const DURATION = envInt('BENCH_DURATION', 30);
const WARMUP = envInt('BENCH_WARMUP', 5);
const CONFLICT_RATIO = 0.1;
const APPLICANTS = Math.max(1, Math.ceil(CASES / 4));

/**
 * CASES submitted online applications, complete (so resubmit's guard passes), each with the two
 * first links of a valid chain (case_created, submit) hashed as CaseEventLog does.
 */
async function seed(db) {
  const applicants = (
    await db.query(
      `INSERT INTO users (email, display_name, roles) SELECT 'applicant-' || g || '@bench.accord', 'Applicant ' || g, '{party}'::text[] FROM generate_series(1, $1) g RETURNING id`,
      [APPLICANTS],
    )
  ).map((r) => r.id);
  const [admin] = await db.query(`INSERT INTO users (email, display_name, roles) VALUES ('intake@bench.accord', 'Intake', '{admin}') RETURNING id`);
  const cases = [];
  const events = [];
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < CASES; i++) {
    const id = randomUUID();
    const applicant = applicants[i % applicants.length];
    cases.push({ id, number: `ACC-T-${String(i + 1).padStart(6, '0')}`, applicant });
    let prevHash = GENESIS_PREV_HASH;
    const chain = [
      { type: 'case_created', payload: { number: `ACC-T-${i + 1}`, filedAs: 'applicant' } },
      { type: 'submit', payload: { from: 'draft', to: 'submitted' } },
    ];
    chain.forEach((e, k) => {
      const occurredAt = new Date(start + i * 10 + k);
      const hash = chainHash({ alg: 'sha256', prevHash, sequence: k + 1, type: e.type, actorId: applicant, occurredAt, payload: e.payload });
      events.push({ caseId: id, sequence: k + 1, type: e.type, actor: applicant, at: occurredAt.toISOString(), payload: JSON.stringify(e.payload), prevHash, hash });
      prevHash = hash;
    });
  }
  const column = (list, key) => list.map((x) => x[key]);
  await db.query(
    `INSERT INTO cases (id, number, status, version, source, title, dispute_type, statement, claims, created_by, submitted_at)
     SELECT id, number, 'submitted', 2, 'online_application', 'Bench dispute ' || number, 'patent',
            'The respondent sells chargers that use the patented method without a licence.',
            '[{"kind": "monetary", "amount": "500000.00", "currency": "CNY"}]', created_by, now()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, number, created_by)`,
    [column(cases, 'id'), column(cases, 'number'), column(cases, 'applicant')],
  );
  await db.query(
    `INSERT INTO case_parties (case_id, side, position, kind, name, id_type, id_number, phone, email, user_id, consent_online, consent_e_service, e_service_basis)
     SELECT c.id, 'applicant', 0, 'organisation', 'Applicant of ' || c.number, 'unified_social_credit_code', '91330100MA2H3X4Y5Z', '+8657188880000',
            u.email, u.id, true, true, 'express'
       FROM cases c JOIN users u ON u.id = c.created_by`,
  );
  await db.query(
    `INSERT INTO case_parties (case_id, side, position, kind, name, email) SELECT id, 'respondent', 0, 'organisation', 'Respondent of ' || number, 'respondent@bench.accord' FROM cases`,
  );
  await db.query(`INSERT INTO ip_rights (case_id, position, kind, number, jurisdiction) SELECT id, 0, 'patent', 'ZL' || number, 'CN' FROM cases`);
  await db.query(
    `INSERT INTO documents (case_id, kind, visibility, side, filename, content_type, size, sha256, storage_key, uploaded_by)
     SELECT id, 'evidence', 'all_parties', 'applicant', 'evidence.pdf', 'application/pdf', 136, repeat('a', 64), 'cases/' || id || '/documents/seed', created_by FROM cases`,
  );
  await db.query(
    `INSERT INTO case_events (case_id, sequence, type, actor_id, actor_role, occurred_at, payload, confidential, prev_hash, hash, algorithm)
     SELECT case_id, sequence, type, actor_id, 'applicant', occurred_at, payload, false, prev_hash, hash, 'sha256'
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::timestamptz[], $6::jsonb[], $7::text[], $8::text[])
         AS t(case_id, sequence, type, actor_id, occurred_at, payload, prev_hash, hash)`,
    ['caseId', 'sequence', 'type', 'actor', 'at', 'payload', 'prevHash', 'hash'].map((k) => column(events, k)),
  );
  await db.query('VACUUM ANALYZE');
  return { cases, adminId: admin.id };
}

/** Each case's chain from the database: verified, and the transitions after the two seeded links. */
async function chainsOf(db, ids) {
  const rows = await db.query(
    `SELECT case_id, sequence, type, actor_id, occurred_at, payload, prev_hash, hash, algorithm FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, sequence`,
    [ids],
  );
  const byCase = new Map();
  for (const r of rows) {
    const list = byCase.get(r.case_id) ?? [];
    list.push({ alg: r.algorithm, prevHash: r.prev_hash, sequence: r.sequence, type: r.type, actorId: r.actor_id, occurredAt: r.occurred_at, payload: r.payload, hash: r.hash });
    byCase.set(r.case_id, list);
  }
  return byCase;
}

async function main() {
  let seeded;
  const rows = [];
  const targets = [];
  return withStack({ name: 'transitions', beforeApp: async (s) => (seeded = await seed(s.db)) }, async (stack) => {
    const { db } = stack;
    const tokens = new Map();
    const cases = seeded.cases.map((c) => ({
      id: c.id,
      version: 2,
      status: 'submitted',
      applicantToken: tokens.get(c.applicant) ?? tokens.set(c.applicant, stack.token(c.applicant)).get(c.applicant),
    }));
    process.stdout.write(`${CASES.toLocaleString('en')} cases, ${CONNECTIONS} connections: ${WARMUP} s warm-up, ${DURATION} s measured… `);
    const sampler = rssSampler(stack.pids);
    let cpuBefore;
    const load = await runLoad(
      join(__dirname, 'support', 'transitions.load.cjs'),
      { url: stack.url, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, cases, adminToken: stack.token(seeded.adminId), conflictRatio: CONFLICT_RATIO },
      {
        onMeasuring: () => {
          cpuBefore = cpuReading(stack);
          void resetStatements(stack);
        },
      },
    );
    const cpu = { ...cpuSince(stack, cpuBefore), driver: load.loadCpuSeconds };
    const rss = sampler.stop();
    const { record } = load;
    const requests = record.latencies.ok.length + record.latencies.conflict.length;
    process.stdout.write(`${(load.measuredOk / load.seconds).toFixed(1)} transitions/s\n`);

    // The database against every answer.
    const chains = await chainsOf(
      db,
      load.cases.map((c) => c.id),
    );
    const [versions] = [await db.query(`SELECT id, version, status FROM cases WHERE id = ANY($1::uuid[])`, [load.cases.map((c) => c.id)])];
    const stored = new Map(versions.map((v) => [v.id, v]));
    let broken = 0;
    let mismatched = 0;
    let fired = 0;
    const examples = [];
    for (const c of load.cases) {
      fired += c.fired.length;
      const chain = chains.get(c.id) ?? [];
      const verification = verifyChain(chain);
      if (!verification.ok) {
        broken++;
        if (examples.length < 3) examples.push(`${c.id}: ${verification.detail}`);
      }
      const types = chain.slice(2).map((e) => e.type);
      const row = stored.get(c.id);
      if (types.join() !== c.fired.join() || row.version !== 2 + c.fired.length || row.status !== c.status) {
        mismatched++;
        if (examples.length < 3) examples.push(`${c.id}: answered ${c.fired.join(',')} but stored ${types.join(',')} (version ${row.version})`);
      }
    }

    const ok = latencySummary(record.latencies.ok);
    const conflict = latencySummary(record.latencies.conflict);
    rows.push({
      requests: 'all',
      count: requests,
      'per s': requests / load.seconds,
      'p50 ms': latencySummary([...record.latencies.ok, ...record.latencies.conflict]).p50,
      'p99 ms': latencySummary([...record.latencies.ok, ...record.latencies.conflict]).p99,
      'API RSS MB': round1(rss.api),
      'worker RSS MB': round1(rss.worker),
      'CPU ms per transition': cpuPer(cpu, load.measuredOk),
    });
    rows.push({ requests: 'answered 200 (transitions)', count: record.latencies.ok.length, 'per s': load.measuredOk / load.seconds, 'p50 ms': ok.p50, 'p99 ms': ok.p99 });
    rows.push({
      requests: 'answered 409 (conflicts)',
      count: record.latencies.conflict.length,
      'per s': record.latencies.conflict.length / load.seconds,
      'p50 ms': conflict.p50,
      'p99 ms': conflict.p99,
    });
    targets.push({
      name: 'every stale request answered 409',
      met: record.stale.sent > 0 && record.stale.got409 === record.stale.sent,
      actual: `${record.stale.got409} of ${record.stale.sent}${Object.keys(record.stale.other).length ? `; others: ${JSON.stringify(record.stale.other)}` : ''}`,
    });
    targets.push({
      name: 'every race: exactly one 200 and one 409',
      met: record.race.pairs > 0 && record.race.oneWon === record.race.pairs,
      actual: `${record.race.oneWon} of ${record.race.pairs}${Object.keys(record.race.other).length ? `; others: ${JSON.stringify(record.race.other)}` : ''}`,
    });
    targets.push({
      name: 'every other request answered 200',
      met: Object.keys(record.unexpected).length === 0,
      actual: Object.keys(record.unexpected).length ? JSON.stringify(record.unexpected).slice(0, 300) : 'yes',
    });
    targets.push({
      name: 'each chain holds exactly the transitions answered 200, in order',
      met: mismatched === 0,
      actual: `${fired} transitions answered 200 (warm-up included), ${mismatched} cases differ${examples.length ? `: ${examples.join('; ')}` : ''}`,
    });
    targets.push({ name: 'every chain verifies', met: broken === 0, actual: `${broken} of ${load.cases.length} broken` });

    return {
      description: `concurrent intake transitions on ${CASES.toLocaleString('en')} cases at ${CONNECTIONS} connections for ${DURATION} s, ${CONFLICT_RATIO * 100} % deliberately conflicting`,
      parameters: {
        cases: CASES,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        conflictRatio: CONFLICT_RATIO,
        transitionsPerSecond: round1(load.measuredOk / load.seconds),
        postgres: stack.postgresVersion,
        topStatements: await topStatements(stack, 8),
      },
      rows,
      targets,
    };
  });
}

runBenchmark(main);
