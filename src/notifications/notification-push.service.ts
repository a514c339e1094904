import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { Environment } from '../config/environment';
import { REDIS } from '../infrastructure/redis/redis.module';

/** What a connected client receives when a notification reaches its inbox. */
export interface PushedNotification {
  id: string;
  template: string;
  title: string;
  text: string;
  caseId: string | null;
  createdAt: string;
}

type Handler = (notification: PushedNotification) => void;

/**
 * Live push across API instances: the worker that delivers a notification publishes it on the
 * recipient's Redis channel; every API instance subscribes (on one connection of its own) to
 * the channels of the people connected to it, and only while they are.
 */
@Injectable()
export class NotificationPush implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationPush.name);
  private subscriber?: Redis;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private channelOf(userId: string): string {
    return `${this.config.get('QUEUE_PREFIX')}:notifications:${userId}`;
  }

  /** Returns how many API instances had the person connected. */
  async publish(userId: string, notification: PushedNotification): Promise<number> {
    return this.redis.publish(this.channelOf(userId), JSON.stringify(notification));
  }

  /** Resolves once Redis confirmed the subscription; call the returned function to stop listening. */
  async listen(userId: string, handler: Handler): Promise<() => void> {
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
    // A connection in subscriber mode can do nothing else: it must not be the shared client.
    const subscriber = this.redis.duplicate();
    const prefix = `${this.config.get('QUEUE_PREFIX')}:notifications:`;
    subscriber.on('message', (channel: string, message: string) => {
      const handlers = this.handlers.get(channel.slice(prefix.length));
      if (!handlers) return;
      const notification = JSON.parse(message) as PushedNotification;
      for (const handler of handlers) handler(notification);
    });
    subscriber.on('error', (error) => this.logger.warn({ err: error }, 'notification subscriber connection error'));
    this.subscriber = subscriber;
    return subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
