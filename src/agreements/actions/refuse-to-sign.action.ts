import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { Clock } from '../../infrastructure/clock/clock';
import { AgreementRefusal } from '../agreement-refusal.entity';

import { AgreementSigning } from '../agreement-signing.service';

@Injectable()
export class RefuseToSign {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: AgreementSigning,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
  ) {}

  /** A party (or its agent) refuses to sign the version, with its reason; the mediator then revises or terminates. */
  async run(user: AuthUser, caseId: string, body: { versionHash: string; reason: string; partyId?: string }): Promise<AgreementRefusal> {
    return this.db.transaction(async (tx) => {
      const { version, capacity } = await this.signing.signerContext(tx, user, caseId, body, { verified: false });
      // Asked after the version's state, as before; the policy lets only a party or its agent through, so the capacity is a party's.
      await this.access.require(user, caseId, CaseAction.RefuseToSign, tx);
      const partyId = capacity.partyId!;
      await this.signing.refuseIfSigned(tx, version.id, capacity);
      const refusal = await tx.save(tx.create(AgreementRefusal, { caseId, versionId: version.id, partyId, userId: user.id, reason: body.reason, refusedAt: this.clock.now() }));
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.RefuseToSign,
          actor: { kind: 'user', user },
          payload: { versionId: version.id, version: version.version, partyId, reason: body.reason },
          triggers: ['feature'],
        },
        tx,
      );
      return refusal;
    });
  }
}
