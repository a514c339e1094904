import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { Case } from '../cases/entities/case.entity';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { Outbox } from '../outbox/outbox.service';
import { AssignmentOffer, OfferStatus } from './assignment-offer.entity';

/** The table's `assignment.*` effects: the offer that lapsed, the mediators' loads, and asking for the next offer. */
@Injectable()
export class AssignmentEffects {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** The offer the mediator let lapse is closed as expired. */
  @TransitionEffect('assignment.expireOffer')
  async expireOffer(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await tx.update(AssignmentOffer, { caseId: fired.case.id, status: OfferStatus.Pending }, { status: OfferStatus.Expired, answeredAt: this.clock.now() });
  }

  /**
   * The designation period passed with no mediator accepted (docs/procedural-rules.md A4): the case joins the
   * administrators' flagged cases (a pending offer stays open; its acceptance clears the flag).
   */
  @TransitionEffect('assignment.flagForManualAssignment')
  async flagForManualAssignment(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await tx.update(Case, { id: fired.case.id }, { needsManualAssignment: true });
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
}
