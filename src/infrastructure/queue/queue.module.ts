import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../../config/config.module';
import { redisOptionsFromUrl } from '../redis/redis-options';
import { JobQueue } from './job-queue.service';
import { JobRegistry } from './job-registry.service';
import { QueueName } from './queue-names';
import { QueueWorkers } from './queue-workers.service';
import { SweepScheduler } from '../sweep/sweep-scheduler.service';

const queues = Object.values(QueueName).map((name) => ({ name }));

@Global()
@Module({})
export class QueueModule {
  /** Every process can enqueue; only worker processes (`worker`, `all`) run the workers. */
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: AppConfig) => ({
            connection: redisOptionsFromUrl(config.get('REDIS_URL')),
            prefix: config.get('QUEUE_PREFIX'),
            defaultJobOptions: {
              attempts: 8,
              backoff: { type: 'exponential', delay: 1_000 },
              // Kept by age and count, not forever; failures stay longer so people can look.
              removeOnComplete: { age: 24 * 3600, count: 10_000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        BullModule.registerQueue(...queues),
      ],
      providers: [JobRegistry, JobQueue, SweepScheduler, ...(options.runWorkers ? [QueueWorkers] : [])],
      exports: [JobQueue, SweepScheduler, BullModule],
    };
  }
}
