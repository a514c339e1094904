import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Worker } from 'bullmq';
import type { Environment } from '../../config/environment';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { JobRegistry } from './job-registry.service';
import { QueueName } from './queue-names';

/**
 * One BullMQ worker per queue, each dispatching to the registered handler by job name.
 * Present only in worker processes. On shutdown the workers stop taking jobs and finish the
 * ones in hand before the database pool closes.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    const cfg = this.config;
    const connection = redisOptionsFromUrl(cfg.get('REDIS_URL'));
    this.workers = Object.values(QueueName).map((queue) => {
      const worker = new Worker(queue, (job) => this.registry.dispatch(job), {
        connection,
        prefix: cfg.get('QUEUE_PREFIX'),
        concurrency: cfg.get('WORKER_CONCURRENCY'),
        lockDuration: 60_000,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.error({ queue, err: error }, 'worker error'));
      return worker;
    });
    this.logger.log(`workers running on ${this.workers.length} queues`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers = [];
  }
}
