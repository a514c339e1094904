import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { ConflictProblem, ValidationProblem } from '../common/errors/problem';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { Clock } from '../infrastructure/clock/clock';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import type { Job } from 'bullmq';
import { AssignmentOffer, OfferSource, OfferStatus } from './assignment-offer.entity';
import { loadCaseFacts } from './case-facts.loader';
import { createConflictScreen } from './conflict-screen';
import { matchMediators } from './matcher';
import { MediatorDirectory, toMediatorProfile } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';
import { triage } from './triage';

/**
 * Smart case assignment (docs/procedural-rules.md A4, A5): offer the case to the best eligible mediator, one
 * at a time; on a decline or a timeout, the next; none left → flagged for an administrator.
 * The matcher is pure (matcher.ts); this service loads, decides and stores. The people's steps
 * (accept, decline, nominate, assign, recuse, re-assign) are actions in `actions/`, the reads are
 * `AssignmentReader`, the lifecycle effects `AssignmentEffects`; this is what they share.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly directory: MediatorDirectory,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
  ) {}

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

  async createOffer(
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

  async pendingOfferFor(tx: EntityManager, user: AuthUser, caseId: string): Promise<AssignmentOffer> {
    await this.access.load(user, caseId, tx);
    await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    const offer = await tx.findOne(AssignmentOffer, { where: { caseId, mediatorId: user.id, status: OfferStatus.Pending } });
    if (!offer) throw new ConflictProblem('There is no open offer of this case to you (it was answered, expired or withdrawn)');
    return offer;
  }

  /**
   * The joint-nomination window: the case's `joint_nomination` deadline, started by intake's acceptance
   * (JOINT_NOMINATION_WORKING_DAYS, docs/procedural-rules.md A4). Open while that deadline runs and is not yet
   * due (its job may run a moment late). Null for a case accepted before the window was a deadline.
   */
  async nominationWindow(tx: EntityManager, caseId: string): Promise<{ endsAt: Date; open: boolean } | null> {
    const [latest] = (await tx.query(
      `SELECT due_at, fired_at IS NULL AND cancelled_at IS NULL AS running FROM deadlines WHERE case_id = $1 AND kind = 'joint_nomination' ORDER BY created_at DESC LIMIT 1`,
      [caseId],
    )) as { due_at: Date; running: boolean }[];
    return latest ? { endsAt: latest.due_at, open: latest.running && this.clock.nowMs() < latest.due_at.getTime() } : null;
  }

  async assertNoConflict(tx: EntityManager, caseId: string, mediatorId: string): Promise<void> {
    const profile = await tx.findOne(MediatorProfileRecord, { where: { userId: mediatorId } });
    if (!profile) throw new ValidationProblem([{ field: 'mediatorId', rule: 'isMediator', message: 'mediatorId has no mediator profile' }]);
    const { facts, organisationParents } = await loadCaseFacts(tx, caseId);
    const conflict = createConflictScreen(facts, { organisationParents, corporateGroupLevels: 2 })(toMediatorProfile(profile));
    if (conflict) throw new ConflictProblem(`Conflict of interest: ${conflict}`);
  }
}
