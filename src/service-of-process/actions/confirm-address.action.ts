import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { partyAddresses, recordEServiceConsents } from '../../cases/e-service-consents';
import { CaseParty, EServiceConsentBasis } from '../../cases/entities/case-party.entity';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem, ForbiddenProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Clock } from '../../infrastructure/clock/clock';
import type { RequestOrigin } from '../../common/request-origin';

@Injectable()
export class ConfirmAddress {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly clock: Clock,
  ) {}

  /**
   * The address-for-service form (docs/procedural-rules.md A6), by a party or its agent for its own party: the
   * addresses become confirmed ones (express consent), and the form is kept in the case's chain.
   */
  async run(user: AuthUser, caseId: string, body: { email: string; phone?: string }, origin: RequestOrigin): Promise<CaseParty> {
    return this.db.transaction(async (tx) => {
      const { roles, case: c } = await this.access.require(user, caseId, CaseAction.ConfirmServiceAddress, tx);
      const own = (await tx.query(
        `SELECT id FROM case_parties WHERE case_id = $1 AND user_id = $2
         UNION SELECT party_id FROM case_agents WHERE case_id = $1 AND user_id = $2`,
        [caseId, user.id],
      )) as { id: string }[];
      const party = own[0]?.id;
      if (!party) throw new ForbiddenProblem('You do not act for a party of this case');
      if (c.status === CaseStatus.Closed || c.status === CaseStatus.Archived) throw new ConflictProblem(`The case is ${c.status}`);
      await this.events.lockCase(tx, caseId);
      const now = this.clock.now();
      await tx.update(
        CaseParty,
        { id: party },
        {
          email: body.email,
          phone: body.phone ?? null,
          consentEService: true,
          eServiceBasis: EServiceConsentBasis.Express,
          addressConfirmedAt: now,
          addressConfirmedBy: user.id,
        },
      );
      await recordEServiceConsents(tx, {
        caseId,
        partyId: party,
        addresses: partyAddresses({ email: body.email, phone: body.phone ?? null }),
        basis: EServiceConsentBasis.Express,
        givenBy: user.id,
        at: now,
      });
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'address_for_service_confirmed',
        actorId: user.id,
        actorRole: roles[0],
        payload: { partyId: party, email: body.email, phone: body.phone ?? null, consentEService: true, ip: origin.ip, userAgent: origin.userAgent },
      });
      return tx.findOneByOrFail(CaseParty, { id: party });
    });
  }
}
