import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { OfferSource } from '../assignment-offer.entity';
import { AssignmentService } from '../assignment.service';

@Injectable()
export class Reassign {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly transitions: CaseTransitions,
    private readonly access: CaseAccess,
  ) {}

  /**
   * An administrator takes the case from its mediator, with a reason. With `mediatorId` the case
   * is offered to that mediator; otherwise the matcher picks the next one.
   */
  async run(admin: AuthUser, caseId: string, reason: string, mediatorId?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = (await this.access.load(admin, caseId, tx)).case;
      if (mediatorId) await this.assignment.assertNoConflict(tx, caseId, mediatorId);
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
        await this.assignment.createOffer(tx, now, mediatorId, OfferSource.Manual, { assignedBy: admin.id }, reason, { kind: 'user', user: admin });
      }
    });
  }
}
