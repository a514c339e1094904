import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { jobOptionsFor } from '../infrastructure/queue/job-options';
import { JobQueue } from '../infrastructure/queue/job-queue.service';
import { JOB_QUEUE, JobName, QueueName } from '../infrastructure/queue/queue-names';
import { InlineJobs } from './inline-jobs';
import { OUTBOX_CHANNEL } from './outbox.service';

interface ClaimedRow {
  id: string;
  job: string;
  data: Record<string, unknown>;
  run_at: Date | null;
}

/** Relayed rows are kept this long (for looking into what happened), then deleted. */
const RELAYED_RETENTION = '7 days';
const PRUNE_EVERY_MS = 10 * 60_000;
/** A Redis that answers nothing within this is treated as down for this pass. */
const ENQUEUE_TIMEOUT_MS = 10_000;

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });

/**
 * Moves outbox rows to BullMQ; runs in worker processes only. A pass claims a batch with
 * `FOR UPDATE SKIP LOCKED` (so several workers relay different rows at once) and a lease
 * (`claimed_until`) that it commits at once: the enqueue happens outside any transaction. Each
 * job's id is its row's id, so a row relayed twice (a relay died after enqueueing, before
 * marking it) is one job. While Redis is down the rows stay and the next pass after it is back
 * takes them. Woken by PostgreSQL NOTIFY on commit, and by a poll as a backstop. Rows of a job
 * registered in `InlineJobs` it runs itself (a row run twice must do no harm: those handlers are
 * idempotent, as every job is).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastPrune = 0;
  private redisWasDown = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
    private readonly inline: InlineJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.pollTimer = setInterval(() => this.nudge(), this.config.get('OUTBOX_POLL_INTERVAL_MS'));
    void this.listen();
    this.nudge();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Start a pass now, or right after the one under way. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Relay until a pass finds less than a full batch. Resolves when done; never rejects. */
  async drain(): Promise<void> {
    try {
      const batch = this.config.get('OUTBOX_BATCH_SIZE');
      while (!this.stopped && (await this.relayOnce()) >= batch);
      await this.pruneNowAndThen();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; the rows wait for the next pass');
    }
  }

  /** One batch: claim, enqueue, mark. Returns how many rows it claimed. */
  async relayOnce(): Promise<number> {
    if (!(await this.redisReady())) return 0;
    const rows = (await this.db.query(
      `UPDATE outbox o SET claimed_until = now() + make_interval(secs => $2::double precision / 1000), relay_attempts = relay_attempts + 1
       FROM (SELECT id FROM outbox
             WHERE relayed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) next
       WHERE o.id = next.id
       RETURNING o.id, o.job, o.data, o.run_at`,
      [this.config.get('OUTBOX_BATCH_SIZE'), this.config.get('OUTBOX_LEASE_MS')],
    )) as [ClaimedRow[], number] | ClaimedRow[];
    const all = (Array.isArray(rows[0]) ? rows[0] : rows) as ClaimedRow[];
    if (all.length === 0) return 0;
    // A row for a job this version does not know (written by a newer one during a rolling
    // deploy) keeps its lease, so it is skipped until then, and blocks nothing else.
    const unknown = all.filter((r) => !(r.job in JOB_QUEUE));
    if (unknown.length > 0) {
      await this.db.query(`UPDATE outbox SET last_error = 'unknown job for this version' WHERE id = ANY($1::uuid[])`, [unknown.map((r) => r.id)]);
    }
    const claimed = all.filter((r) => r.job in JOB_QUEUE);
    if (claimed.length === 0) return all.length;
    const ids = claimed.map((r) => r.id);
    try {
      await this.enqueue(await this.runInline(claimed));
    } catch (error) {
      // Free the rows for the next pass instead of waiting for the lease to run out.
      await this.db.query(`UPDATE outbox SET claimed_until = NULL, last_error = $2 WHERE id = ANY($1::uuid[])`, [ids, (error as Error).message.slice(0, 1000)]);
      throw error;
    }
    await this.db.query(`UPDATE outbox SET relayed_at = now(), claimed_until = NULL, last_error = NULL WHERE id = ANY($1::uuid[])`, [ids]);
    return all.length;
  }

  /**
   * Runs the rows of jobs the relay runs itself (`InlineJobs`), a job's rows at once; answers the
   * rows left to enqueue: the others, those due later, and those of a handler that failed.
   */
  private async runInline(rows: ClaimedRow[]): Promise<ClaimedRow[]> {
    const now = this.clock.nowMs();
    const byJob = new Map<JobName, ClaimedRow[]>();
    const queued: ClaimedRow[] = [];
    for (const row of rows) {
      const job = row.job as JobName;
      const dueNow = !row.run_at || new Date(row.run_at).getTime() <= now;
      if (!dueNow || !this.inline.handlerOf(job)) queued.push(row);
      else if (byJob.has(job)) byJob.get(job)!.push(row);
      else byJob.set(job, [row]);
    }
    for (const [job, ofJob] of byJob) {
      try {
        await this.inline.handlerOf(job)!(ofJob.map(({ id, data }) => ({ id, data })));
      } catch (error) {
        this.logger.warn({ err: error, job, rows: ofJob.length }, 'a job the relay runs itself failed; its rows go to the queue to be retried');
        queued.push(...ofJob);
      }
    }
    return queued;
  }

  private async enqueue(rows: ClaimedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const now = this.clock.nowMs();
    const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
    for (const row of rows) {
      const job = row.job as JobName;
      const queue = JOB_QUEUE[job];
      const delay = row.run_at ? Math.max(0, new Date(row.run_at).getTime() - now) : 0;
      const list = byQueue.get(queue) ?? [];
      list.push({ name: job, data: row.data, opts: { ...jobOptionsFor(job, { DELIVERY_MAX_ATTEMPTS: this.config.get('DELIVERY_MAX_ATTEMPTS') }), jobId: row.id, delay } });
      byQueue.set(queue, list);
    }
    await withTimeout(Promise.all([...byQueue].map(([queue, jobs]) => this.jobs.queue(queue).addBulk(jobs))), ENQUEUE_TIMEOUT_MS, 'adding jobs to Redis');
  }

  /**
   * Commands to a Redis that is down wait in the client until it is back; asking first keeps
   * passes from piling up behind each other during an outage.
   */
  private async redisReady(): Promise<boolean> {
    const queues = Object.values(QueueName).map((q) => this.jobs.queue(q));
    const ready = await withTimeout(Promise.all(queues.map(async (q) => (await q.getBackend().client).status === 'ready')), 1_000, 'connecting to Redis').then(
      (states) => states.every(Boolean),
      () => false,
    );
    if (ready !== !this.redisWasDown) {
      this.redisWasDown = !ready;
      if (ready) this.logger.log('Redis is back: relaying the outbox');
      else this.logger.warn('Redis is not reachable: outbox rows wait until it is');
    }
    return ready;
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.db.query(`DELETE FROM outbox WHERE relayed_at < now() - interval '${RELAYED_RETENTION}'`);
  }

  /** LISTEN on its own connection (a pooled one would be handed to others); reconnects when it drops. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.get('DATABASE_URL'), application_name: 'accord-outbox-listener' });
    client.on('notification', () => this.nudge());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox listener connection lost; polling until it is back');
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = undefined;
      setTimeout(() => void this.listen(), 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not listen for outbox notifications; polling only, retrying');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 5_000).unref();
    }
  }
}
