import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../infrastructure/redis/redis.module';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '../infrastructure/queue/job-queue.service';
import { QueueName } from '../infrastructure/queue/queue-names';

/**
 * Redis answers, and every queue has at least one worker attached somewhere (in this process
 * or in a separate worker process: BullMQ workers announce themselves in Redis).
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly jobs: JobQueue,
    @Inject(REDIS) private readonly redisClient: Redis,
  ) {}

  async redis() {
    const check = this.health.check('redis');
    try {
      const pong = await this.redisClient.ping();
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${pong}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  async workers() {
    const check = this.health.check('queueWorkers');
    try {
      const counts = Object.fromEntries(
        await Promise.all(
          Object.values(QueueName).map(async (q) => [q, await this.jobs.queue(q).getWorkersCount()] as const),
        ),
      );
      const idle = Object.entries(counts).filter(([, n]) => n === 0).map(([q]) => q);
      return idle.length === 0 ? check.up({ workers: counts }) : check.down({ workers: counts, withoutWorker: idle });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
