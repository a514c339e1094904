import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from './case-transitions.service';
import type { Case } from './entities/case.entity';
import type { Transition } from './lifecycle/case-lifecycle';
import type { CaseStatus } from './lifecycle/case-states';

/** A transition written in the current transaction (not committed yet), as the features reacting to it see it. */
export interface WrittenTransition {
  /** The case after the transition. */
  case: Case;
  from: CaseStatus;
  transition: Transition;
  actor: Actor;
  /** The payload recorded in the event (reason, dueAt…). */
  payload: Record<string, unknown>;
  /** Sequence number of the event in the case's chain. */
  sequence: number;
  occurredAt: Date;
}

/**
 * Something a transition causes (notifications, deadlines set or cleared). Called inside the
 * transition's transaction: whatever it writes, outbox rows included, commits or rolls back
 * with the state change. It must not talk to Redis or anything outside the database.
 */
export interface TransitionListener {
  afterTransition(tx: EntityManager, fired: WrittenTransition): Promise<void>;
}

/**
 * Where features sign up for transitions. Lets the case aggregate stay ignorant of the
 * modules that react to it (deadlines fire transitions themselves, so they could not be a
 * dependency of CaseTransitions without a cycle).
 */
@Injectable()
export class TransitionListeners {
  private readonly listeners: { name: string; listener: TransitionListener }[] = [];

  register(name: string, listener: TransitionListener): void {
    if (this.listeners.some((l) => l.name === name)) throw new Error(`transition listener "${name}" is registered twice`);
    this.listeners.push({ name, listener });
  }

  async notify(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    for (const { listener } of this.listeners) await listener.afterTransition(tx, fired);
  }
}
