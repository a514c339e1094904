import type { Case } from './entities/case.entity';
import type { Transition } from './lifecycle/case-lifecycle';
import type { CaseStatus } from './lifecycle/case-states';
import type { Actor } from './written-transition';

/**
 * A transition about to be fired, as the preparers of its effects see it before its transaction
 * opens: the case from an unlocked read, and what the caller will fire with.
 */
export interface UpcomingTransition {
  case: Case;
  from: CaseStatus;
  transition: Transition;
  actor: Actor;
  payload: Record<string, unknown>;
  set: Record<string, unknown>;
}

/**
 * What a transition's effects made before its transaction opened (documents rendered and
 * stored), keyed by handler, with the case version they were made from. A transaction records
 * it only while that version still holds.
 */
export interface PreparedTransition {
  caseId: string;
  event: string;
  version: number;
  byHandler: ReadonlyMap<string, unknown>;
}
