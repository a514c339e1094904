import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionListeners, type WrittenTransition, type TransitionListener } from '../cases/transition-listeners';
import { loadCaseAudiences } from './case-audiences';
import { LIFECYCLE_AUDIENCES, resolveRecipients } from './lifecycle-notifications';
import type { NotificationData } from './notification-templates';
import { Notifier } from './notifier.service';

/** Tells the people LIFECYCLE_AUDIENCES names about each transition, in its transaction. */
@Injectable()
export class LifecycleNotifier implements TransitionListener, OnModuleInit {
  constructor(
    private readonly listeners: TransitionListeners,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.listeners.register('notifications', this);
  }

  async afterTransition(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const event = fired.transition.event;
    const audiences = LIFECYCLE_AUDIENCES[event];
    if (audiences.length === 0) return;
    const people = await loadCaseAudiences(tx, fired.case, audiences, fired.payload);
    const actor = fired.actor.kind === 'user' ? fired.actor.user.id : null;
    const data: NotificationData = {
      caseId: fired.case.id,
      caseNumber: fired.case.number,
      caseTitle: fired.case.title,
      event,
      sequence: fired.sequence,
    };
    if (typeof fired.payload.reason === 'string') data.reason = fired.payload.reason;
    if (typeof fired.payload.dueAt === 'string') data.dueAt = fired.payload.dueAt;
    await this.notifier.notify(tx, { userIds: resolveRecipients(audiences, people, actor), template: event, data, caseId: fired.case.id });
  }
}
