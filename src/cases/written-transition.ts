import type { AuthUser } from '../auth/auth-user';
import type { Case } from './entities/case.entity';
import type { Transition } from './lifecycle/case-lifecycle';
import type { CaseStatus } from './lifecycle/case-states';

/** Who fires a transition: a signed-in person, or the platform itself (timers, jobs). */
export type Actor = { kind: 'user'; user: AuthUser } | { kind: 'system'; reason: string };

/** A transition written in the current transaction (not committed yet), as its effects see it. */
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
  /** What this effect's preparer made before the transaction (@PrepareTransitionEffect); absent for effects without one. */
  prepared?: unknown;
}
