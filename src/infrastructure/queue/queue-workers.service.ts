import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Worker } from 'bullmq';
import type { Environment } from '../../config/environment';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { DELIVERY_BACKOFF, retryDelayMs } from './delivery-backoff';
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
    const lockDuration = cfg.get('QUEUE_LOCK_DURATION_MS');
    const delivery = { baseMs: cfg.get('DELIVERY_RETRY_BASE_MS'), maxMs: cfg.get('DELIVERY_RETRY_MAX_MS'), jitter: 0.2 };
    this.workers = Object.values(QueueName).map((queue) => {
      const worker = new Worker(queue, (job) => this.registry.dispatch(job), {
        connection,
        prefix: cfg.get('QUEUE_PREFIX'),
        concurrency: queue === QueueName.Notifications ? cfg.get('NOTIFICATION_CONCURRENCY') : cfg.get('WORKER_CONCURRENCY'),
        lockDuration,
        // A dead worker's jobs go back to the queue once their lock has expired: look that often.
        stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)),
        settings: {
          backoffStrategy: (attemptsMade: number, type?: string) => {
            if (type === DELIVERY_BACKOFF) return retryDelayMs(attemptsMade, delivery);
            throw new Error(`unknown backoff type "${type}"`);
          },
        },
      });
      worker.on('failed', (job, error) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'));
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
