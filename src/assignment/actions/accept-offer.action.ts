import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { ValidationProblem } from '../../common/errors/problem';
import { CaseTransitions, type FireTransition } from '../../cases/case-transitions.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { Clock } from '../../infrastructure/clock/clock';
import { AssignmentOffer, OfferStatus } from '../assignment-offer.entity';
import { AssignmentService } from '../assignment.service';

@Injectable()
export class AcceptOffer {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
  ) {}

  /** The offered mediator accepts, signing the conflict-of-interest disclosure (OMR 13). */
  async run(user: AuthUser, caseId: string, disclosure: { noConflict: boolean; statement?: string }, origin: { ip?: string | null }): Promise<void> {
    if (!disclosure.noConflict) {
      throw new ValidationProblem([{ field: 'noConflict', rule: 'equals', message: 'a mediator with a conflict must decline (or recuse), not accept' }]);
    }
    const accept: FireTransition = {
      caseId,
      event: CaseEvent.MediatorAccept,
      actor: { kind: 'user', user },
      facts: { disclosureSigned: true },
      set: { mediatorId: user.id },
      triggers: ['feature'],
    };
    // The notice of mediation the acceptance serves is rendered before the transaction opens.
    await this.transitions.preparedTransaction(accept, async (tx, prepared) => {
      const offer = await this.assignment.pendingOfferFor(tx, user, caseId);
      const signed = { ...disclosure, signedAt: this.clock.now().toISOString(), signedBy: user.id, ip: origin.ip ?? null };
      // The transition first: it checks the person as the offered mediator, which the offer's
      // status is what makes them.
      await this.transitions.fire({ ...accept, payload: { offerId: offer.id, disclosure: signed }, prepared }, tx);
      await tx.update(AssignmentOffer, { id: offer.id }, { status: OfferStatus.Accepted, answeredAt: this.clock.now(), disclosure: signed as never });
      await tx.query(`UPDATE mediator_profiles SET open_cases = open_cases + 1, assignments_30d = assignments_30d + 1 WHERE user_id = $1`, [user.id]);
      await tx.update(Case, { id: caseId }, { needsManualAssignment: false });
    });
  }
}
