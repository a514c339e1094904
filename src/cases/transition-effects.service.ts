import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { TRANSITIONS } from './lifecycle/case-lifecycle';
import { checkTransitionEffects, parseEffect, type FoundEffectHandler } from './lifecycle/transition-effects';
import type { WrittenTransition } from './written-transition';

const TRANSITION_EFFECT_METADATA = 'accord:transition-effect';

interface EffectMetadata {
  handler: string;
  parse?: (argument: string | undefined) => unknown;
}

/**
 * Marks a provider method as the handler of one effect named in the transition table
 * (case-lifecycle.ts). It runs inside the transition's transaction, so whatever it writes
 * (outbox rows included) commits or rolls back with the state change; it must not talk to
 * Redis or anything outside the database. `parse` validates and converts the row's argument
 * (`deadlines.start:correction` → the kind) at start-up, and the handler receives the result.
 *
 * A handler does what its name says when there is something to do, and nothing otherwise
 * (cancelling sessions when none are scheduled is not an error): the table names effects per
 * row, and a row may leave more than one state.
 */
export const TransitionEffect = (handler: string, parse?: (argument: string | undefined) => unknown): MethodDecorator =>
  SetMetadata(TRANSITION_EFFECT_METADATA, { handler, parse } satisfies EffectMetadata);

type Run = (tx: EntityManager, fired: WrittenTransition) => Promise<void>;

/**
 * Finds every @TransitionEffect at start-up, refuses to start unless the table and the handlers
 * agree (checkTransitionEffects), and runs a transition's effects in the row's order.
 */
@Injectable()
export class TransitionEffects implements OnModuleInit {
  /** Keyed by the effect as written in the table (argument included), already bound to its parsed argument. */
  private readonly runs = new Map<string, Run>();
  private readonly handlers: string[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    type Method = (tx: EntityManager, fired: WrittenTransition, argument: unknown) => Promise<void>;
    const found: (FoundEffectHandler & { method: Method })[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const fn = instance[name];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<EffectMetadata | undefined>(TRANSITION_EFFECT_METADATA, fn as Method);
        if (!meta) continue;
        found.push({ handler: meta.handler, parse: meta.parse, location: `${instance.constructor.name}.${name}`, method: (fn as Method).bind(instance) });
      }
    }
    const problems = checkTransitionEffects(found, TRANSITIONS);
    if (problems.length > 0) throw new Error(`Transition effects: ${problems.join('; ')}`);
    for (const effect of new Set(TRANSITIONS.flatMap((t) => t.effects))) {
      const { handler, argument } = parseEffect(effect);
      const h = found.find((f) => f.handler === handler)!;
      const parsed = h.parse?.(argument);
      this.runs.set(effect, (tx, fired) => h.method(tx, fired, parsed));
    }
    this.handlers.push(...found.map((f) => f.handler));
  }

  /** The handler names registered, for tests that compare them with the table. */
  registered(): readonly string[] {
    return this.handlers;
  }

  async run(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    for (const effect of fired.transition.effects) {
      const run = this.runs.get(effect);
      // Unreachable after the start-up check.
      if (!run) throw new Error(`no handler for the effect "${effect}"`);
      await run(tx, fired);
    }
  }
}
