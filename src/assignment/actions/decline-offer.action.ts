import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { Clock } from '../../infrastructure/clock/clock';
import { AssignmentOffer, OfferStatus } from '../assignment-offer.entity';
import { AssignmentService } from '../assignment.service';

@Injectable()
export class DeclineOffer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
  ) {}

  /** The offered mediator declines, with a reason; the next candidate is offered the case. */
  async run(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const offer = await this.assignment.pendingOfferFor(tx, user, caseId);
      await this.transitions.fire({ caseId, event: CaseEvent.MediatorDecline, actor: { kind: 'user', user }, payload: { offerId: offer.id, reason }, triggers: ['feature'] }, tx);
      await tx.update(AssignmentOffer, { id: offer.id }, { status: OfferStatus.Declined, answeredAt: this.clock.now(), reason });
    });
  }
}
