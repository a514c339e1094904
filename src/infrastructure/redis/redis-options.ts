import type { RedisOptions } from 'bullmq';

/** ioredis options from a redis:// or rediss:// URL (BullMQ takes options, not a URL). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Required by BullMQ workers: a blocked command must wait, not fail after N retries.
    maxRetriesPerRequest: null,
    // Reconnect every 2 s at most while Redis is away (BullMQ's own default backs off to 20 s),
    // so queued work resumes soon after it is back.
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
}
