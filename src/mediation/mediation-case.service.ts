import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { Case } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ProblemException, ValidationProblem, type FieldError } from '../common/errors/problem';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import { loadCaseAudiences } from '../notifications/case-audiences';
import { Audience, resolveRecipients } from '../notifications/lifecycle-notifications';
import type { TemplateKey } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import type { OfferActor } from './offers';

/** A refusal of one of the pure cores (offers, blind bidding), with its HTTP status. */
export interface CoreRefusal {
  code: string;
  status: 400 | 403 | 404 | 409;
  reason: string;
  errors?: FieldError[];
}

/** The problem a core refusal becomes; a 400 names `field` unless the core listed its own fields. */
export function refusalProblem(refusal: CoreRefusal, field: string): ProblemException {
  switch (refusal.status) {
    case 400:
      return new ValidationProblem(refusal.errors ?? [{ field, rule: refusal.code, message: refusal.reason }]);
    case 403:
      return new ForbiddenProblem(refusal.reason);
    case 404:
      return new NotFoundProblem(refusal.reason);
    case 409:
      return new ConflictProblem(refusal.reason, { code: refusal.code });
  }
}

/** The case role an actor's event is recorded under. */
export function actorRole(actor: Pick<OfferActor, 'side' | 'capacity'>): CaseRole {
  if (actor.capacity === 'mediator') return CaseRole.Mediator;
  if (actor.side === PartySide.Applicant) return actor.capacity === 'party' ? CaseRole.Applicant : CaseRole.ApplicantAgent;
  return actor.capacity === 'party' ? CaseRole.Respondent : CaseRole.RespondentAgent;
}

export const sideAudience = (side: PartySide): Audience => (side === PartySide.Applicant ? Audience.ApplicantSide : Audience.RespondentSide);

/**
 * What every step of the mediation room does around its own rule: enter the case (the access
 * policy's 404/403, the case row locked so concurrent steps queue, 409 unless it is mediating),
 * record in the case's hash chain, tell people, and make creating requests idempotent.
 */
@Injectable()
export class MediationCase {
  constructor(
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly notifier: Notifier,
    private readonly idempotency: Idempotency,
  ) {}

  /**
   * In the caller's transaction: 404 when the person cannot see the case, 403 when the policy
   * refuses the action, then the case row locked and re-read, and 409 unless it is mediating
   * (or in one of `states`).
   */
  async enter(
    tx: EntityManager,
    user: AuthUser,
    caseId: string,
    action: CaseAction,
    states: readonly CaseStatus[] = [CaseStatus.Mediating],
  ): Promise<{ case: Case; roles: CaseRole[] }> {
    const { roles } = await this.access.require(user, caseId, action, tx);
    await this.events.lockCase(tx, caseId);
    const c = await tx.findOneByOrFail(Case, { id: caseId });
    if (!states.includes(c.status)) throw new ConflictProblem(`This is done while the case is ${states.join(' or ')}; it is ${c.status}`, { caseStatus: c.status });
    return { case: c, roles };
  }

  /** Appends to the case's chain; the caller holds the case lock (enter takes it). */
  async record(
    tx: EntityManager,
    c: Case,
    event: { type: string; actorId: string | null; actorRole: string; payload: Record<string, unknown>; confidential?: boolean },
    at?: Date,
  ): Promise<void> {
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, event, at);
  }

  /** Notifies the audiences' members except the actor, in the caller's transaction. */
  async tell(tx: EntityManager, c: Case, template: TemplateKey, audiences: readonly Audience[], actorUserId: string | null, data: Record<string, unknown> = {}): Promise<void> {
    const people = await loadCaseAudiences(tx, c, audiences);
    await this.notifier.notify(tx, {
      userIds: resolveRecipients(audiences, people, actorUserId),
      known: people.contacts,
      template,
      caseId: c.id,
      data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, ...data },
    });
  }

  /**
   * Runs a creating request once per Idempotency-Key: a retry gets the id the first one created
   * (also when two copies race: the loser finds the winner's). `create` records the key itself,
   * through the function it is given, in its own transaction.
   */
  async once(idem: IdempotentRequest | undefined, resourceType: string, create: (record: (tx: EntityManager, id: string) => Promise<void>) => Promise<string>): Promise<string> {
    const previous = await this.idempotency.previous(idem, resourceType);
    if (previous) return previous;
    try {
      return await create((tx, id) => this.idempotency.record(tx, idem, resourceType, id));
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) return (await this.idempotency.previous(idem, resourceType))!;
      throw error;
    }
  }
}
