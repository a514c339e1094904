import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { Clock } from '../infrastructure/clock/clock';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import type { Job } from 'bullmq';
import type {
  MediatorQueueView,
  NominationStateView,
  NominationView,
  OfferedCasePersonView,
  QueueCaseView,
  QueueOfferView,
  UnassignedCaseView,
  WorkloadView,
} from './assignment.view';
import { AssignmentOffer, OfferSource, OfferStatus } from './assignment-offer.entity';
import { loadCaseFacts } from './case-facts.loader';
import { createConflictScreen } from './conflict-screen';
import { matchMediators } from './matcher';
import { MediatorDirectory, toMediatorProfile } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';
import { explanationForMediator } from './offer-explanation';
import { triage } from './triage';

/** Transitions after which the next mediator must be found. */
/** Enough to choose from; the list is sorted senior first. */
const NOMINATION_CANDIDATE_LIMIT = 50;

/**
 * Smart case assignment (docs/procedural-rules.md A4, A5): offer the case to the best eligible mediator, one
 * at a time; on a decline or a timeout, the next; none left → flagged for an administrator.
 * The matcher is pure (matcher.ts); this service loads, decides and stores.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly outbox: Outbox,
    private readonly directory: MediatorDirectory,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** The offer the mediator let lapse is closed as expired. */
  @TransitionEffect('assignment.expireOffer')
  async expireOffer(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await tx.update(AssignmentOffer, { caseId: fired.case.id, status: OfferStatus.Pending }, { status: OfferStatus.Expired, answeredAt: this.clock.now() });
  }

  /** A mediator who recused or was replaced (the event's `previousMediatorId`) has one case fewer. */
  @TransitionEffect('assignment.releaseOutgoingMediator')
  async releaseOutgoingMediator(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const previous = fired.payload.previousMediatorId as string | undefined;
    if (previous) await this.release(tx, previous);
  }

  /** A closed case no longer counts in its mediator's load. */
  @TransitionEffect('assignment.releaseMediator')
  async releaseMediator(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    if (fired.case.mediatorId) await this.release(tx, fired.case.mediatorId);
  }

  private async release(tx: EntityManager, mediatorId: string): Promise<void> {
    await tx.query(`UPDATE mediator_profiles SET open_cases = greatest(open_cases - 1, 0) WHERE user_id = $1`, [mediatorId]);
  }

  /** Ask for the next offer, after the commit (an outbox job): matching reads more than the transition should lock. */
  @TransitionEffect('assignment.offerNext')
  async offerNextAfterCommit(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    if (fired.case.status === CaseStatus.Assigning) await this.outbox.add(tx, { job: JobName.OfferCase, data: { caseId: fired.case.id } });
  }

  @JobHandler(JobName.OfferCase)
  async handleOfferJob(job: Job<{ caseId: string }>): Promise<{ offeredTo: string | null }> {
    return { offeredTo: await this.offerNext(job.data.caseId) };
  }

  /**
   * Offer the case to the best candidate not yet tried. Idempotent: a case not assigning, or
   * with an offer pending, is left alone, so a redelivered job does nothing.
   */
  async offerNext(caseId: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const c = await tx.findOneByOrFail(Case, { id: caseId });
      if (c.status !== CaseStatus.Assigning) return null;
      if (await tx.exists(AssignmentOffer, { where: { caseId, status: OfferStatus.Pending } })) return null;
      const tried = await tx.find(AssignmentOffer, { where: { caseId }, select: { mediatorId: true } });
      const { facts, organisationParents } = await loadCaseFacts(tx, caseId);
      const track = triage(facts);
      const result = matchMediators(facts, track, await this.directory.candidates(facts, track.track, tx), {
        at: this.clock.now(),
        excludeMediatorIds: tried.map((o) => o.mediatorId),
        organisationParents,
        limit: 5,
      });
      const best = result.candidates[0];
      if (!best) {
        if (!c.needsManualAssignment) {
          await tx.update(Case, { id: caseId }, { needsManualAssignment: true });
          await this.transitions.fire(
            {
              caseId,
              event: CaseEvent.FlagForManualAssignment,
              actor: { kind: 'system', reason: 'no eligible mediator left' },
              payload: { tried: tried.length, excluded: result.excluded.length, track: track.track },
              triggers: ['feature'],
            },
            tx,
          );
        }
        return null;
      }
      const explanation = {
        track: track.track,
        triage: track.reasons,
        chosen: { mediatorId: best.mediatorId, score: best.score, ...best.explanation },
        runnersUp: result.candidates.slice(1).map((r) => ({ mediatorId: r.mediatorId, score: r.score })),
        excluded: result.excluded.length,
      };
      await this.createOffer(tx, c, best.mediatorId, OfferSource.Matcher, explanation, null, { kind: 'system', reason: 'matcher' });
      return best.mediatorId;
    });
  }

  private async createOffer(
    tx: EntityManager,
    c: Case,
    mediatorId: string,
    source: OfferSource,
    explanation: Record<string, unknown>,
    reason: string | null,
    actor: Parameters<CaseTransitions['fire']>[0]['actor'],
  ): Promise<AssignmentOffer> {
    const round = (await tx.count(AssignmentOffer, { where: { caseId: c.id } })) + 1;
    const offer = await tx.save(
      tx.create(AssignmentOffer, {
        caseId: c.id,
        mediatorId,
        round,
        source,
        status: OfferStatus.Pending,
        explanation,
        reason,
        offeredAt: this.clock.now(),
        dueAt: this.clock.now(),
      }),
    );
    await this.transitions.fire({ caseId: c.id, event: CaseEvent.OfferToMediator, actor, payload: { offerId: offer.id, mediatorId, round, source }, triggers: ['feature'] }, tx);
    // The offer's due time is the deadline the transition just started (MEDIATOR_ACCEPT_WORKING_DAYS).
    const [deadline] = (await tx.query(
      `SELECT due_at FROM deadlines WHERE case_id = $1 AND kind = 'mediator_offer' AND fired_at IS NULL AND cancelled_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [c.id],
    )) as { due_at: Date }[];
    if (deadline) await tx.update(AssignmentOffer, { id: offer.id }, { dueAt: deadline.due_at });
    return tx.findOneByOrFail(AssignmentOffer, { id: offer.id });
  }

  /** The offered mediator accepts, signing the conflict-of-interest disclosure (OMR 13). */
  async accept(user: AuthUser, caseId: string, disclosure: { noConflict: boolean; statement?: string }, origin: { ip?: string | null }): Promise<void> {
    if (!disclosure.noConflict) {
      throw new ValidationProblem([{ field: 'noConflict', rule: 'equals', message: 'a mediator with a conflict must decline (or recuse), not accept' }]);
    }
    await this.db.transaction(async (tx) => {
      const offer = await this.pendingOfferFor(tx, user, caseId);
      const signed = { ...disclosure, signedAt: this.clock.now().toISOString(), signedBy: user.id, ip: origin.ip ?? null };
      // The transition first: it checks the person as the offered mediator, which the offer's
      // status is what makes them.
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.MediatorAccept,
          actor: { kind: 'user', user },
          facts: { disclosureSigned: true },
          payload: { offerId: offer.id, disclosure: signed },
          set: { mediatorId: user.id },
          triggers: ['feature'],
        },
        tx,
      );
      await tx.update(AssignmentOffer, { id: offer.id }, { status: OfferStatus.Accepted, answeredAt: this.clock.now(), disclosure: signed as never });
      await tx.query(`UPDATE mediator_profiles SET open_cases = open_cases + 1, assignments_30d = assignments_30d + 1 WHERE user_id = $1`, [user.id]);
      await tx.update(Case, { id: caseId }, { needsManualAssignment: false });
    });
  }

  async decline(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const offer = await this.pendingOfferFor(tx, user, caseId);
      await this.transitions.fire({ caseId, event: CaseEvent.MediatorDecline, actor: { kind: 'user', user }, payload: { offerId: offer.id, reason }, triggers: ['feature'] }, tx);
      await tx.update(AssignmentOffer, { id: offer.id }, { status: OfferStatus.Declined, answeredAt: this.clock.now(), reason });
    });
  }

  private async pendingOfferFor(tx: EntityManager, user: AuthUser, caseId: string): Promise<AssignmentOffer> {
    await this.access.load(user, caseId, tx);
    await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    const offer = await tx.findOne(AssignmentOffer, { where: { caseId, mediatorId: user.id, status: OfferStatus.Pending } });
    if (!offer) throw new ConflictProblem('There is no open offer of this case to you (it was answered, expired or withdrawn)');
    return offer;
  }

  /**
   * An administrator assigns by hand, with a reason: the pending offer (if any) is withdrawn.
   * Conflicts of interest are never overridden; capacity and the other filters may be.
   */
  async assignManually(admin: AuthUser, caseId: string, mediatorId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.access.load(admin, caseId, tx);
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const c = await tx.findOneByOrFail(Case, { id: caseId });
      if (c.status !== CaseStatus.Assigning) throw new ConflictProblem(`The case is ${c.status}: only a case being assigned takes a new offer`);
      await this.assertNoConflict(tx, caseId, mediatorId);
      await tx.update(AssignmentOffer, { caseId, status: OfferStatus.Pending }, { status: OfferStatus.Withdrawn, answeredAt: this.clock.now(), reason: `withdrawn: ${reason}` });
      await tx.update(Case, { id: caseId }, { needsManualAssignment: false });
      await this.createOffer(tx, c, mediatorId, OfferSource.Manual, { assignedBy: admin.id }, reason, { kind: 'user', user: admin });
    });
  }

  /**
   * The assigned mediator steps down (特邀 15; docs/procedural-rules.md A5), with a reason: the case goes back to
   * assignment and the next candidate (never this mediator again) is offered it.
   */
  async recuse(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.access.require(user, caseId, CaseAction.Recuse, tx);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.MediatorRecuse,
          actor: { kind: 'user', user },
          payload: { reason, previousMediatorId: user.id },
          set: { mediatorId: null },
          triggers: ['feature'],
        },
        tx,
      );
    });
  }

  /**
   * An administrator takes the case from its mediator, with a reason. With `mediatorId` the case
   * is offered to that mediator; otherwise the matcher picks the next one.
   */
  async reassign(admin: AuthUser, caseId: string, reason: string, mediatorId?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = (await this.access.load(admin, caseId, tx)).case;
      if (mediatorId) await this.assertNoConflict(tx, caseId, mediatorId);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.Reassign,
          actor: { kind: 'user', user: admin },
          payload: { reason, previousMediatorId: c.mediatorId },
          set: { mediatorId: null },
          triggers: ['feature'],
        },
        tx,
      );
      // The offer job the transition queued finds this offer pending and leaves the case alone.
      if (mediatorId) {
        const now = await tx.findOneByOrFail(Case, { id: caseId });
        await this.createOffer(tx, now, mediatorId, OfferSource.Manual, { assignedBy: admin.id }, reason, { kind: 'user', user: admin });
      }
    });
  }

  /**
   * Joint nomination (docs/procedural-rules.md A4): when every party side names the same mediator within the
   * window after acceptance, that choice replaces the platform's pending offer.
   */
  async nominate(user: AuthUser, caseId: string, mediatorId: string): Promise<NominationView> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const c = await tx.findOne(Case, { where: { id: caseId } });
      // Respondents take part here before they are served: a party record of theirs is enough.
      const party = c ? await tx.findOne(CaseParty, { where: { caseId, userId: user.id } }) : null;
      if (!c || !party) throw new NotFoundProblem(`No case ${caseId}`);
      if (c.status !== CaseStatus.Assigning) throw new ConflictProblem(`The case is ${c.status}: the mediator is already chosen`);
      const windowEnds = await this.nominationWindowEnds(tx, c);
      if (this.clock.nowMs() >= windowEnds.getTime()) {
        throw new ConflictProblem(`The parties could nominate a mediator jointly until ${windowEnds.toISOString()}; the platform designates one now`);
      }
      const mediator = await tx.findOne(MediatorProfileRecord, { where: { userId: mediatorId } });
      if (!mediator) throw new ValidationProblem([{ field: 'mediatorId', rule: 'isMediator', message: 'mediatorId is not a mediator on the platform' }]);
      await this.assertNoConflict(tx, caseId, mediatorId);
      await tx.query(
        `INSERT INTO assignment_nominations (case_id, side, user_id, mediator_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, side) DO UPDATE SET mediator_id = EXCLUDED.mediator_id, user_id = EXCLUDED.user_id, nominated_at = now()`,
        [caseId, party.side, user.id, mediatorId],
      );
      const picks = (await tx.query(`SELECT side, mediator_id FROM assignment_nominations WHERE case_id = $1`, [caseId])) as { side: PartySide; mediator_id: string }[];
      const agreed = picks.length === 2 && picks[0].mediator_id === picks[1].mediator_id;
      if (!agreed) return { agreed: false };
      await tx.update(
        AssignmentOffer,
        { caseId, status: OfferStatus.Pending },
        { status: OfferStatus.Withdrawn, answeredAt: this.clock.now(), reason: 'withdrawn: the parties jointly nominated a mediator' },
      );
      await this.createOffer(tx, c, mediatorId, OfferSource.JointNomination, { nominatedBy: picks }, 'joint nomination by the parties', {
        kind: 'system',
        reason: 'joint nomination',
      });
      return { agreed: true };
    });
  }

  /** The joint-nomination window: JOINT_NOMINATION_WORKING_DAYS working days from intake's acceptance. */
  private async nominationWindowEnds(tx: EntityManager, c: Case): Promise<Date> {
    const [accepted] = (await tx.query(`SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'accept' ORDER BY sequence DESC LIMIT 1`, [c.id])) as {
      occurred_at: Date;
    }[];
    return this.calendar.computeDueAt(accepted?.occurred_at ?? c.updatedAt, { days: this.config.get('JOINT_NOMINATION_WORKING_DAYS'), unit: 'working' });
  }

  /**
   * What a party needs to nominate: the window, its side's pick, whether the other side named
   * someone and whether both agree, and the mediators it may name (active, taking this kind of
   * dispute, without a conflict in this case: the same screen a nomination must pass).
   */
  async nominationState(user: AuthUser, caseId: string): Promise<NominationStateView> {
    const tx = this.db.manager;
    const c = await tx.findOne(Case, { where: { id: caseId } });
    const party = c ? await tx.findOne(CaseParty, { where: { caseId, userId: user.id } }) : null;
    if (!c || !party) throw new NotFoundProblem(`No case ${caseId}`);
    const windowEnds = await this.nominationWindowEnds(tx, c);
    const picks = (await tx.query(`SELECT side, mediator_id FROM assignment_nominations WHERE case_id = $1`, [caseId])) as { side: PartySide; mediator_id: string }[];
    const mine = picks.find((p) => p.side === party.side)?.mediator_id ?? null;
    const theirs = picks.find((p) => p.side !== party.side)?.mediator_id ?? null;
    const rows = await tx
      .getRepository(MediatorProfileRecord)
      .createQueryBuilder('m')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .addSelect('u.display_name', 'display_name')
      .where('m.active')
      .andWhere('m.dispute_types @> ARRAY[:disputeType]::text[]', { disputeType: c.disputeType })
      .orderBy('m.seniority', 'DESC')
      .addOrderBy('u.display_name', 'ASC')
      .limit(NOMINATION_CANDIDATE_LIMIT)
      .getRawAndEntities();
    const { facts, organisationParents } = await loadCaseFacts(tx, caseId);
    const conflictOf = createConflictScreen(facts, { organisationParents, corporateGroupLevels: 2 });
    const candidates = rows.entities.flatMap((m, i) =>
      conflictOf(toMediatorProfile(m))
        ? []
        : [{ userId: m.userId, displayName: (rows.raw[i] as { display_name: string }).display_name, languages: m.languages, disputeTypes: m.disputeTypes, seniority: m.seniority }],
    );
    return {
      open: c.status === CaseStatus.Assigning && this.clock.nowMs() < windowEnds.getTime(),
      windowEndsAt: windowEnds.toISOString(),
      myNomination: mine,
      otherSideNominated: theirs !== null,
      agreed: mine !== null && mine === theirs,
      candidates,
    };
  }

  private async assertNoConflict(tx: EntityManager, caseId: string, mediatorId: string): Promise<void> {
    const profile = await tx.findOne(MediatorProfileRecord, { where: { userId: mediatorId } });
    if (!profile) throw new ValidationProblem([{ field: 'mediatorId', rule: 'isMediator', message: 'mediatorId has no mediator profile' }]);
    const { facts, organisationParents } = await loadCaseFacts(tx, caseId);
    const conflict = createConflictScreen(facts, { organisationParents, corporateGroupLevels: 2 })(toMediatorProfile(profile));
    if (conflict) throw new ConflictProblem(`Conflict of interest: ${conflict}`);
  }

  /**
   * Mediator's queue: open offers (soonest due first) with why it was chosen and whom the case
   * is between (for the conflict disclosure), then its cases by next deadline.
   */
  async queueOf(user: AuthUser): Promise<MediatorQueueView> {
    const offers = (await this.db.query(
      `SELECT o.id AS "offerId", o.case_id AS "caseId", c.number, c.title, c.dispute_type AS "disputeType", o.due_at AS "dueAt", o.round,
              o.source, o.explanation, o.reason
         FROM assignment_offers o JOIN cases c ON c.id = o.case_id
        WHERE o.mediator_id = $1 AND o.status = 'pending' ORDER BY o.due_at`,
      [user.id],
    )) as (Omit<QueueOfferView, 'explanation' | 'people'> & { source: OfferSource; explanation: unknown; reason: string | null })[];
    const people = (await this.db.query(
      `SELECT p.case_id, p.side, 'party' AS role, p.name, NULL AS organisation, p.position AS rank FROM case_parties p WHERE p.case_id = ANY($1)
       UNION ALL
       SELECT a.case_id, a.side, 'agent', u.display_name, a.law_firm, 1000 FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = ANY($1)
       ORDER BY side, rank, name`,
      [offers.map((o) => o.caseId)],
    )) as (OfferedCasePersonView & { case_id: string })[];
    const cases = await this.db.query(
      `SELECT c.id AS "caseId", c.number, c.title, c.status, c.dispute_type AS "disputeType", d.due_at AS "nextDeadline", d.kind AS "nextDeadlineKind"
         FROM cases c
         LEFT JOIN LATERAL (SELECT due_at, kind FROM deadlines WHERE case_id = c.id AND fired_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL
                             ORDER BY due_at LIMIT 1) d ON TRUE
        WHERE c.mediator_id = $1 AND c.status NOT IN ('closed', 'archived')
        ORDER BY "nextDeadline" ASC NULLS LAST, c.created_at`,
      [user.id],
    );
    const now = this.clock.nowMs();
    return {
      offers: offers.map(({ source, explanation, reason, ...offer }) => ({
        ...offer,
        explanation: explanationForMediator(source, explanation, reason),
        people: people.filter((p) => p.case_id === offer.caseId).map(({ side, role, name, organisation }) => ({ side, role, name, organisation })),
      })),
      cases: (cases as QueueCaseView[]).map((c) => ({ ...c, overdue: c.nextDeadline !== null && new Date(c.nextDeadline).getTime() < now })),
    };
  }

  /** Cases waiting for a person: flagged for manual assignment, or assigning with no offer out. */
  async unassigned(): Promise<UnassignedCaseView[]> {
    return this.db.query(
      `SELECT c.id AS "caseId", c.number, c.title, c.dispute_type AS "disputeType", c.needs_manual_assignment AS "needsManualAssignment", c.updated_at AS "since",
              (SELECT count(*)::int FROM assignment_offers o WHERE o.case_id = c.id) AS "offersMade"
         FROM cases c
        WHERE c.status = 'assigning'
          AND (c.needs_manual_assignment OR NOT EXISTS (SELECT 1 FROM assignment_offers o WHERE o.case_id = c.id AND o.status = 'pending'))
        ORDER BY c.needs_manual_assignment DESC, c.updated_at`,
    );
  }

  async workload(): Promise<WorkloadView[]> {
    return this.db.query(
      `SELECT m.user_id AS "mediatorId", u.display_name AS "name", m.active, m.open_cases AS "openCases", m.capacity,
              m.assignments_30d AS "assignmentsLast30Days",
              (SELECT count(*)::int FROM assignment_offers o WHERE o.mediator_id = m.user_id AND o.status = 'pending') AS "pendingOffers",
              (SELECT count(*)::int FROM assignment_offers o WHERE o.mediator_id = m.user_id AND o.status = 'declined') AS "declined"
         FROM mediator_profiles m JOIN users u ON u.id = m.user_id ORDER BY m.open_cases::float / greatest(m.capacity, 1) DESC`,
    );
  }

  /** The offers of a case with the matcher's explanations (administrators). */
  async offersOf(admin: AuthUser, caseId: string): Promise<AssignmentOffer[]> {
    await this.access.require(admin, caseId, CaseAction.ViewAssignmentOffers);
    return this.db.getRepository(AssignmentOffer).find({ where: { caseId }, order: { round: 'ASC' } });
  }
}
