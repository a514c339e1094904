import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobQueue } from '../queue/job-queue.service';
import { JOB_QUEUE, JobName } from '../queue/queue-names';
import { PeriodicSweep } from './periodic-sweep';

/** How long to wait before trying again to register the schedulers with a Redis that was not there. */
const RETRY_MS = 5_000;

export const sweepSchedulerId = (name: string): string => `sweep:${name}`;

/**
 * Runs every PeriodicSweep of the process through a BullMQ job scheduler (`sweep:<name>`, every
 * `intervalMs()`): Redis makes one job per interval, which one worker takes, however many worker
 * processes run. Upserting is idempotent, so each worker process registering the same schedulers
 * at start leaves one of each, with the interval of the last to start. API-only processes have no
 * sweeps and register nothing.
 */
@Injectable()
export class SweepScheduler implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SweepScheduler.name);
  private readonly sweeps = new Map<string, PeriodicSweep>();
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof PeriodicSweep)) continue;
      const other = this.sweeps.get(instance.sweepName);
      if (other && other !== instance) throw new Error(`Two sweeps are named "${instance.sweepName}": ${other.constructor.name} and ${instance.constructor.name}`);
      this.sweeps.set(instance.sweepName, instance);
    }
  }

  onApplicationBootstrap(): void {
    if (this.sweeps.size > 0) void this.schedule();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** The sweeps this process runs, by name. */
  names(): string[] {
    return [...this.sweeps.keys()];
  }

  @JobHandler(JobName.RunSweep)
  async run(job: Job<{ sweep: string }>): Promise<{ acted: number } | { skipped: string }> {
    const sweep = this.sweeps.get(job.data.sweep);
    // A scheduler left by an older version, for a sweep this one no longer has.
    if (!sweep) return { skipped: `no sweep "${job.data.sweep}" in this version` };
    return { acted: await sweep.sweep() };
  }

  /** Registers (or updates) every sweep's scheduler; a Redis that is down is tried again later. */
  private async schedule(): Promise<void> {
    const queue = this.jobs.queue(JOB_QUEUE[JobName.RunSweep]);
    try {
      for (const [name, sweep] of this.sweeps) {
        await queue.upsertJobScheduler(
          sweepSchedulerId(name),
          { every: sweep.intervalMs() },
          // One attempt: the next interval's sweep is the retry. Kept briefly, for looking into.
          { name: JobName.RunSweep, data: { sweep: name }, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
        );
      }
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'could not register the sweeps with Redis; trying again');
      this.retry = setTimeout(() => void this.schedule(), RETRY_MS);
    }
  }
}
