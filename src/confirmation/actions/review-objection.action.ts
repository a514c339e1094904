import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, NotFoundProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { ConfirmationApplication } from '../confirmation-application.entity';
import { courtOnly } from '../confirmation.service';
import { CourtProcedureService } from '../court-procedure.service';
import { RulingObjection, type ObjectionReview } from '../ruling-objection.entity';

@Injectable()
export class ReviewObjection {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly procedure: CourtProcedureService,
    private readonly clock: Clock,
  ) {}

  /**
   * The court records whether an interested third party has the interest it claims (Interp. 372; docs/procedural-rules.md
   * D23): admitted, the court hears the objection; dismissed, it does not. Once; in the timeline. Hearing it is the court's.
   */
  async run(user: AuthUser, objectionId: string, body: { decision: ObjectionReview; note: string }): Promise<RulingObjection> {
    const found = await this.db.getRepository(RulingObjection).findOneBy({ id: objectionId });
    if (!found) throw new NotFoundProblem(`No objection ${objectionId}`);
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, found.caseId);
      const app = await tx.findOneByOrFail(ConfirmationApplication, { id: found.applicationId });
      const loaded = await this.access.load(user, found.caseId, tx).catch(() => {
        throw new NotFoundProblem(`No objection ${objectionId}`);
      });
      if (courtOnly(loaded.roles) && !user.memberships.some((m) => m.organisationId === app.courtId)) throw new NotFoundProblem(`No objection ${objectionId}`);
      const { roles, case: c } = await this.access.require(user, found.caseId, CaseAction.ReviewObjection, tx);
      const objection = await tx.findOneByOrFail(RulingObjection, { id: objectionId });
      if (objection.kind !== 'third_party') throw new ConflictProblem('A party’s objection needs no review of its interest');
      if (objection.reviewedAt) throw new ConflictProblem(`The objector’s interest was reviewed on ${objection.reviewedAt.toISOString()}`);
      const now = this.clock.now();
      await tx.update(RulingObjection, { id: objectionId }, { reviewDecision: body.decision, reviewNote: body.note, reviewedBy: user.id, reviewedAt: now });
      const role = roles.includes(CaseRole.ConfirmingJudge) ? CaseRole.ConfirmingJudge : CaseRole.ConfirmingCourt;
      await this.procedure.record(tx, c, user, role, 'ruling_objection_reviewed', { applicationId: app.id, objectionId, decision: body.decision, note: body.note });
      return tx.findOneByOrFail(RulingObjection, { id: objectionId });
    });
  }
}
