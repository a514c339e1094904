import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { loadCaseAudiences } from './case-audiences';
import { parseAudiences, resolveRecipients, type Audience } from './lifecycle-notifications';
import type { NotificationData } from './notification-templates';
import { Notifier } from './notifier.service';

/** Tells people about a transition, in its transaction: the table's `notify:<audiences>` effect. */
@Injectable()
export class LifecycleNotifier {
  constructor(private readonly notifier: Notifier) {}

  @TransitionEffect('notify', parseAudiences)
  async notify(tx: EntityManager, fired: WrittenTransition, audiences: Audience[]): Promise<void> {
    const event = fired.transition.event;
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
    await this.notifier.notify(tx, { userIds: resolveRecipients(audiences, people, actor), known: people.contacts, template: event, data, caseId: fired.case.id });
  }
}
