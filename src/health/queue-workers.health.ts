import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../infrastructure/redis/redis.module';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JobQueue } from '../infrastructure/queue/job-queue.service';
import { QueueName } from '../infrastructure/queue/queue-names';

/** Each check answers within this, so readiness answers within 2 s whatever is down. */
export const HEALTH_CHECK_TIMEOUT_MS = 1_000;

/** `work`, or a rejection with `message` if it has not settled within `ms`. */
async function within<T>(ms: number, work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

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
    // BullMQ's connections wait for Redis without limit (they must, for the workers): don't ask
    // them while the shared client knows Redis is away, and never wait on them for long.
    if (this.redisClient.status !== 'ready') return check.down({ message: `Redis is unavailable (${this.redisClient.status})` });
    try {
      const counts = Object.fromEntries(
        await within(
          HEALTH_CHECK_TIMEOUT_MS,
          Promise.all(Object.values(QueueName).map(async (q) => [q, await this.jobs.queue(q).getWorkersCount()] as const)),
          `Redis did not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`,
        ),
      );
      const idle = Object.entries(counts)
        .filter(([, n]) => n === 0)
        .map(([q]) => q);
      return idle.length === 0 ? check.up({ workers: counts }) : check.down({ workers: counts, withoutWorker: idle });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
