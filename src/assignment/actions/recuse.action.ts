import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';

@Injectable()
export class Recuse {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly access: CaseAccess,
  ) {}

  /**
   * The assigned mediator steps down (特邀 15; docs/procedural-rules.md A5), with a reason: the case goes back to
   * assignment and the next candidate (never this mediator again) is offered it.
   */
  async run(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.access.require(user, caseId, CaseAction.Recuse, tx);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.MediatorRecuse,
          actor: { kind: 'user', user },
          payload: { reason, previousMediatorId: user.id },
          set: { mediatorId: null },
          triggers: ['feature'],
        },
        tx,
      );
    });
  }
}
