import type { AvailableAction } from './case-lifecycle';

/**
 * Lifecycle events that are a person's duty rather than an option: what "My cases" lists under
 * "What I must do now". A blocked one (say, a draft still lacking a document) is still asked of them.
 */
export const MUST_DO_EVENTS: readonly string[] = ['submit', 'resubmit', 'respondent_agree', 'mediator_accept', 'sign', 'apply_confirmation', 'supplement_materials', 'accept'];

/** The events among the available actions that ask something of the person now. */
export function pendingActions(actions: readonly AvailableAction[]): string[] {
  return actions.filter((a) => MUST_DO_EVENTS.includes(a.event)).map((a) => a.event);
}
