import type { ServiceChannel } from './deemed-served';

/**
 * The order in which a party's consented channels are tried (docs/procedural-rules.md F26): the platform inbox
 * and e-mail first (the ordinary electronic addresses, sent together), then an SMS notice with
 * the link. A later attempt is made only when the earlier ones have not made the service
 * effective within the fallback period.
 */
export const ATTEMPT_PLAN: readonly (readonly ServiceChannel[])[] = [['in_app', 'email'], ['sms']];

/**
 * The channels of the next attempt: the first step of the plan with a channel the recipient can
 * be reached on and that has not been tried yet; empty when every channel has been tried. Pure.
 */
export function nextAttempt(
  reachable: ReadonlySet<ServiceChannel>,
  tried: ReadonlySet<ServiceChannel>,
  plan: readonly (readonly ServiceChannel[])[] = ATTEMPT_PLAN,
): ServiceChannel[] {
  for (const step of plan) {
    const channels = step.filter((c) => reachable.has(c) && !tried.has(c));
    if (channels.length > 0) return channels;
  }
  return [];
}
