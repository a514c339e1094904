#!/usr/bin/env node
// `npm run bench notifications` (issue 11): 10,000 notifications through the whole path: rows
// written as Notifier.notify writes them (a notifications row each and one outbox row for the
// in-app push of the transaction's notifications, in the writer's transaction, which NOTIFYs the
// relay), the outbox relay moving them to BullMQ, and the worker process pushing them in the app
// (recorded per notification in notification_deliveries, pushed on Redis). A transition notifies
// a few people at once; BENCH_BATCH=3 measures that shape. The yardstick: an empty BullMQ processor, in a process of its own with the app's worker
// settings, on the same Redis. Targets: app ≥ 0.5× the empty processor's jobs/s; none lost.
//
// Only the in-app channel: every account has an e-mail address, so Notifier would add an e-mail
// job per notification too, and e-mail delivery is not what this measures.
// BENCH_NOTIFICATIONS (default 10,000), BENCH_BATCH (notifications per writing transaction, 100),
// BENCH_WORKER_CONCURRENCY (jobs at once per queue, app and empty processor alike; default 5).
const { fork } = require('node:child_process');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { withStack, rssSampler, cpuReading, cpuSince, resetStatements, topStatements, dist } = require('./support/stack.cjs');
const { latencySummary, round1, envInt, cpuPer, runBenchmark } = require('./support/stats.cjs');
const { Queue } = require('bullmq');
const { Outbox } = require(join(dist, 'outbox/outbox.service.js'));
const { JobName } = require(join(dist, 'infrastructure/queue/queue-names.js'));
const { redisOptionsFromUrl } = require(join(dist, 'infrastructure/redis/redis-options.js'));

const NOTIFICATIONS = envInt('BENCH_NOTIFICATIONS', 10_000);
const BATCH = envInt('BENCH_BATCH', 100);
const RECIPIENTS = 1_000;
// The app's WORKER_CONCURRENCY (default 5); the empty processor gets the same.
const WORKER_CONCURRENCY = envInt('BENCH_WORKER_CONCURRENCY', 5);
const TARGET_RATIO = 0.5;
const now = () => performance.timeOrigin + performance.now();

/** The app's path: notifications written in batches, relayed, delivered; resolves when all are. */
async function throughApp(stack) {
  const { db } = stack;
  const users = (
    await db.query(
      `INSERT INTO users (email, display_name, roles) SELECT 'r' || g || '@bench.accord', 'Recipient ' || g, '{party}'::text[] FROM generate_series(1, $1) g RETURNING id`,
      [RECIPIENTS],
    )
  ).map((r) => r.id);
  const outbox = new Outbox();
  const before = cpuReading(stack);
  await resetStatements(stack);
  const startedAt = now();
  for (let written = 0; written < NOTIFICATIONS; written += BATCH) {
    const n = Math.min(BATCH, NOTIFICATIONS - written);
    await db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO notifications (user_id, template, data, language, channels)
         SELECT ($1::uuid[])[1 + (g % cardinality($1::uuid[]))], 'submit',
                jsonb_build_object('caseNumber', 'ACC-2026-' || lpad(g::text, 6, '0'), 'caseTitle', 'Bench dispute ' || g), 'zh-CN', '{in_app}'
           FROM generate_series($2::int, $3::int) g
         RETURNING id`,
        [users, written + 1, written + n],
      );
      // As Notifier.notify: one live-push job for the transaction's in-app notifications.
      await outbox.addMany(tx, [{ job: JobName.PushInApp, data: { notificationIds: rows.map((r) => r.id) } }]);
    });
  }
  const writtenAt = now();
  // Done when every notification has its delivery recorded (polled; the poll is cheap next to the work).
  let delivered = 0;
  const deadline = Date.now() + 15 * 60_000;
  while (delivered < NOTIFICATIONS && Date.now() < deadline) {
    await sleep(50);
    delivered = (await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE status = 'delivered'`))[0].n;
  }
  const finishedAt = now();
  const cpu = cpuSince(stack, before);
  const [check] = await db.query(
    `SELECT (SELECT count(*) FROM notifications)::int AS notifications,
            (SELECT count(DISTINCT notification_id) FROM notification_deliveries WHERE status = 'delivered' AND channel = 'in_app')::int AS delivered,
            (SELECT count(*) FROM notification_deliveries WHERE status <> 'delivered')::int AS other_attempts,
            (SELECT count(*) FROM notification_deliveries)::int AS attempts,
            (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed`,
  );
  // From the notification's commit to its delivery being recorded, per notification.
  const latencies = (
    await db.query(
      `SELECT extract(epoch FROM d.finished_at - n.created_at) * 1000 AS ms FROM notifications n JOIN notification_deliveries d ON d.notification_id = n.id AND d.status = 'delivered'`,
    )
  ).map((r) => Number(r.ms));
  return { seconds: (finishedAt - startedAt) / 1000, writeSeconds: (writtenAt - startedAt) / 1000, check, latencies, cpu, statements: await topStatements(stack, 6) };
}

/** The same number of jobs through an empty processor on the same Redis, added as the relay adds them. */
async function rawBullmq(stack) {
  const connection = redisOptionsFromUrl(stack.redisUrl);
  const prefix = 'bench-raw';
  const queue = new Queue('raw', {
    connection,
    prefix,
    defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 30 * 24 * 3600 } },
  });
  const worker = fork(join(__dirname, 'support', 'raw-worker.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages = [];
  let wake;
  worker.on('message', (m) => {
    messages.push(m);
    wake?.();
  });
  const next = async () => {
    while (messages.length === 0) await new Promise((resolve) => (wake = resolve));
    return messages.shift();
  };
  worker.send({ connection, queue: 'raw', prefix, concurrency: WORKER_CONCURRENCY, expected: NOTIFICATIONS });
  await next(); // listening
  const sampler = rssSampler({ rawWorker: worker.pid });
  const startedAt = now();
  for (let added = 0; added < NOTIFICATIONS; added += 200) {
    const n = Math.min(200, NOTIFICATIONS - added);
    await queue.addBulk(
      Array.from({ length: n }, (_, i) => ({
        name: JobName.DeliverNotification,
        data: { notificationId: `n-${added + i}`, channel: 'in_app' },
        opts: { jobId: `raw-${added + i}` },
      })),
    );
  }
  const { finishedAt, latencies } = await next();
  const rss = sampler.stop();
  await queue.close();
  return { seconds: (finishedAt - startedAt) / 1000, latencies, rssMB: rss.rawWorker };
}

async function main() {
  const rows = [];
  const targets = [];
  return withStack({ name: 'notifications', env: { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) } }, async (stack) => {
    process.stdout.write(`${NOTIFICATIONS.toLocaleString('en')} notifications through outbox → BullMQ → in-app delivery… `);
    const sampler = rssSampler(stack.pids);
    const app = await throughApp(stack);
    const rss = sampler.stop();
    const appRate = NOTIFICATIONS / app.seconds;
    process.stdout.write(`${appRate.toFixed(0)}/s\nthe same number of jobs through an empty BullMQ processor… `);
    const raw = await rawBullmq(stack);
    const rawRate = NOTIFICATIONS / raw.seconds;
    process.stdout.write(`${rawRate.toFixed(0)}/s\n`);

    const a = latencySummary(app.latencies);
    const r = latencySummary(raw.latencies);
    rows.push({
      path: 'app: outbox → BullMQ → in-app delivery',
      'per s': appRate,
      'wall s': app.seconds,
      'p50 ms': a.p50,
      'p99 ms': a.p99,
      'max ms': a.max,
      'API RSS MB': round1(rss.api),
      'worker RSS MB': round1(rss.worker),
      'CPU ms per notification': cpuPer(app.cpu, NOTIFICATIONS, 2),
    });
    rows.push({
      path: 'empty BullMQ processor, same Redis',
      'per s': rawRate,
      'wall s': raw.seconds,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'max ms': r.max,
      'worker RSS MB': round1(raw.rssMB),
    });
    const ratio = appRate / rawRate;
    targets.push({
      name: `app ≥ ${TARGET_RATIO} × an empty BullMQ processor`,
      met: ratio >= TARGET_RATIO,
      actual: `${appRate.toFixed(0)}/s vs ${rawRate.toFixed(0)}/s (${ratio.toFixed(2)}×)`,
    });
    const lost = NOTIFICATIONS - app.check.delivered;
    targets.push({
      name: 'none lost: each notification delivered in-app exactly once',
      met: lost === 0 && app.check.notifications === NOTIFICATIONS && app.check.attempts === NOTIFICATIONS && app.check.unrelayed === 0,
      actual: `${app.check.delivered} of ${NOTIFICATIONS} delivered, ${app.check.attempts} attempts (${app.check.other_attempts} not delivered), ${app.check.unrelayed} outbox rows left`,
    });
    return {
      description: `${NOTIFICATIONS.toLocaleString('en')} notifications written in transactions of ${BATCH}, through outbox → BullMQ → in-app delivery, against an empty BullMQ processor on the same Redis (${WORKER_CONCURRENCY} jobs at once)`,
      parameters: {
        notifications: NOTIFICATIONS,
        batch: BATCH,
        recipients: RECIPIENTS,
        workerConcurrency: WORKER_CONCURRENCY,
        writeSeconds: round1(app.writeSeconds),
        postgres: stack.postgresVersion,
        topStatements: app.statements,
      },
      rows,
      targets,
    };
  });
}

runBenchmark(main);
