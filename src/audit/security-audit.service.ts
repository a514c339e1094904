import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEvent, SecurityEventType } from './security-event.entity';

@Injectable()
export class SecurityAudit {
  constructor(@InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>) {}

  /** Record an event; pass the transaction's manager when the event belongs to a change. */
  async record(
    type: SecurityEventType,
    subject: { userId?: string | null; actorId?: string | null; details?: Record<string, unknown> },
    origin: Partial<RequestOrigin> = {},
    manager?: EntityManager,
  ): Promise<void> {
    const repo = manager ? manager.getRepository(SecurityEvent) : this.events;
    await repo.insert({
      type,
      userId: subject.userId ?? null,
      actorId: subject.actorId ?? null,
      details: (subject.details ?? {}) as never,
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
  }
}
