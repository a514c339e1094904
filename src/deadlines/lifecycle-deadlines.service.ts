import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { parseDeadlineKind, parseDeadlineKinds, type DeadlineKind } from './deadline-kinds';
import { Deadlines } from './deadlines.service';

/** The table's `deadlines.*` effects: the case's timers set and cleared as it moves, in the transition's transaction. */
@Injectable()
export class LifecycleDeadlines {
  constructor(private readonly deadlines: Deadlines) {}

  /**
   * Replaces a running deadline of the same kind. The action may have computed the due time itself (and shown
   * it to people): that one is used. A deadline's expiry carries the expired one's due time instead: the period
   * it starts follows on, counted from that one's last day (the designation period after the joint-nomination
   * window, docs/procedural-rules.md A4), however late its job ran.
   */
  @TransitionEffect('deadlines.start', parseDeadlineKind)
  async start(tx: EntityManager, fired: WrittenTransition, kind: DeadlineKind): Promise<void> {
    const given = typeof fired.payload.dueAt === 'string' ? new Date(fired.payload.dueAt) : undefined;
    const valid = given && !Number.isNaN(given.getTime()) ? given : undefined;
    const followsExpiry = typeof fired.payload.deadlineKind === 'string';
    const dueAt = valid && followsExpiry ? this.deadlines.dueAtFor(kind, fired.case, new Date(valid.getTime() - 1)) : valid;
    await this.deadlines.start(tx, { caseId: fired.case.id, kind, dueAt });
  }

  /** Leaving a state ends the deadlines that belong to it (a kind not running is left alone). */
  @TransitionEffect('deadlines.cancel', parseDeadlineKinds)
  async cancel(tx: EntityManager, fired: WrittenTransition, kinds: DeadlineKind[]): Promise<void> {
    await this.deadlines.cancel(tx, fired.case.id, kinds);
  }

  @TransitionEffect('deadlines.pause', parseDeadlineKind)
  async pause(tx: EntityManager, fired: WrittenTransition, kind: DeadlineKind): Promise<void> {
    await this.deadlines.pause(tx, fired.case.id, kind);
  }

  @TransitionEffect('deadlines.resume', parseDeadlineKind)
  async resume(tx: EntityManager, fired: WrittenTransition, kind: DeadlineKind): Promise<void> {
    await this.deadlines.resume(tx, fired.case.id, kind);
  }

  /** By the calendar days the action recorded as `extendDays` (the agreed extension). */
  @TransitionEffect('deadlines.extend', parseDeadlineKind)
  async extend(tx: EntityManager, fired: WrittenTransition, kind: DeadlineKind): Promise<void> {
    const days = fired.payload.extendDays;
    if (typeof days === 'number' && Number.isInteger(days) && days > 0) await this.deadlines.extend(tx, fired.case.id, kind, { days, unit: 'calendar' });
  }
}
