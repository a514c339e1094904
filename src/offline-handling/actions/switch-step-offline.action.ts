import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseParty } from '../../cases/entities/case-party.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ValidationProblem } from '../../common/errors/problem';
import type { SwitchStepOfflineRequest } from '../offline-steps.dto';
import type { OfflineStepRecord } from '../../cases/entities/offline-step.entity';
import { OfflineSteps } from '../../cases/offline-steps.service';

/** The role a switch is recorded in: the most specific the person holds on the case. */
const DECIDING_ROLES: readonly CaseRole[] = [CaseRole.Mediator, CaseRole.ConfirmingJudge, CaseRole.ConfirmingCourt, CaseRole.ReferringCourt, CaseRole.Admin];

@Injectable()
export class SwitchStepOffline {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly steps: OfflineSteps,
  ) {}

  /**
   * The mediator, the court or an administrator switches a step (or every step of one party) to
   * offline handling (OLR 5; docs/procedural-rules.md A1), recorded with who and why. A switched
   * service (or "all") means the platform serves that party no more documents electronically:
   * each goes to the staff's list of services to make on paper.
   */
  async run(user: AuthUser, caseId: string, body: SwitchStepOfflineRequest): Promise<OfflineStepRecord> {
    return this.db.transaction(async (tx) => {
      const { roles, case: c } = await this.access.require(user, caseId, CaseAction.SwitchStepOffline, tx);
      if (body.partyId && !(await tx.existsBy(CaseParty, { id: body.partyId, caseId }))) {
        throw new ValidationProblem([{ field: 'partyId', rule: 'isCaseParty', message: 'partyId must be a party of this case' }]);
      }
      await this.events.lockCase(tx, caseId);
      return this.steps.record(tx, c, {
        step: body.step,
        partyId: body.partyId ?? null,
        reason: body.reason,
        decidedBy: user.id,
        decidedRole: DECIDING_ROLES.find((r) => roles.includes(r)) ?? roles[0],
      });
    });
  }
}
