import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Redis } from 'ioredis';
import type { Environment } from '../../config/environment';
import { REDIS } from '../../infrastructure/redis/redis.module';
import { UserChannels } from '../../infrastructure/redis/user-channels';
import type { MessageView } from './message.dto';

/**
 * What someone in the room receives live: a message of a channel they are in, or word that a
 * session they take part in changed (its id only: the receiver reads the session as the API lets them).
 */
export type RoomEvent = { type: 'message'; caseId: string; data: MessageView } | { type: 'sessions'; caseId: string; data: { sessionId: string } };

/**
 * Live delivery of the mediation room across API instances: a posted message (or a session's
 * change) is published, once committed, on the Redis channel of each member of its channel (or
 * each participant of the session: only they ever get it); the API
 * instances where they have the room's stream open pass it on. Best effort by design: the
 * message is stored first, and a client that missed it lists the channel.
 */
@Injectable()
export class MediationPush implements OnApplicationShutdown {
  private readonly logger = new Logger(MediationPush.name);
  private readonly channels: UserChannels<RoomEvent>;

  constructor(@Inject(REDIS) redis: Redis, config: ConfigService<Environment, true>) {
    this.channels = new UserChannels(redis, `${config.get('QUEUE_PREFIX')}:mediation:`, this.logger);
  }

  async publish(userIds: readonly string[], event: RoomEvent): Promise<void> {
    await Promise.all(userIds.map((id) => this.channels.publish(id, event))).catch((error: unknown) =>
      this.logger.warn({ err: error, caseId: event.caseId }, 'could not push a mediation room event live; members see it when they list the channel or the sessions'),
    );
  }

  listen(userId: string, handler: (event: RoomEvent) => void): Promise<() => void> {
    return this.channels.listen(userId, handler);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channels.close();
  }
}
