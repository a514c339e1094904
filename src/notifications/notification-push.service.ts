import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { Environment } from '../config/environment';
import { REDIS } from '../infrastructure/redis/redis.module';
import { UserChannels } from '../infrastructure/redis/user-channels';

/** What a connected client receives when a notification reaches its inbox. */
export interface PushedNotification {
  id: string;
  template: string;
  title: string;
  text: string;
  caseId: string | null;
  createdAt: string;
}

/**
 * Live push of notifications across API instances: the worker that delivers a notification
 * publishes it on the recipient's Redis channel; the API instances the person is connected to
 * pass it on (see UserChannels).
 */
@Injectable()
export class NotificationPush implements OnApplicationShutdown {
  private readonly channels: UserChannels<PushedNotification>;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<Environment, true>) {
    this.channels = new UserChannels(redis, `${config.get('QUEUE_PREFIX')}:notifications:`, new Logger(NotificationPush.name));
  }

  /** Returns how many API instances had the person connected. */
  publish(userId: string, notification: PushedNotification): Promise<number> {
    return this.channels.publish(userId, notification);
  }

  /** Resolves once Redis confirmed the subscription; call the returned function to stop listening. */
  listen(userId: string, handler: (notification: PushedNotification) => void): Promise<() => void> {
    return this.channels.listen(userId, handler);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channels.close();
  }
}
