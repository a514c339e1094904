#!/usr/bin/env node
// `npm run bench notifications` (issues 11, 24): notifications through the whole path, against
// what the same machine does with no application in the way.
//
// * In-app: notifications written as Notifier.notify writes them (a notifications row each and
//   one outbox row for the live push of the transaction's in-app notifications, in the writer's
//   transaction, which NOTIFYs the relay), and the worker's outbox relay pushing them itself, a
//   claimed batch of rows at once (recorded per notification in notification_deliveries,
//   published on Redis; no BullMQ job since the relay runs them, issue 24). BENCH_BATCH notifications per transaction
//   (default 100), then the shape a transition has, 3 (skipped when BENCH_BATCH is 3). The
//   yardstick: jobs/s of an empty BullMQ processor, in a process of its own with the app's
//   worker settings, on the same Redis. Target: in-app notifications/s ≥ 0.5× its jobs/s.
// * E-mail: notifications on the e-mail channel only (one `notifications.deliver` job each, as
//   Notifier writes them), delivered by the worker to the local SMTP server; against raw
//   nodemailer, pooled as the app pools it, sending as many messages at once as the worker
//   runs jobs, to the same server. Target: ≥ 0.5× its messages/s.
// * None lost, none twice: each notification delivered exactly once on each of its channels.
//
// Every path is warmed up first (BENCH_NOTIFICATION_WARMUP each, default 1,000; e-mail a fifth of
// it). Completion is polled from the benchmark's own connection four times a second, and that
// backend's CPU is left out of PostgreSQL's; the time is the last delivery's own `finished_at`,
// so the polling never adds to it. CPU ms per notification come from /proc: API, worker,
// PostgreSQL, Redis for the app; the empty processor and Redis, or nodemailer's process, for the
// yardsticks (the SMTP server is the benchmark's own, the same for both).
//
// Notifications are written by 4 transactions at once.
// BENCH_NOTIFICATIONS (in-app, default 10,000), BENCH_EMAILS (default 5,000), BENCH_BATCH (100),
// BENCH_NOTIFICATION_WARMUP (1,000), BENCH_NOTIFICATION_CONCURRENCY (notification jobs at once:
// the app's NOTIFICATION_CONCURRENCY, and the yardsticks' jobs or messages at once; default 10, the
// app's default).
const { fork } = require('node:child_process');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { withStack, rssSampler, cpuReading, cpuSince, procCpu, pollingClient, resetStatements, topStatements, dist } = require('./support/stack.cjs');
const { latencySummary, round1, envInt, cpuPer, runBenchmark } = require('./support/stats.cjs');
const { Queue } = require('bullmq');
const { Outbox } = require(join(dist, 'outbox/outbox.service.js'));
const { JobName } = require(join(dist, 'infrastructure/queue/queue-names.js'));
const { redisOptionsFromUrl } = require(join(dist, 'infrastructure/redis/redis-options.js'));
const { renderNotification } = require(join(dist, 'notifications/notification-templates.js'));

const NOTIFICATIONS = envInt('BENCH_NOTIFICATIONS', 10_000);
const EMAILS = envInt('BENCH_EMAILS', 5_000);
const BATCH = envInt('BENCH_BATCH', 100);
const REALISTIC_BATCH = 3;
const WARMUP = envInt('BENCH_NOTIFICATION_WARMUP', 1_000);
const EMAIL_WARMUP = Math.max(1, Math.round(WARMUP / 5));
const RECIPIENTS = 1_000;
// Writing transactions at once (the benchmark's pool has 8 connections).
const WRITERS = 4;
// The app's NOTIFICATION_CONCURRENCY (default 10); the yardsticks get the same.
const CONCURRENCY = envInt('BENCH_NOTIFICATION_CONCURRENCY', 10);
// The app's defaults (SMTP_MAX_CONNECTIONS, SMTP_MAX_MESSAGES, MAIL_FROM), for raw nodemailer.
const SMTP_POOL = { maxConnections: 5, maxMessages: 100, from: 'Accord <no-reply@accord.localhost>' };
const TARGET_RATIO = 0.5;
const now = () => performance.timeOrigin + performance.now();
const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
const messageData = (g) => ({ caseNumber: `ACC-2026-${String(g).padStart(6, '0')}`, caseTitle: `Bench dispute ${g}` });

/**
 * Writes `count` notifications on `channel` in transactions of `batch`, as Notifier.notify does,
 * tagged with `phase` (in their data), and waits until each has its delivery recorded. Resolves
 * with the time from the first write to the last delivery, the CPU used meanwhile, and the checks.
 */
async function throughApp(stack, poller, users, { phase, channel, count, batch }) {
  const { db } = stack;
  const outbox = new Outbox();
  const before = cpuReading(stack);
  const startedAt = now();
  // Several writers at once, as transitions on many cases would be: one writer would make small
  // batches wait on its round trips rather than on delivery.
  let nextWrite = 0;
  const writer = async () => {
    while (nextWrite < count) {
      const written = nextWrite;
      const n = Math.min(batch, count - written);
      nextWrite += n;
      await write(written, n);
    }
  };
  const write = (written, n) =>
    db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO notifications (user_id, template, data, language, channels)
         SELECT ($1::uuid[])[1 + (g % cardinality($1::uuid[]))], 'submit',
                jsonb_build_object('caseNumber', 'ACC-2026-' || lpad(g::text, 6, '0'), 'caseTitle', 'Bench dispute ' || g, 'phase', $4::text), 'zh-CN', ARRAY[$5::text]
           FROM generate_series($2::int, $3::int) g
         RETURNING id`,
        [users, written + 1, written + n, phase, channel],
      );
      // As Notifier.notify: one live-push job for the transaction's in-app notifications, one job per e-mail.
      await outbox.addMany(
        tx,
        channel === 'in_app'
          ? [{ job: JobName.PushInApp, data: { notificationIds: rows.map((r) => r.id) } }]
          : rows.map((r) => ({ job: JobName.DeliverNotification, data: { notificationId: r.id, channel } })),
      );
    });
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const writtenAt = now();
  const deadline = Date.now() + 15 * 60_000;
  let done = 0;
  while (done < count && Date.now() < deadline) {
    await sleep(250);
    [{ bench_poll_done: done }] = await poller.query(
      `SELECT count(*)::int AS bench_poll_done FROM notifications n
        WHERE n.data->>'phase' = $1 AND EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = $2 AND d.status = 'delivered')`,
      [phase, channel],
    );
  }
  const cpu = cpuSince(stack, before);
  const [check] = await db.query(
    `SELECT count(*)::int AS notifications,
            count(*) FILTER (WHERE (SELECT count(*) FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = $2 AND d.status = 'delivered') = 1)::int AS delivered_once,
            (SELECT count(*) FROM notification_deliveries d JOIN notifications m ON m.id = d.notification_id WHERE m.data->>'phase' = $1)::int AS attempts,
            (SELECT count(*) FROM outbox WHERE relayed_at IS NULL)::int AS unrelayed,
            extract(epoch FROM (SELECT max(d.finished_at) FROM notification_deliveries d JOIN notifications m ON m.id = d.notification_id WHERE m.data->>'phase' = $1)) * 1000 AS last_delivered_ms
       FROM notifications n WHERE n.data->>'phase' = $1`,
    [phase, channel],
  );
  // From the notification's commit to its delivery being recorded, per notification.
  const latencies = (
    await db.query(
      `SELECT extract(epoch FROM d.finished_at - n.created_at) * 1000 AS ms FROM notifications n
         JOIN notification_deliveries d ON d.notification_id = n.id AND d.status = 'delivered' WHERE n.data->>'phase' = $1`,
      [phase],
    )
  ).map((r) => Number(r.ms));
  const seconds = (Number(check.last_delivered_ms) - startedAt) / 1000;
  return { seconds, writeSeconds: (writtenAt - startedAt) / 1000, check, latencies, cpu };
}

/** The empty processor, in a process of its own, and a queue to add to it as the relay adds jobs. */
async function emptyProcessor(stack) {
  const connection = redisOptionsFromUrl(stack.redisUrl);
  const prefix = 'bench-raw';
  const queue = new Queue('raw', {
    connection,
    prefix,
    defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 30 * 24 * 3600 } },
  });
  const child = fork(join(__dirname, 'support', 'raw-worker.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = messages(child);
  child.send({ connection, queue: 'raw', prefix, concurrency: CONCURRENCY });
  await next(); // listening
  let jobs = 0;
  const run = async (count) => {
    const before = { processor: procCpu(child.pid).self, redis: procCpu(stack.redisPid).self };
    child.send({ expect: count });
    const startedAt = now();
    for (let added = 0; added < count; added += 200) {
      const n = Math.min(200, count - added);
      await queue.addBulk(
        Array.from({ length: n }, (_, i) => ({
          name: JobName.DeliverNotification,
          data: { notificationId: `n-${jobs + i}`, channel: 'in_app' },
          opts: { jobId: `raw-${jobs + i}` },
        })),
      );
      jobs += n;
    }
    const { finishedAt, latencies } = await next();
    const cpu = { processor: procCpu(child.pid).self - before.processor, redis: procCpu(stack.redisPid).self - before.redis };
    return { seconds: (finishedAt - startedAt) / 1000, latencies, cpu };
  };
  const close = async () => {
    child.send({ close: true });
    await next();
    await queue.close();
  };
  return { run, close, pid: child.pid };
}

/** Raw pooled nodemailer, in a process of its own, sending the message the app would. */
async function rawMailer(stack) {
  const child = fork(join(__dirname, 'support', 'raw-mailer.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = messages(child);
  child.send({ url: stack.smtp.url, concurrency: CONCURRENCY, ...SMTP_POOL });
  await next();
  const rendered = renderNotification('submit', 'zh-CN', messageData(1), { timeZone: 'Asia/Shanghai', publicUrl: 'http://localhost:3000' });
  const message = { to: 'r1@bench.accord', subject: rendered.title, text: rendered.text };
  const run = async (count) => {
    const before = procCpu(child.pid).self;
    const sinkBefore = stack.smtp.messages;
    child.send({ send: count, message });
    const { seconds } = await next();
    return { seconds, cpu: { nodemailer: procCpu(child.pid).self - before }, received: stack.smtp.messages - sinkBefore };
  };
  const close = async () => {
    child.send({ close: true });
    await next();
  };
  return { run, close };
}

/** The next message from a forked child, in order. */
function messages(child) {
  const queue = [];
  let wake;
  child.on('message', (m) => {
    queue.push(m);
    wake?.();
  });
  return async () => {
    while (queue.length === 0) await new Promise((resolve) => (wake = resolve));
    return queue.shift();
  };
}

async function main() {
  const rows = [];
  const targets = [];
  return withStack({ name: 'notifications', env: { NOTIFICATION_CONCURRENCY: String(CONCURRENCY) } }, async (stack) => {
    const { db } = stack;
    const poller = await pollingClient(stack);
    const users = (
      await db.query(
        `INSERT INTO users (email, display_name, roles) SELECT 'r' || g || '@bench.accord', 'Recipient ' || g, '{party}'::text[] FROM generate_series(1, $1) g RETURNING id`,
        [RECIPIENTS],
      )
    ).map((r) => r.id);
    const sampler = rssSampler(stack.pids);

    // In-app, warmed up, then measured at BENCH_BATCH and at the shape of a transition.
    process.stdout.write(`warming up the in-app path (${WARMUP.toLocaleString('en')})… `);
    await throughApp(stack, poller, users, { phase: 'warmup-in-app', channel: 'in_app', count: WARMUP, batch: BATCH });
    const batches = BATCH === REALISTIC_BATCH ? [BATCH] : [BATCH, REALISTIC_BATCH];
    const inApp = {};
    for (const batch of batches) {
      process.stdout.write(`${NOTIFICATIONS.toLocaleString('en')} in-app, ${batch} per transaction… `);
      await resetStatements(stack);
      inApp[batch] = await throughApp(stack, poller, users, { phase: `in-app-${batch}`, channel: 'in_app', count: NOTIFICATIONS, batch });
      inApp[batch].statements = await topStatements(stack, 8);
      process.stdout.write(`${(NOTIFICATIONS / inApp[batch].seconds).toFixed(0)}/s; `);
    }
    process.stdout.write('\n');

    process.stdout.write('the empty BullMQ processor: warm-up… ');
    const processor = await emptyProcessor(stack);
    await processor.run(WARMUP);
    process.stdout.write(`${NOTIFICATIONS.toLocaleString('en')} jobs… `);
    const raw = await processor.run(NOTIFICATIONS);
    await processor.close();
    process.stdout.write(`${(NOTIFICATIONS / raw.seconds).toFixed(0)}/s\n`);

    // E-mail, warmed up, then measured; then raw nodemailer the same way.
    process.stdout.write(`e-mail: warm-up (${EMAIL_WARMUP.toLocaleString('en')})… `);
    await throughApp(stack, poller, users, { phase: 'warmup-email', channel: 'email', count: EMAIL_WARMUP, batch: BATCH });
    const sinkBefore = stack.smtp.messages;
    process.stdout.write(`${EMAILS.toLocaleString('en')} through the app… `);
    await resetStatements(stack);
    const email = await throughApp(stack, poller, users, { phase: 'email', channel: 'email', count: EMAILS, batch: BATCH });
    email.statements = await topStatements(stack, 8);
    email.received = stack.smtp.messages - sinkBefore;
    process.stdout.write(`${(EMAILS / email.seconds).toFixed(0)}/s; raw pooled nodemailer… `);
    const mailer = await rawMailer(stack);
    await mailer.run(EMAIL_WARMUP);
    const rawMail = await mailer.run(EMAILS);
    await mailer.close();
    process.stdout.write(`${(EMAILS / rawMail.seconds).toFixed(0)}/s\n`);
    const rss = sampler.stop();

    /** A row: `run` did `count` units in its seconds, with its CPU (and latencies); against `yardstick` units/s. */
    const row = (path, run, count, yardstick) => {
      const l = run.latencies ? latencySummary(run.latencies) : {};
      return {
        path,
        'per s': count / run.seconds,
        '× yardstick': yardstick ? count / run.seconds / yardstick : undefined,
        'wall s': run.seconds,
        'p50 ms': l.p50,
        'p99 ms': l.p99,
        'stack CPU ms/unit': (sum(run.cpu) * 1000) / count,
        'CPU ms per unit': cpuPer(run.cpu, count, 2),
      };
    };
    const rawRate = NOTIFICATIONS / raw.seconds;
    const rawMailRate = EMAILS / rawMail.seconds;
    for (const batch of batches) rows.push(row(`app in-app: outbox → relay → push, ${batch} per transaction`, inApp[batch], NOTIFICATIONS, rawRate));
    rows.push(row('empty BullMQ processor, same Redis (jobs)', raw, NOTIFICATIONS));
    rows.push(row(`app e-mail: outbox → BullMQ → SMTP, ${BATCH} per transaction`, email, EMAILS, rawMailRate));
    rows.push(row(`raw pooled nodemailer, same SMTP server (${CONCURRENCY} at once)`, rawMail, EMAILS));
    rows.push({ path: `peak RSS MB: API ${round1(rss.api)}, worker ${round1(rss.worker)}` });

    const ratio = NOTIFICATIONS / inApp[BATCH].seconds / rawRate;
    const realistic = inApp[REALISTIC_BATCH] ? `; ${REALISTIC_BATCH} per transaction ${(NOTIFICATIONS / inApp[REALISTIC_BATCH].seconds / rawRate).toFixed(2)}×` : '';
    targets.push({
      name: `in-app notifications/s (${BATCH} per transaction) ≥ ${TARGET_RATIO} × an empty BullMQ processor's jobs/s`,
      met: ratio >= TARGET_RATIO,
      actual: `${(NOTIFICATIONS / inApp[BATCH].seconds).toFixed(0)}/s vs ${rawRate.toFixed(0)}/s (${ratio.toFixed(2)}×${realistic})`,
    });
    const mailRatio = EMAILS / email.seconds / rawMailRate;
    targets.push({
      name: `e-mail deliveries/s ≥ ${TARGET_RATIO} × raw pooled nodemailer`,
      met: mailRatio >= TARGET_RATIO,
      actual: `${(EMAILS / email.seconds).toFixed(0)}/s vs ${rawMailRate.toFixed(0)}/s (${mailRatio.toFixed(2)}×)`,
    });
    const exact = (a, count) => a.check.notifications === count && a.check.delivered_once === count && a.check.attempts === count;
    const inAppExact = batches.every((b) => exact(inApp[b], NOTIFICATIONS));
    targets.push({
      name: 'none lost, none twice: each notification delivered exactly once on its channel, in one attempt',
      met: inAppExact && exact(email, EMAILS) && email.received === EMAILS && rawMail.received === EMAILS && email.check.unrelayed === 0,
      actual: [
        ...batches.map((b) => `in-app ×${b}: ${inApp[b].check.delivered_once} of ${NOTIFICATIONS} once, ${inApp[b].check.attempts} attempts`),
        `e-mail: ${email.check.delivered_once} of ${EMAILS} once, ${email.check.attempts} attempts, ${email.received} received by the server`,
        `raw nodemailer: ${rawMail.received} received`,
        `${email.check.unrelayed} outbox rows left`,
      ].join('; '),
    });
    return {
      description: `${NOTIFICATIONS.toLocaleString('en')} in-app notifications (${batches.join(' and ')} per transaction) against an empty BullMQ processor, and ${EMAILS.toLocaleString('en')} e-mails against raw pooled nodemailer (${CONCURRENCY} jobs at once), each warmed up`,
      parameters: {
        notifications: NOTIFICATIONS,
        emails: EMAILS,
        batch: BATCH,
        warmup: WARMUP,
        recipients: RECIPIENTS,
        notificationConcurrency: CONCURRENCY,
        writeSeconds: Object.fromEntries(batches.map((b) => [`inApp${b}`, round1(inApp[b].writeSeconds)]).concat([['email', round1(email.writeSeconds)]])),
        pollerCpuSeconds: round1(poller.cpuSeconds()),
        postgres: stack.postgresVersion,
        topStatements: { ...Object.fromEntries(batches.map((b) => [`inApp${b}`, inApp[b].statements])), email: email.statements },
      },
      rows,
      targets,
    };
  });
}

runBenchmark(main);
