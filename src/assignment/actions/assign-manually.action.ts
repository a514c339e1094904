import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem } from '../../common/errors/problem';
import { Case } from '../../cases/entities/case.entity';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { Clock } from '../../infrastructure/clock/clock';
import { AssignmentOffer, OfferSource, OfferStatus } from '../assignment-offer.entity';
import { AssignmentService } from '../assignment.service';

@Injectable()
export class AssignManually {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly access: CaseAccess,
    private readonly clock: Clock,
  ) {}

  /**
   * An administrator assigns by hand, with a reason: the pending offer (if any) is withdrawn.
   * Conflicts of interest are never overridden; capacity and the other filters may be.
   */
  async run(admin: AuthUser, caseId: string, mediatorId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.access.load(admin, caseId, tx);
      await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const c = await tx.findOneByOrFail(Case, { id: caseId });
      if (c.status !== CaseStatus.Assigning) throw new ConflictProblem(`The case is ${c.status}: only a case being assigned takes a new offer`);
      await this.assignment.assertNoConflict(tx, caseId, mediatorId);
      await tx.update(AssignmentOffer, { caseId, status: OfferStatus.Pending }, { status: OfferStatus.Withdrawn, answeredAt: this.clock.now(), reason: `withdrawn: ${reason}` });
      await tx.update(Case, { id: caseId }, { needsManualAssignment: false });
      await this.assignment.createOffer(tx, c, mediatorId, OfferSource.Manual, { assignedBy: admin.id }, reason, { kind: 'user', user: admin });
    });
  }
}
