import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseParty, PartySide } from '../../cases/entities/case-party.entity';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { ServedDocuments } from '../served-documents';
import type { RequestOrigin } from '../../common/request-origin';

@Injectable()
export class ClaimParty {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly served: ServedDocuments,
    private readonly events: CaseEventLog,
  ) {}

  /**
   * A party served at its address without an account takes the case into the account it signed
   * in with: holding the link proves control of the party's address for service. Only a party
   * no account holds yet; the claim is kept in the case's chain.
   */
  async run(token: string, user: AuthUser, origin: RequestOrigin): Promise<{ caseId: string; partyId: string }> {
    const s = await this.served.byLink(token);
    if (s.recipientUserId !== null || !s.partyId) throw new ConflictProblem('This service was made on an account: there is nothing to claim');
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, s.caseId);
      const party = await tx.findOneByOrFail(CaseParty, { id: s.partyId! });
      if (party.userId === user.id) return { caseId: s.caseId, partyId: party.id };
      if (party.userId !== null) throw new ConflictProblem('This party is already held by another account');
      const c = await tx.findOneByOrFail(Case, { id: s.caseId });
      if (c.status === CaseStatus.Closed || c.status === CaseStatus.Archived) throw new ConflictProblem(`The case is ${c.status}`);
      await tx.update(CaseParty, { id: party.id }, { userId: user.id });
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'party_claimed',
        actorId: user.id,
        actorRole: party.side === PartySide.Respondent ? CaseRole.Respondent : CaseRole.Applicant,
        payload: { partyId: party.id, serviceId: s.id, ip: origin.ip, userAgent: origin.userAgent },
      });
      return { caseId: c.id, partyId: party.id };
    });
  }
}
