import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CASE_WITH_PEOPLE_AND_HEAD, CaseAccess, refuseIfArchived } from '../access/case-access.service';
import { ForbiddenProblem, StaleVersionProblem, TransitionRefusedProblem, ValidationProblem } from '../common/errors/problem';
import { preparedFor, runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { retryStaleReads, StaleRead } from '../common/stale-read';
import { CaseEventLog, type ChainHead } from './case-event-log.service';
import { Case } from './entities/case.entity';
import { decide, type GuardContext, type Transition } from './lifecycle/case-lifecycle';
import { CaseRole } from './lifecycle/case-roles';
import { CaseSource, CaseStatus, RETURNS_TO_COURT } from './lifecycle/case-states';
import type { PreparedTransition } from './prepared-transition';
import { TransitionEffects } from './transition-effects.service';
import type { Actor } from './written-transition';

export type { Actor } from './written-transition';

export interface FireTransition {
  caseId: string;
  event: string;
  actor: Actor;
  /** The version the actor saw; a mismatch is a 409 before anything else is checked. */
  expectedVersion?: number;
  /** Recorded in the event (reasons, deadlines, references). */
  payload?: Record<string, unknown>;
  /** Facts a feature service computed for the guards (e.g. allRespondentsAgreed). */
  facts?: Record<string, unknown>;
  /**
   * What the application still lacks, for the completeness guard: read with the case, in the
   * transaction that then locks it (submit and resubmit pass it; other events need none).
   */
  completeness?: CaseCompleteness;
  /** Extra columns the transition sets in the same UPDATE (e.g. mediator_id). */
  set?: Partial<Pick<Case, 'mediatorId' | 'confirmingCourtId' | 'respondentAccessFrom' | 'outcomeReason'>>;
  /** Only transitions with one of these triggers may be fired by this caller. */
  triggers: readonly Transition['trigger'][];
  /** What the effects prepared before the transaction (see preparedTransaction). */
  prepared?: PreparedTransition;
}

/**
 * The completeness guard's facts, read in the statement that reads the case: `statement` selects
 * `CASE_AND_PEOPLE`, the chain's head (`chainHeadColumn`) and its own columns
 * `FROM cases c WHERE c.id = $1`; `missing` says what they lack.
 */
export interface CaseCompleteness {
  statement: PreparedStatement;
  missing(current: Case, columns: Record<string, unknown>): string[];
}

export interface Fired {
  case: Case;
  transition: Transition;
  from: CaseStatus;
}

const COLUMN: Record<keyof NonNullable<FireTransition['set']>, string> = {
  mediatorId: 'mediator_id',
  confirmingCourtId: 'confirming_court_id',
  respondentAccessFrom: 'respondent_access_from',
  outcomeReason: 'outcome_reason',
};

/**
 * The only way a case changes state. In one transaction: decide with the lifecycle table,
 * `UPDATE cases … WHERE id AND version AND status` (exactly one row or 409), and append the
 * event to the hash chain, and run the effects the table names for the transition (notifications,
 * deadlines, documents, outbox rows) in the same transaction. A late user action and a deadline therefore cannot
 * both win. Effects that make documents render and store them before the transaction opens
 * (@PrepareTransitionEffect), so the case lock is never held across a render or an upload.
 */
@Injectable()
export class CaseTransitions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly effects: TransitionEffects,
  ) {}

  /**
   * Fires in `manager`'s transaction when given one: the caller then opened it with
   * preparedTransaction and passes the preparation in `input.prepared`. Without one, in a
   * prepared transaction of its own.
   */
  async fire(input: FireTransition, manager?: EntityManager): Promise<Fired> {
    if (manager) return this.fireIn(manager, input, 'under the lock');
    // Its own transaction, retried on a StaleRead: the chain's head may be read before the lock.
    return this.preparedTransaction(input, (tx, prepared) => this.fireIn(tx, { ...input, prepared }, 'with the case'));
  }

  /**
   * Opens a transaction for work that fires `input` in it. Before it opens, the effects of the
   * transition `input` would fire now prepare what they need (render and store documents); `work`
   * passes that on as `input.prepared`. When the case moved between the preparation and the lock,
   * everything rolls back and starts again from a fresh preparation; after three stale attempts
   * the caller gets a 409.
   */
  async preparedTransaction<T>(input: FireTransition, work: (tx: EntityManager, prepared: PreparedTransition | undefined) => Promise<T>): Promise<T> {
    return retryStaleReads(async () => {
      const prepared = await this.prepare(input);
      return this.db.transaction((tx) => work(tx, prepared));
    });
  }

  /**
   * What the transition `input` would fire now needs prepared, from an unlocked read of the case:
   * nothing (undefined) when no effect of its row has a preparer, or when the transition would be
   * refused (fireIn then refuses it with the reason). An event none of whose rows prepares
   * anything reads nothing.
   */
  private async prepare(input: FireTransition): Promise<PreparedTransition | undefined> {
    if (!this.effects.mayNeedPreparing(input.event)) return undefined;
    const loaded = await this.loadFor(this.db.manager, input).catch(() => undefined);
    if (!loaded) return undefined;
    const { current, roles, missing } = loaded;
    const decision = decide(input.event, guardContext(current, missing, input), roles);
    if (!decision.ok || !this.effects.needPreparing(decision.transition)) return undefined;
    const byHandler = await this.effects.prepare({
      case: current,
      from: current.status,
      transition: decision.transition,
      actor: input.actor,
      payload: input.payload ?? {},
      set: input.set ?? {},
    });
    return { caseId: current.id, event: input.event, version: current.version, byHandler };
  }

  /**
   * `headRead`: where the chain's head is read. 'with the case' saves a round trip, and may find a
   * link added before the lock (`appendAfterUnlockedRead`): only for a transaction that runs
   * again on a StaleRead. A caller's transaction (which may hold the lock already, or not retry)
   * reads it under the lock.
   */
  private async fireIn(tx: EntityManager, input: FireTransition, headRead: 'with the case' | 'under the lock'): Promise<Fired> {
    const loaded = await this.loadFor(tx, input);
    const { current, roles, missing: missingForSubmission } = loaded;
    const head = headRead === 'with the case' ? loaded.head : undefined;
    // People get 423 for a sealed case; system callers keep the lifecycle's refusal (archived is terminal).
    if (input.actor.kind === 'user') refuseIfArchived(current);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new StaleVersionProblem(current.version);
    }
    const decision = decide(input.event, guardContext(current, missingForSubmission, input), roles);
    if (!decision.ok) {
      if (decision.code === 'unknown_event') {
        throw new ValidationProblem([{ field: 'event', rule: 'isCaseEvent', message: decision.reason }]);
      }
      if (decision.code === 'not_allowed') throw new ForbiddenProblem(decision.reason);
      throw new TransitionRefusedProblem(decision.reason, { event: input.event, caseStatus: current.status });
    }
    if (!input.triggers.includes(decision.transition.trigger)) {
      throw new TransitionRefusedProblem(`"${input.event}" is not fired this way (it is a ${decision.transition.trigger} step)`, {
        event: input.event,
      });
    }
    // Made from what the case was before the lock; recorded only if that is what it still is. A
    // caller that fires without preparedTransaction lands here too, and learns it from the message.
    const missing = this.effects.unprepared(decision.transition, input.prepared?.caseId === current.id && input.prepared.event === input.event ? input.prepared : undefined);
    if (missing.length > 0) throw new StaleRead(current.version, `${missing.join(', ')} not prepared for this transition`);
    if (input.prepared && input.prepared.version !== current.version && this.effects.needPreparing(decision.transition)) {
      throw new StaleRead(current.version, `prepared at version ${input.prepared.version}`);
    }
    const updated = await this.persist(tx, current, decision.to, decision.transition, input);
    const actorRole = input.actor.kind === 'system' ? CaseRole.System : roles.find((r) => decision.transition.by.includes(r))!;
    const link = {
      type: input.event,
      actorId: input.actor.kind === 'user' ? input.actor.user.id : null,
      actorRole,
      payload: { from: current.status, to: decision.to, ...(input.payload ?? {}), ...(input.actor.kind === 'system' ? { systemReason: input.actor.reason } : {}) },
    };
    const algorithm = current.hashAlgorithm as HashAlgorithm;
    const event =
      head === undefined
        ? await this.events.append(tx, current.id, algorithm, link)
        : await this.events.appendAfterUnlockedRead(tx, current.id, algorithm, head, link, current.version);
    // The row's effects, in its order: committed with the state change or not at all.
    await this.effects.run(
      tx,
      {
        case: updated,
        from: current.status,
        transition: decision.transition,
        actor: input.actor,
        payload: event.payload,
        sequence: event.sequence,
        occurredAt: event.occurredAt,
      },
      input.prepared?.byHandler,
    );
    return { case: updated, transition: decision.transition, from: current.status };
  }

  /**
   * The case, the actor's roles on it, the head of its chain and, when the guard needs it, what the
   * application lacks: one statement. A system actor's case comes without the head (`append`
   * reads it under the lock).
   */
  private async loadFor(tx: EntityManager, input: FireTransition): Promise<{ current: Case; roles: CaseRole[]; missing: string[]; head?: ChainHead | null }> {
    const completeness = input.completeness;
    if (input.actor.kind === 'user') {
      const {
        case: current,
        roles,
        more,
      } = await this.access.loadWith<{ head: ChainHead | null }>(input.actor.user, input.caseId, completeness?.statement ?? CASE_WITH_PEOPLE_AND_HEAD, tx);
      return { current, roles, missing: completeness?.missing(current, more) ?? [], head: more.head };
    }
    // Completeness is read with a person's access check: submit and resubmit are people's steps.
    if (completeness) throw new Error('The completeness guard is read for people only; the platform does not submit applications');
    return { current: await tx.findOneOrFail(Case, { where: { id: input.caseId } }), roles: [CaseRole.System], missing: [] };
  }

  /**
   * The guarded UPDATE. The case it answers is `current` with exactly the columns the UPDATE set
   * (and its `updated_at` as PostgreSQL wrote it), not a fresh read: the version it checked proves
   * no transition came in between, and the columns effects read change only in transitions.
   * (`needs_manual_assignment` changes outside them, and is read from the table, never from here.)
   */
  private async persist(tx: EntityManager, current: Case, to: CaseStatus, transition: Transition, input: FireTransition): Promise<Case> {
    const sets: string[] = ['status = $4', 'version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [current.id, current.version, current.status, to];
    const changes: Partial<Case> = { status: to, version: current.version + 1 };
    const add = <K extends keyof Case>(property: K, column: string, value: Case[K]): void => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
      changes[property] = value;
    };
    for (const [key, value] of Object.entries(input.set ?? {}) as [keyof typeof COLUMN, never][]) add(key, COLUMN[key], value);
    if (to === CaseStatus.Submitted) add('submittedAt', 'submitted_at', new Date());
    if (transition.outcome) {
      add('outcome', 'outcome', transition.outcome);
      add('closedAt', 'closed_at', new Date());
      add('returnedToCourt', 'returned_to_court', current.source === CaseSource.CourtReferral && RETURNS_TO_COURT.includes(transition.outcome));
      if (input.payload?.reason && !input.set?.outcomeReason) add('outcomeReason', 'outcome_reason', String(input.payload.reason));
    }
    const rows = await runPrepared<{ updated_at: Date }>(
      tx,
      preparedFor('cases.transition', `UPDATE cases SET ${sets.join(', ')} WHERE id = $1 AND version = $2 AND status = $3 RETURNING updated_at`),
      params,
    );
    if (rows.length !== 1) {
      const now = await tx.findOneOrFail(Case, { where: { id: current.id } });
      throw new StaleVersionProblem(now.version);
    }
    return Object.assign(new Case(), current, changes, { updatedAt: rows[0].updated_at });
  }
}

function guardContext(current: Case, missingForSubmission: string[], input: FireTransition): GuardContext {
  return { status: current.status, source: current.source, referralType: current.referralType, missingForSubmission, facts: input.facts ?? {} };
}
