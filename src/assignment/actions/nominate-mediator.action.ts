import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../../common/errors/problem';
import { Case } from '../../cases/entities/case.entity';
import { CaseParty, PartySide } from '../../cases/entities/case-party.entity';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { Clock } from '../../infrastructure/clock/clock';
import type { NominationView } from '../assignment.view';
import { AssignmentOffer, OfferSource, OfferStatus } from '../assignment-offer.entity';
import { MediatorProfileRecord } from '../mediator-profile.entity';
import { AssignmentService } from '../assignment.service';

@Injectable()
export class NominateMediator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly clock: Clock,
  ) {}

  /**
   * Joint nomination (docs/procedural-rules.md A4): when every party side names the same mediator within the
   * window after acceptance, that choice replaces the platform's pending offer.
   */
  async run(user: AuthUser, caseId: string, mediatorId: string): Promise<NominationView> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const c = await tx.findOne(Case, { where: { id: caseId } });
      // Respondents take part here before they are served: a party record of theirs is enough.
      const party = c ? await tx.findOne(CaseParty, { where: { caseId, userId: user.id } }) : null;
      if (!c || !party) throw new NotFoundProblem(`No case ${caseId}`);
      if (c.status !== CaseStatus.Assigning) throw new ConflictProblem(`The case is ${c.status}: the mediator is already chosen`);
      const window = await this.assignment.nominationWindow(tx, caseId);
      if (!window?.open) {
        const until = window ? ` until ${window.endsAt.toISOString()}` : ' only after intake accepted the case';
        throw new ConflictProblem(`The parties could nominate a mediator jointly${until}; the platform designates one now`);
      }
      const mediator = await tx.findOne(MediatorProfileRecord, { where: { userId: mediatorId } });
      if (!mediator) throw new ValidationProblem([{ field: 'mediatorId', rule: 'isMediator', message: 'mediatorId is not a mediator on the platform' }]);
      await this.assignment.assertNoConflict(tx, caseId, mediatorId);
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
      await this.assignment.createOffer(tx, c, mediatorId, OfferSource.JointNomination, { nominatedBy: picks }, 'joint nomination by the parties', {
        kind: 'system',
        reason: 'joint nomination',
      });
      return { agreed: true };
    });
  }
}
