import type { Transition } from './case-lifecycle';

/**
 * The vocabulary of the `effects` column of the transition table. An effect is `handler` or
 * `handler:argument`; the handler name is `feature.verb` (`notify` stands alone: every
 * transition tells somebody). Arguments are lists joined by `+`:
 *
 * - `notify:<audiences>`: who is told (applicant_side, respondent_side, mediator,
 *   offered_mediator, referring_court, confirming_court, intake; `parties` and `participants`
 *   are groups). The person who caused the transition is never told.
 * - `deadlines.start|cancel|pause|resume|extend:<kinds>`: the case's timers (deadline-kinds.ts).
 * - every other effect takes no argument; its handler's doc comment says what it does.
 *
 * Pure: the registry (src/cases/transition-effects.ts) uses it to check the table against the
 * handlers at start-up, and the diagram in docs/lifecycle.md prints the effects as written.
 */
export interface EffectName {
  handler: string;
  argument?: string;
}

export function parseEffect(effect: string): EffectName {
  const colon = effect.indexOf(':');
  return colon < 0 ? { handler: effect } : { handler: effect.slice(0, colon), argument: effect.slice(colon + 1) };
}

/** The `+`-joined list of an argument; empty parts are an error. */
export function argumentList(argument: string | undefined): string[] {
  if (argument === undefined || argument === '') throw new Error('needs an argument');
  const parts = argument.split('+');
  if (parts.some((p) => p === '')) throw new Error(`"${argument}" has an empty part`);
  return parts;
}

export interface FoundEffectHandler {
  handler: string;
  /** `ClassName.method`, for the error message. */
  location: string;
  /** Validates and converts a row's argument; absent when the effect takes none. Throws with the reason. */
  parse?: (argument: string | undefined) => unknown;
}

/**
 * Every effect the table names must have exactly one handler that accepts its argument, and
 * every handler must be named by some row. Returns the problems; empty means the wiring is sound.
 */
export function checkTransitionEffects(found: readonly FoundEffectHandler[], transitions: readonly Transition[]): string[] {
  const problems: string[] = [];
  const named = new Map<string, Set<string>>();
  for (const t of transitions) {
    for (const effect of t.effects) {
      const { handler } = parseEffect(effect);
      named.set(handler, (named.get(handler) ?? new Set()).add(effect));
      const handlers = found.filter((h) => h.handler === handler);
      if (handlers.length !== 1) continue; // reported once below
      const [h] = handlers;
      const { argument } = parseEffect(effect);
      if (!h.parse) {
        if (argument !== undefined) problems.push(`"${effect}" on ${t.event}: ${h.location} takes no argument`);
        continue;
      }
      try {
        h.parse(argument);
      } catch (e) {
        problems.push(`"${effect}" on ${t.event}: ${(e as Error).message}`);
      }
    }
  }
  for (const [handler, effects] of named) {
    const handlers = found.filter((h) => h.handler === handler);
    if (handlers.length === 0) problems.push(`effect "${handler}" (${[...effects].join(', ')}) has no handler`);
    if (handlers.length > 1) problems.push(`effect "${handler}" has ${handlers.length} handlers: ${handlers.map((h) => h.location).join(', ')}`);
  }
  for (const h of found) {
    if (!named.has(h.handler)) problems.push(`${h.location} handles "${h.handler}", which no transition names`);
  }
  return [...new Set(problems)];
}
