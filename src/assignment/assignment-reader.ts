import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundProblem } from '../common/errors/problem';
import { Case } from '../cases/entities/case.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { Clock } from '../infrastructure/clock/clock';
import type { MediatorQueueView, NominationStateView, OfferedCasePersonView, QueueCaseView, QueueOfferView, UnassignedCaseView, WorkloadView } from './assignment.view';
import { AssignmentOffer, OfferSource } from './assignment-offer.entity';
import { loadCaseFacts } from './case-facts.loader';
import { createConflictScreen } from './conflict-screen';
import { toMediatorProfile } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';
import { explanationForMediator } from './offer-explanation';
import { AssignmentService } from './assignment.service';

/** Enough to choose from; the list is sorted senior first. */
const NOMINATION_CANDIDATE_LIMIT = 50;

/** What the assignment screens read: a mediator's queue, the parties' nomination, the administrators' views. */
@Injectable()
export class AssignmentReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
  ) {}

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
    const window = await this.assignment.nominationWindow(tx, caseId);
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
      open: c.status === CaseStatus.Assigning && window?.open === true,
      windowEndsAt: window?.endsAt.toISOString() ?? null,
      myNomination: mine,
      otherSideNominated: theirs !== null,
      agreed: mine !== null && mine === theirs,
      candidates,
    };
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
