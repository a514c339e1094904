import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { liveVersion } from '../agreement-store';

@Injectable()
export class ReviseAgreement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
  ) {}

  /**
   * The mediator takes the version being signed back to mediation (revise_agreement), e.g. after
   * a party refused to sign: the version and every signature on it become void.
   */
  async run(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      const live = await liveVersion(tx, caseId, true);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.ReviseAgreement,
          actor: { kind: 'user', user },
          payload: { ...(live ? { versionId: live.id, version: live.version } : {}), reason },
          triggers: ['feature'],
        },
        tx,
      );
    });
  }
}
