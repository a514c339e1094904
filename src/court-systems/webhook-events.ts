import { argumentList } from '../cases/lifecycle/transition-effects';

/**
 * What a court system can subscribe to about the cases its court referred. Each is named on the
 * lifecycle rows it stands for, as the `webhooks.enqueue:<types>` effect (docs/lifecycle.md):
 *
 * - accepted: intake accepted the referral (`accept`).
 * - mediator_assigned: a mediator accepted the case (`mediator_accept`, again after a re-assignment).
 * - settled: the last signature put the agreement in effect (`agreement_effective`).
 * - failed: mediation ended without agreement and the case goes back to the court: the mediator
 *   ended it, its period ran out, or the respondent declined or could not be reached.
 * - confirmed: the court confirmed the agreement (`confirm`).
 * - performed: every obligation was performed and confirmed (`obligations_fulfilled`).
 * - closed: every transition into `closed`, whatever the outcome (after `failed` or `performed` on the same transition).
 * - archived: the closed case was sealed into the archive (`archive`).
 */
export enum WebhookEventType {
  Accepted = 'accepted',
  MediatorAssigned = 'mediator_assigned',
  Settled = 'settled',
  Failed = 'failed',
  Confirmed = 'confirmed',
  Performed = 'performed',
  Closed = 'closed',
  Archived = 'archived',
}

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);

/** The argument of `webhooks.enqueue:<type>+<type>`; the app refuses to start on an unknown type. */
export function parseWebhookEventTypes(argument: string | undefined): WebhookEventType[] {
  const types = argumentList(argument);
  for (const type of types) {
    if (!WEBHOOK_EVENT_TYPES.includes(type as WebhookEventType)) throw new Error(`"${type}" is not a webhook event (${WEBHOOK_EVENT_TYPES.join(', ')})`);
  }
  return types as WebhookEventType[];
}

/** The body of one webhook: the same for every subscription and every attempt (replays included). */
export interface WebhookPayload {
  /** The event's id: a receiver that sees it twice (a retry whose answer was lost, a replay) ignores the second. */
  id: string;
  type: WebhookEventType;
  /** 1, 2, 3… per case: a receiver orders a case's events by it and can tell one is missing. */
  sequence: number;
  occurredAt: string;
  /** The lifecycle event that caused it. */
  transition: string;
  case: {
    id: string;
    number: string;
    referralNumber: string | null;
    status: string;
    outcome: string | null;
    /** The case's version after the transition; it only grows. */
    version: number;
  };
}
