import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionListeners, type WrittenTransition, type TransitionListener } from '../cases/transition-listeners';
import { kindsEndedBy, LIFECYCLE_DEADLINES } from './deadline-kinds';
import { Deadlines } from './deadlines.service';

/**
 * Sets and clears deadlines as the case moves, in the transition's transaction: leaving a
 * state cancels the deadlines that belong to it, and LIFECYCLE_DEADLINES says what else each
 * event starts, pauses, resumes or extends.
 */
@Injectable()
export class LifecycleDeadlines implements TransitionListener, OnModuleInit {
  constructor(
    private readonly listeners: TransitionListeners,
    private readonly deadlines: Deadlines,
  ) {}

  onModuleInit(): void {
    this.listeners.register('deadlines', this);
  }

  async afterTransition(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const caseId = fired.case.id;
    const ended = kindsEndedBy(fired.from, fired.transition.to);
    if (ended.length > 0) await this.deadlines.cancel(tx, caseId, ended);
    const effect = LIFECYCLE_DEADLINES[fired.transition.event];
    if (!effect) return;
    if (effect.cancel) await this.deadlines.cancel(tx, caseId, [effect.cancel]);
    if (effect.pause) await this.deadlines.pause(tx, caseId, effect.pause);
    if (effect.resume) await this.deadlines.resume(tx, caseId, effect.resume);
    if (effect.extend) {
      const days = fired.payload.extendDays;
      if (typeof days === 'number' && Number.isInteger(days) && days > 0) await this.deadlines.extend(tx, caseId, effect.extend, { days, unit: 'calendar' });
    }
    if (effect.start) {
      // The action may have computed the due time itself (and shown it to people): use that one.
      const given = typeof fired.payload.dueAt === 'string' ? new Date(fired.payload.dueAt) : undefined;
      await this.deadlines.start(tx, { caseId, kind: effect.start, dueAt: given && !Number.isNaN(given.getTime()) ? given : undefined });
    }
  }
}
