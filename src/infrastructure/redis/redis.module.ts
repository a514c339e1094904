import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.module';
import { redisOptionsFromUrl } from './redis-options';

export const REDIS = Symbol('REDIS');

/**
 * Requests use the shared client (rate limits, lockouts, stream tickets, health): with Redis down
 * they must answer 503 at once rather than wait through the reconnection attempts. So the client
 * has no offline queue: while it is not connected, a command fails immediately.
 *
 * The command timeout is only for a Redis that is connected but does not answer (a hung server, a
 * network that drops packets without closing the connection). It is generous on purpose: ioredis
 * measures it with a timer, and a timer fires late-but-first after anything that held the event
 * loop (a PDF being laid out, a long GC pause), so with 1 s a healthy Redis, whose answer was
 * already waiting on the socket, failed sign-ins as "unavailable". A Redis that pauses for a moment
 * (a slow disk's fsync) likewise only slows a request. Every command this client sends is short;
 * BullMQ's blocking commands use connections of their own.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;

/** How long start-up waits for the shared client's first connection before going on without it. */
const FIRST_CONNECTION_WAIT_MS = 5_000;

/**
 * The shared client, connected if Redis answers within a few seconds: without an offline queue, a
 * request arriving before the first connection would fail. A Redis that is away at start-up does not
 * stop the API from starting (readiness says it is down, and the client keeps reconnecting).
 */
async function sharedClient(url: string): Promise<Redis> {
  const client = new Redis({
    ...redisOptionsFromUrl(url),
    maxRetriesPerRequest: 3,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  // Connection errors meanwhile are not the end: the client keeps trying until the wait is over.
  const connected = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), FIRST_CONNECTION_WAIT_MS);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!connected) new Logger('Redis').warn(`Redis did not answer within ${FIRST_CONNECTION_WAIT_MS / 1000} s of start-up; requests that need it answer 503 until it does`);
  return client;
}

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
      useFactory: (config: AppConfig) => sharedClient(config.get('REDIS_URL')),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
