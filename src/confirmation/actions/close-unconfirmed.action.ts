import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';

@Injectable()
export class CloseUnconfirmed {
  constructor(private readonly transitions: CaseTransitions) {}

  /** After a rejection the parties give up confirmation: closed (settled without confirmation). */
  async run(user: AuthUser, caseId: string, body: { reason?: string; expectedVersion?: number }): Promise<void> {
    await this.transitions.fire({
      caseId,
      event: CaseEvent.CloseUnconfirmed,
      actor: { kind: 'user', user },
      expectedVersion: body.expectedVersion,
      payload: { ...(body.reason ? { reason: body.reason } : {}) },
      triggers: ['feature'],
    });
  }
}
