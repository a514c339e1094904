import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import type { AuthUser } from '../auth/auth-user';
import type { AccessTokenClaims } from '../auth/session-generation';
import type { Environment } from '../config/environment';
import { REDIS } from '../infrastructure/redis/redis.module';

/** Seconds a stream ticket can be used in. */
export const STREAM_TICKET_TTL_SECONDS = 60;

/**
 * One-time tickets for the notification stream. A browser's EventSource cannot send an
 * Authorization header, and an access token in a URL would end up in access logs and browser
 * history. So the page asks for a ticket with its bearer token and opens the stream with
 * `?ticket=`: random, kept in Redis (any API instance can redeem it) as a hash, valid for a
 * minute and only once, so a logged URL is worthless.
 */
@Injectable()
export class StreamTickets {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private key(ticket: string): string {
    return `${this.config.get('QUEUE_PREFIX')}:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  /** Kept as `userId:sessionGeneration`, so signing out everywhere voids the tickets too. */
  async issue(user: Pick<AuthUser, 'id' | 'sessionGeneration'>): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(ticket), `${user.id}:${user.sessionGeneration}`, 'EX', STREAM_TICKET_TTL_SECONDS);
    return { ticket, expiresIn: STREAM_TICKET_TTL_SECONDS };
  }

  /** Whom the ticket was issued to, once; undefined for an unknown, used or expired ticket. */
  async redeem(ticket: string): Promise<AccessTokenClaims | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return undefined;
    const value = await this.redis.getdel(this.key(ticket));
    if (!value) return undefined;
    const [sub, gen] = value.split(':');
    return { sub, gen: gen === undefined ? undefined : Number(gen) };
  }
}
