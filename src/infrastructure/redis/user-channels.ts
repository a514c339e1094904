import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Live messages to people, across API instances: a publisher sends on the person's Redis
 * channel; every API instance subscribes (on one connection of its own) to the channels of the
 * people connected to it, and only while they are. One instance per kind of message (a prefix).
 */
export class UserChannels<T> {
  private subscriber?: Redis;
  private readonly handlers = new Map<string, Set<(message: T) => void>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  private channelOf(userId: string): string {
    return `${this.prefix}${userId}`;
  }

  /** Returns how many API instances had the person connected. */
  async publish(userId: string, message: T): Promise<number> {
    return this.redis.publish(this.channelOf(userId), JSON.stringify(message));
  }

  /** Resolves once Redis confirmed the subscription; call the returned function to stop listening. */
  async listen(userId: string, handler: (message: T) => void): Promise<() => void> {
    const subscriber = this.subscriberConnection();
    let set = this.handlers.get(userId);
    if (!set) {
      set = new Set();
      this.handlers.set(userId, set);
      await subscriber.subscribe(this.channelOf(userId));
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(userId) === set) {
        this.handlers.delete(userId);
        subscriber.unsubscribe(this.channelOf(userId)).catch(() => undefined);
      }
    };
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    // A connection in subscriber mode can do nothing else: it must not be the shared client. Its
    // first SUBSCRIBE is sent while it connects, so it queues commands (the shared client does not).
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    subscriber.on('message', (channel: string, raw: string) => {
      const handlers = this.handlers.get(channel.slice(this.prefix.length));
      if (!handlers) return;
      const message = JSON.parse(raw) as T;
      for (const handler of handlers) handler(message);
    });
    subscriber.on('error', (error) => this.logger.warn({ err: error }, `subscriber connection error (${this.prefix})`));
    this.subscriber = subscriber;
    return subscriber;
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
