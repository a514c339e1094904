import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { TRANSITIONS, type Transition } from './lifecycle/case-lifecycle';
import { checkTransitionEffects, parseEffect, type FoundEffectHandler } from './lifecycle/transition-effects';
import type { UpcomingTransition } from './prepared-transition';
import type { WrittenTransition } from './written-transition';

const TRANSITION_EFFECT_METADATA = 'accord:transition-effect';
const PREPARE_EFFECT_METADATA = 'accord:prepare-transition-effect';

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

/**
 * Marks a provider method as the preparer of an effect: it runs before the transition's
 * transaction opens, without the case lock, and does the slow work outside the database (renders
 * PDFs, stores their bytes). What it returns reaches the effect's handler as `fired.prepared`;
 * the handler only records it. An effect with a preparer cannot run unprepared.
 */
export const PrepareTransitionEffect = (handler: string, options: { required: boolean } = { required: true }): MethodDecorator =>
  SetMetadata(PREPARE_EFFECT_METADATA, { handler, ...options } satisfies PrepareMetadata);

/** `required: false`: the handler copes when its transition is fired unprepared (inside another step's transaction), by handing the work to a job. */
interface PrepareMetadata {
  handler: string;
  required: boolean;
}

type Run = (tx: EntityManager, fired: WrittenTransition) => Promise<void>;
type Prepare = (upcoming: UpcomingTransition) => Promise<unknown>;
type Preparer = { prepare: Prepare; required: boolean };

/**
 * Finds every @TransitionEffect at start-up, refuses to start unless the table and the handlers
 * agree (checkTransitionEffects), and runs a transition's effects in the row's order.
 */
@Injectable()
export class TransitionEffects implements OnModuleInit {
  /** Keyed by the effect as written in the table (argument included), already bound to its parsed argument. */
  private readonly runs = new Map<string, Run>();
  private readonly handlers: string[] = [];
  private readonly preparers = new Map<string, Preparer>();

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
        const prepares = this.reflector.get<PrepareMetadata | undefined>(PREPARE_EFFECT_METADATA, fn as Prepare);
        if (prepares) {
          if (this.preparers.has(prepares.handler)) throw new Error(`Transition effects: "${prepares.handler}" has two preparers`);
          this.preparers.set(prepares.handler, { prepare: (fn as Prepare).bind(instance), required: prepares.required });
        }
        const meta = this.reflector.get<EffectMetadata | undefined>(TRANSITION_EFFECT_METADATA, fn as Method);
        if (!meta) continue;
        found.push({ handler: meta.handler, parse: meta.parse, location: `${instance.constructor.name}.${name}`, method: (fn as Method).bind(instance) });
      }
    }
    const problems = checkTransitionEffects(found, TRANSITIONS);
    for (const handler of this.preparers.keys()) {
      if (!found.some((f) => f.handler === handler)) problems.push(`a preparer for "${handler}", which has no handler`);
    }
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

  /** The handlers that have a preparer, for the test that keeps docs/lifecycle.md's marks true. */
  prepared(): readonly string[] {
    return [...this.preparers.keys()];
  }

  /** Whether any effect of the transition must be prepared before its transaction. */
  needPreparing(transition: Transition): boolean {
    return transition.effects.some((effect) => this.preparers.has(parseEffect(effect).handler));
  }

  /**
   * Whether any row of `event`, from whatever state, has an effect to prepare. Most events have
   * none: then there is nothing to read before the transaction.
   */
  mayNeedPreparing(event: string): boolean {
    return TRANSITIONS.some((transition) => transition.event === event && this.needPreparing(transition));
  }

  /** The handlers of the transition that cannot run without a preparation `prepared` lacks. */
  unprepared(transition: Transition, prepared: { byHandler: ReadonlyMap<string, unknown> } | undefined): string[] {
    return transition.effects.map((effect) => parseEffect(effect).handler).filter((handler) => this.preparers.get(handler)?.required && !prepared?.byHandler.has(handler));
  }

  /** Runs the preparers of the transition's effects, in the row's order, outside any transaction. */
  async prepare(upcoming: UpcomingTransition): Promise<Map<string, unknown>> {
    const made = new Map<string, unknown>();
    for (const effect of upcoming.transition.effects) {
      const { handler } = parseEffect(effect);
      const preparer = this.preparers.get(handler);
      if (preparer) made.set(handler, await preparer.prepare(upcoming));
    }
    return made;
  }

  /** Runs the row's effects in its order; an effect with a preparer gets what it made as `fired.prepared`. */
  async run(tx: EntityManager, fired: WrittenTransition, prepared: ReadonlyMap<string, unknown> = new Map()): Promise<void> {
    for (const effect of fired.transition.effects) {
      const run = this.runs.get(effect);
      // Unreachable after the start-up check.
      if (!run) throw new Error(`no handler for the effect "${effect}"`);
      const { handler } = parseEffect(effect);
      await run(tx, this.preparers.has(handler) ? { ...fired, prepared: prepared.get(handler) } : fired);
    }
  }
}
