import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalRole, Language } from '../src/auth/roles';
import type { Case } from '../src/cases/entities/case.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { JobQueue } from '../src/infrastructure/queue/job-queue.service';
import { JobName, QueueName } from '../src/infrastructure/queue/queue-names';
import { Outbox } from '../src/outbox/outbox.service';
import { OutboxRelay } from '../src/outbox/outbox-relay.service';
import type { LocalRedis } from '../src/infrastructure/runtime/local-redis';
import { makeTempDir } from './setup/test-services';
import { caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { dedicatedRedis, isolatedDatabase } from './support/isolated-services';
import { startSmtpServer } from './support/smtp-server';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

/** Run `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

interface ChannelCount {
  notification_id: string;
  channel: string;
  delivered: number;
  attempts: number;
  interrupted: number;
}

/** Per notification of these cases and per channel: delivered rows, attempts, interrupted attempts. */
async function deliveryCounts(t: TestApp, caseIds: string[]): Promise<ChannelCount[]> {
  return t.db.query(
    `SELECT n.id AS notification_id, ch.channel,
            count(d.id) FILTER (WHERE d.status = 'delivered')::int AS delivered,
            count(d.id)::int AS attempts,
            count(d.id) FILTER (WHERE d.status = 'interrupted')::int AS interrupted
     FROM notifications n CROSS JOIN LATERAL unnest(n.channels) AS ch(channel)
     LEFT JOIN notification_deliveries d ON d.notification_id = n.id AND d.channel = ch.channel
     WHERE n.case_id = ANY($1::uuid[])
     GROUP BY n.id, ch.channel`,
    [caseIds],
  ) as Promise<ChannelCount[]>;
}

describe('outbox under faults (a database and a Redis of their own)', () => {
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let redis: LocalRedis;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
    [database, redis] = await Promise.all([isolatedDatabase('faults'), dedicatedRedis()]);
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
    await database?.drop();
  });

  const fixtures = async (t: TestApp, count: number): Promise<{ intake: SignedIn; cases: Case[] }> => {
    const intake = await signedInUser(t, { roles: [GlobalRole.Admin] });
    const applicant = await signedInUser(t, { language: Language.ZhCN });
    const cases = await inBatches(Array.from({ length: count }), 10, () =>
      caseInState(t, { status: CaseStatus.Submitted, createdBy: applicant.user.id, applicantUserId: applicant.user.id }),
    );
    return { intake, cases };
  };
  const requestCorrections = (t: TestApp, intake: SignedIn, cases: Case[]) =>
    inBatches(cases, 10, (c) =>
      t.http.post(`/api/v1/cases/${c.id}/transitions`).set('Authorization', intake.bearer).send({ event: 'request_correction', expectedVersion: 1, reason: '补充材料' }),
    );

  it('Redis stopped while 500 cases change state: the changes commit, their notifications wait, and each is delivered once when Redis is back', async () => {
    const t = await createTestApp({ env: { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'faults-redis', OUTBOX_POLL_INTERVAL_MS: '200' } });
    try {
      const { intake, cases } = await fixtures(t, 500);
      const ids = cases.map((c) => c.id);

      await redis.stop();
      const started = Date.now();
      const responses = await requestCorrections(t, intake, cases);
      const transitionsMs = Date.now() - started;
      expect(responses.map((r) => r.status)).toEqual(cases.map(() => 200));
      // Everything the 500 transitions caused is in the outbox, and nothing went out.
      const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`);
      const [{ notifications }] = await t.db.query(`SELECT count(*)::int AS notifications FROM notifications WHERE case_id = ANY($1::uuid[])`, [ids]);
      expect(notifications).toBe(500);
      // Per case: in-app, e-mail and SMS deliveries, the deadline's job and its reminder.
      expect(pending).toBe(500 * 5);
      expect(await t.db.query(`SELECT 1 FROM notification_deliveries`)).toEqual([]);
      // A whole relay pass, run after Redis stopped, leaves every row waiting.
      await t.app.get(OutboxRelay).drain();
      expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n).toBe(500 * 5);

      await redis.start();
      const back = Date.now();
      const counts = await eventually(
        async () => {
          const rows = await deliveryCounts(t, ids);
          return rows.length === 1500 && rows.every((r) => r.delivered === 1) ? rows : undefined;
        },
        120_000,
        'every notification delivered on every channel',
      );
      const drainedMs = Date.now() - back;
      // Exactly once: one attempt per channel, and it succeeded.
      expect(counts.filter((r) => r.attempts !== 1)).toEqual([]);
      expect(new Set(counts.map((r) => r.channel))).toEqual(new Set(['in_app', 'email', 'sms']));
      const [{ left }] = await t.db.query(`SELECT count(*)::int AS left FROM outbox WHERE relayed_at IS NULL`);
      expect(left).toBe(0);
      console.log(`Redis down: 500 transitions in ${transitionsMs} ms; 1,500 deliveries done ${drainedMs} ms after Redis came back`);
    } finally {
      if (!(await redisAnswers(redis))) await redis.start();
      await t.close();
    }
  }, 240_000);

  it('a worker killed mid-batch: another finishes; nothing is lost, each channel is recorded delivered once, and only a hand-over the kill cut off is sent again', async () => {
    const smtp = await startSmtpServer({ delayMs: 10 });
    const api = await createTestApp({ runWorkers: false, env: { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'faults-kill' } });
    const workerEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'faults-kill',
      SMTP_URL: smtp.url,
      DATA_DIR: makeTempDir('accord-worker-'),
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'silent',
      // A dead worker's claims and jobs come back after 3 s instead of 30 s and 60 s.
      OUTBOX_LEASE_MS: '3000',
      QUEUE_LOCK_DURATION_MS: '3000',
      OUTBOX_BATCH_SIZE: '50',
    };
    const workers: ChildProcess[] = [];
    try {
      const { intake, cases } = await fixtures(api, 200);
      const ids = cases.map((c) => c.id);
      expect((await requestCorrections(api, intake, cases)).every((r) => r.status === 200)).toBe(true);

      const first = spawn(process.execPath, [MAIN, 'worker'], { env: workerEnv, stdio: 'ignore' });
      workers.push(first);
      // Kill it while it is busy: some e-mails out, most not.
      await eventually(async () => (smtp.received.length >= 40 ? true : undefined), 60_000, 'the first worker to start delivering');
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = smtp.received.length;
      const before = await deliveryCounts(api, ids);
      expect(before.filter((r) => r.channel === 'email' && r.delivered === 0).length).toBeGreaterThan(0);

      const second = spawn(process.execPath, [MAIN, 'worker'], { env: workerEnv, stdio: 'ignore' });
      workers.push(second);
      const counts = await eventually(
        async () => {
          const rows = await deliveryCounts(api, ids);
          return rows.length === 600 && rows.every((r) => r.delivered === 1) ? rows : undefined;
        },
        90_000,
        'the second worker to deliver the rest',
      );

      // Not lost: every notification reached the SMTP server; not sent twice: a second copy
      // exists only where an attempt was cut off mid-hand-over (recorded as interrupted), and
      // carries the same Message-ID, so mail clients show it once.
      const received = new Map<string, number>();
      for (const r of smtp.received) received.set(r.mail.messageId ?? '', (received.get(r.mail.messageId ?? '') ?? 0) + 1);
      const emails = counts.filter((r) => r.channel === 'email');
      expect(emails).toHaveLength(200);
      for (const e of emails) {
        const copies = received.get(`<${e.notification_id}@notifications.accord>`) ?? 0;
        expect(copies).toBeGreaterThanOrEqual(1);
        expect(copies - 1).toBeLessThanOrEqual(e.interrupted);
      }
      const [{ left }] = await api.db.query(`SELECT count(*)::int AS left FROM outbox WHERE relayed_at IS NULL`);
      expect(left).toBe(0);
      const interrupted = counts.reduce((n, r) => n + r.interrupted, 0);
      const duplicates = smtp.received.length - 200;
      console.log(`worker killed after ${atKill} of 200 e-mails; ${interrupted} attempt(s) interrupted; ${duplicates} duplicate e-mail(s) at the server`);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise((r) => w.once('exit', r)))));
      await api.close();
      await smtp.close();
    }
  }, 240_000);

  it('three workers relaying the same outbox at once: every row is claimed once and becomes one job', async () => {
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'faults-many', OUTBOX_BATCH_SIZE: '50', OUTBOX_POLL_INTERVAL_MS: '100' };
    const apps = [await createTestApp({ env }), await createTestApp({ env }), await createTestApp({ env })];
    try {
      const [t] = apps;
      const tag = `many-${Date.now()}`;
      // One commit, one NOTIFY: all three relays wake up together.
      await t.db.transaction((tx) =>
        t.app.get(Outbox).addMany(
          tx,
          Array.from({ length: 3000 }, (_, i) => ({ job: JobName.SystemPing, data: { message: `${tag}-${i}` } })),
        ),
      );
      await eventually(
        async () => ((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE data->>'message' LIKE $1 AND relayed_at IS NULL`, [`${tag}-%`]))[0].n === 0 ? true : undefined),
        60_000,
        'the outbox to drain',
      );
      const [{ claims, rows }] = await t.db.query(`SELECT sum(relay_attempts)::int AS claims, count(*)::int AS rows FROM outbox WHERE data->>'message' LIKE $1`, [`${tag}-%`]);
      expect(rows).toBe(3000);
      expect(claims).toBe(3000);
      const queue = t.app.get(JobQueue).queue(QueueName.System);
      const counts = await eventually(
        async () => {
          const c = await queue.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
          return c.completed === 3000 ? c : undefined;
        },
        60_000,
        'every ping to run',
      );
      expect(counts).toMatchObject({ completed: 3000, waiting: 0, active: 0, delayed: 0, failed: 0 });
    } finally {
      for (const app of apps) await app.close();
    }
  }, 120_000);
});

async function redisAnswers(redis: LocalRedis): Promise<boolean> {
  const { spawnSync } = await import('node:child_process');
  return spawnSync('redis-cli', ['-p', String(redis.port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
}
