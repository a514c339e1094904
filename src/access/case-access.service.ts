import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ForbiddenProblem, LockedProblem, NotFoundProblem } from '../common/errors/problem';
import { hydrate } from '../common/database/hydrate';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { chainHeadColumn, LOCK_CASE, type ChainHead } from '../cases/case-event-log.service';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { Case } from '../cases/entities/case.entity';
import type { CaseRole } from '../cases/lifecycle/case-roles';
import { can, CaseAction, caseRolesFor, refusalReason, type CaseAccessFacts } from './case-access.policy';

/**
 * The actions refused with 423 on an archived case before the policy is asked. Reading an
 * archived case is allowed; the features of the other changes refuse it themselves, by its state.
 */
const WRITES: readonly CaseAction[] = [
  CaseAction.EditApplication,
  CaseAction.UploadDocument,
  CaseAction.TakePartInMediation,
  CaseAction.Negotiate,
  CaseAction.CommitParty,
  CaseAction.ConductMediation,
  CaseAction.AcknowledgeWarning,
];

/** Who is who on a case, for the policy: its parties' and agents' accounts by side, and the mediators with a pending offer of it. */
const PEOPLE_OF_CASE = (caseId: string): string =>
  `coalesce((SELECT json_agg(json_build_object('side', p.side, 'userId', p.user_id)) FROM case_parties p WHERE p.case_id = ${caseId}), '[]') AS parties,
   coalesce((SELECT json_agg(json_build_object('side', a.side, 'userId', a.user_id)) FROM case_agents a WHERE a.case_id = ${caseId}), '[]') AS agents,
   ARRAY(SELECT o.mediator_id::text FROM assignment_offers o WHERE o.case_id = ${caseId} AND o.status = 'pending') AS offered`;

/** Who is who on each of the cases, a row each (one case's, or a list page's). */
const CASES_PEOPLE: PreparedStatement = { name: 'access.cases-people', text: `SELECT c.id, ${PEOPLE_OF_CASE('c.id')} FROM unnest($1::uuid[]) AS c(id)` };

/**
 * The columns of a statement `FROM cases c` that give a case and who is who on it. The case comes
 * as `to_jsonb` (its search text left out: no answer shows it) and is converted as TypeORM
 * converts what it reads. A statement that needs more of the case adds its own columns
 * ({@link CaseAccess.loadWith}).
 */
export const CASE_AND_PEOPLE = `to_jsonb(c) - 'search_text' AS case, ${PEOPLE_OF_CASE('c.id')}`;

/** A case and who is who on it: what every case request asks first, in one prepared statement. */
const CASE_WITH_PEOPLE: PreparedStatement = { name: 'access.case-with-people', text: `SELECT ${CASE_AND_PEOPLE} FROM cases c WHERE c.id = $1` };

/**
 * The same with the head of its event chain: under the case's lock for a change of the case, or
 * before the guarded UPDATE of a transition takes it (`CaseEventLog.appendAfterUnlockedRead`).
 */
export const CASE_WITH_PEOPLE_AND_HEAD: PreparedStatement = {
  name: 'access.case-with-people-and-head',
  text: `SELECT ${CASE_AND_PEOPLE}, ${chainHeadColumn('c.id')} FROM cases c WHERE c.id = $1`,
};

interface CasePeople {
  parties: CaseAccessFacts['parties'];
  agents: CaseAccessFacts['agents'];
  offered: string[];
}

export interface CaseWithAccess {
  case: Case;
  facts: CaseAccessFacts;
  roles: CaseRole[];
}

/** Loads what the policy needs and applies it. Every case endpoint goes through here. */
@Injectable()
export class CaseAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async facts(c: Case, manager: EntityManager = this.db.manager): Promise<CaseAccessFacts> {
    return (await this.factsOfMany([c], manager)).get(c.id)!;
  }

  /** The policy's facts of many cases (a list page's) in one prepared statement, whatever their number. */
  async factsOfMany(cases: readonly Case[], manager: EntityManager = this.db.manager): Promise<Map<string, CaseAccessFacts>> {
    const facts = new Map<string, CaseAccessFacts>();
    if (!cases.length) return facts;
    const rows = await runPrepared<CasePeople & { id: string }>(manager, CASES_PEOPLE, [cases.map((c) => c.id)]);
    const people = new Map(rows.map((row) => [row.id, row]));
    for (const c of cases) facts.set(c.id, factsOf(c, people.get(c.id)!));
    return facts;
  }

  /**
   * The case as this person may see it. Someone who may not see a case gets 404, exactly as
   * for a case that does not exist: its existence is not disclosed either.
   */
  async load(user: AuthUser, caseId: string, manager: EntityManager = this.db.manager): Promise<CaseWithAccess> {
    return this.loaded(user, caseId, await runPrepared<CaseRow>(manager, CASE_WITH_PEOPLE, [caseId]));
  }

  /**
   * `load` through a statement that reads more of the case in the same round trip: it selects
   * {@link CASE_AND_PEOPLE} and its own columns `FROM cases c WHERE c.id = $1`; its own columns
   * come back as `more`, once access is granted.
   */
  async loadWith<T extends object>(user: AuthUser, caseId: string, statement: PreparedStatement, manager: EntityManager = this.db.manager): Promise<CaseWithAccess & { more: T }> {
    const rows = await runPrepared<CaseRow & T>(manager, statement, [caseId]);
    return { ...this.loaded(user, caseId, rows), more: rows[0] };
  }

  /** Load, then insist on an action: 404 if invisible, 403 if visible but not allowed. */
  async require(user: AuthUser, caseId: string, action: CaseAction, manager?: EntityManager): Promise<CaseWithAccess> {
    return insist(await this.load(user, caseId, manager), action);
  }

  /**
   * In the caller's transaction: lock the case, then `require` as it stands under the lock (it may
   * have closed, or this person left it, since they were last asked), with the head of its event
   * chain for `CaseEventLog.appendAfter`.
   */
  async requireLocked(user: AuthUser, caseId: string, action: CaseAction, tx: EntityManager): Promise<CaseWithAccess & { chainHead: ChainHead | null }> {
    await runPrepared(tx, LOCK_CASE, [caseId]);
    const { more, ...loaded } = await this.loadWith<{ head: ChainHead | null }>(user, caseId, CASE_WITH_PEOPLE_AND_HEAD, tx);
    return { ...insist(loaded, action), chainHead: more.head };
  }

  private loaded(user: AuthUser, caseId: string, [row]: CaseRow[]): CaseWithAccess {
    if (!row) throw new NotFoundProblem(`No case ${caseId}`);
    const c = hydrate(this.db, Case, row.case);
    const facts = factsOf(c, row);
    const roles = caseRolesFor(user, facts);
    if (!can(roles, CaseAction.View, c)) throw new NotFoundProblem(`No case ${caseId}`);
    return { case: c, facts, roles };
  }
}

type CaseRow = CasePeople & { case: Record<string, unknown> };

function insist(loaded: CaseWithAccess, action: CaseAction): CaseWithAccess {
  if (WRITES.includes(action)) refuseIfArchived(loaded.case);
  if (!can(loaded.roles, action, loaded.case)) {
    throw new ForbiddenProblem(refusalReason(loaded.roles, action, loaded.case));
  }
  return loaded;
}

function factsOf(c: Case, people: CasePeople): CaseAccessFacts {
  return {
    status: c.status,
    referringCourtId: c.referringCourtId,
    confirmingCourtId: c.confirmingCourtId,
    mediatorId: c.mediatorId,
    offeredMediatorIds: people.offered,
    respondentAccessFrom: c.respondentAccessFrom,
    parties: people.parties,
    agents: people.agents,
  };
}

/**
 * An archived case is sealed: every change is refused with 423, whoever asks and whatever case
 * version they send. Check it before the version: a 409 "reload and try again" cannot be cured
 * by reloading.
 */
export function refuseIfArchived(c: Pick<Case, 'status' | 'number'>): void {
  if (c.status === CaseStatus.Archived) throw new LockedProblem(`Case ${c.number} is archived and read-only`);
}
