import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.module';
import { redisOptionsFromUrl } from './redis-options';

export const REDIS = Symbol('REDIS');

/**
 * Longest a command of the shared client waits, queued while Redis is away included. Requests
 * use this client (rate limits, lockouts, stream tickets, health): with Redis down they must
 * fail fast, as a 503, rather than wait through the reconnection attempts. Every command it
 * sends is short; BullMQ's blocking commands use connections of their own.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/** Closes the shared client after everything else has stopped using it. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis client for everything that isn't BullMQ (health, rate limits, pub/sub…). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: AppConfig) =>
        new Redis({
          ...redisOptionsFromUrl(config.get('REDIS_URL')),
          maxRetriesPerRequest: 3,
          commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
          lazyConnect: false,
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
