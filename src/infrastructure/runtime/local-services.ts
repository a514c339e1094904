import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Environment } from '../../config/environment';
import { embeddedDatabaseUrl } from '../database/data-source-options';
import { LocalPostgres } from './local-postgres';
import { LocalRedis } from './local-redis';
import { makeDataFolder } from './startup-error';

/**
 * The embedded mode: start PostgreSQL and Redis on this machine when no URL points elsewhere,
 * and hand their URLs to the rest of the process through the environment.
 */
export class LocalServices {
  private postgres?: LocalPostgres;
  private redis?: LocalRedis;

  constructor(private readonly log: Logger) {}

  async start(env: Environment): Promise<{ databaseUrl: string; redisUrl: string }> {
    const dataDir = resolve(env.DATA_DIR);
    let databaseUrl = env.DATABASE_URL;
    let redisUrl = env.REDIS_URL;
    try {
      if (!databaseUrl) {
        this.postgres = new LocalPostgres(join(dataDir, 'postgres'), env.EMBEDDED_POSTGRES_PORT, (line) => this.log.debug({ component: 'postgres' }, line));
        await this.postgres.start();
        if (await this.postgres.ensureDatabase('accord')) this.log.info('created database "accord"');
        databaseUrl = embeddedDatabaseUrl(env.EMBEDDED_POSTGRES_PORT);
        this.log.info({ dataDir: join(dataDir, 'postgres'), port: env.EMBEDDED_POSTGRES_PORT }, 'embedded PostgreSQL running');
      }
      if (!redisUrl) {
        this.redis = new LocalRedis(join(dataDir, 'redis'), env.EMBEDDED_REDIS_PORT);
        await this.redis.start();
        redisUrl = this.redis.url;
        this.log.info({ dataDir: join(dataDir, 'redis'), port: env.EMBEDDED_REDIS_PORT }, 'local redis-server running');
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    return { databaseUrl, redisUrl };
  }

  /** Reverse order of start; safe to call twice and after the children died on their own. */
  async stop(): Promise<void> {
    const redis = this.redis;
    const postgres = this.postgres;
    this.redis = undefined;
    this.postgres = undefined;
    await redis?.stop().catch((e: unknown) => this.log.error({ err: e }, 'stopping redis-server failed'));
    await postgres?.stop().catch((e: unknown) => this.log.error({ err: e }, 'stopping PostgreSQL failed'));
  }
}

/**
 * The embedded mode's token-signing secret: made once and kept in DATA_DIR (mode 600) so that
 * sessions survive a restart. Production sets JWT_SECRET itself.
 */
export function localJwtSecret(dataDir: string): string {
  makeDataFolder(resolve(dataDir));
  const file = join(resolve(dataDir), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
