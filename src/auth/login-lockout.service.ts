import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { TooManyRequestsProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { REDIS } from '../infrastructure/redis/redis.module';

/**
 * Per-account brute-force protection: LOGIN_MAX_FAILURES wrong passwords within the window
 * lock the account's sign-in for LOGIN_LOCKOUT_MINUTES, across every API instance (Redis).
 * Keyed by a hash of the e-mail, so unknown accounts lock the same way (no enumeration).
 */
@Injectable()
export class LoginLockout {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private keys(email: string): { failures: string; lock: string } {
    const id = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    const prefix = `${this.config.get('QUEUE_PREFIX')}:login`;
    return { failures: `${prefix}:failures:${id}`, lock: `${prefix}:lock:${id}` };
  }

  async assertNotLocked(email: string): Promise<void> {
    const ttl = await this.redis.pttl(this.keys(email).lock);
    if (ttl > 0) {
      throw new TooManyRequestsProblem('Too many failed sign-in attempts: this account is temporarily locked. Try again later or reset the password.', Math.ceil(ttl / 1000));
    }
  }

  /** Count a failure; returns true when this failure locked the account. */
  async recordFailure(email: string): Promise<boolean> {
    const { failures, lock } = this.keys(email);
    const windowMs = this.config.get('LOGIN_FAILURE_WINDOW_MINUTES') * 60_000;
    const [[, count]] = (await this.redis.multi().incr(failures).pexpire(failures, windowMs, 'NX').exec()) as [[unknown, number], unknown];
    if (count < this.config.get('LOGIN_MAX_FAILURES')) return false;
    await this.redis
      .multi()
      .set(lock, '1', 'PX', this.config.get('LOGIN_LOCKOUT_MINUTES') * 60_000)
      .del(failures)
      .exec();
    return true;
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.keys(email).failures);
  }
}
