import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ForbiddenProblem, ValidationProblem } from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { CaseEventLog } from '../cases/case-event-log.service';
import { nextCaseNumber } from '../cases/case-numbers';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { missingForSubmission } from './application-completeness';
import type { CreateReferralRequest } from './application.dto';
import { applicationColumns, applicationHash, writeApplicationParts } from './application-writer';

/** A court refers a dispute to mediation (诉前委派 / 委托, RULES.md A3). It arrives submitted. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
    private readonly idempotency: Idempotency,
  ) {}

  async refer(user: AuthUser, dto: CreateReferralRequest, idem?: IdempotentRequest): Promise<string> {
    const court = await this.referringCourt(user, dto.courtId);
    const previous = await this.idempotency.previous(idem, 'case');
    if (previous) return previous;
    const missing = missingForSubmission(
      {
        disputeType: dto.disputeType,
        statement: dto.statement ?? null,
        claims: dto.claims ?? [],
        ipRights: dto.ipRights ?? [],
        applicant: dto.applicant && {
          name: dto.applicant.name,
          idType: dto.applicant.idType ?? null,
          idNumber: dto.applicant.idNumber ?? null,
          phone: dto.applicant.phone ?? null,
          email: dto.applicant.email ?? null,
          consentOnline: dto.applicant.consentOnline ?? null,
          consentEService: dto.applicant.consentEService ?? null,
          eServiceBasis: dto.applicant.eServiceBasis ?? null,
        },
        respondents: (dto.respondents ?? []).map((r) => ({ name: r.name, phone: r.phone ?? null, email: r.email ?? null, address: r.address ?? null })),
        documentCount: 0,
      },
      { requireDocuments: false },
    );
    if (missing.length > 0) {
      throw new ValidationProblem(missing.map((m) => ({ field: 'application', rule: 'isComplete', message: `missing ${m}` })));
    }
    const algorithm = this.config.get('HASH_ALGORITHM');
    let caseId: string;
    try {
      caseId = await this.db.transaction(async (tx) => {
        const now = new Date();
        const number = await nextCaseNumber(tx, now, this.config.get('PLATFORM_TIMEZONE'));
        const inserted = await tx.insert(Case, {
          ...applicationColumns(dto),
          number,
          status: CaseStatus.Submitted,
          version: 1,
          source: CaseSource.CourtReferral,
          referralType: dto.referralType,
          referralNumber: dto.referralNumber,
          referringCourtId: court.id,
          createdBy: user.id,
          hashAlgorithm: algorithm,
          submittedAt: now,
        });
        const id = (inserted.identifiers[0] as { id: string }).id;
        await writeApplicationParts(tx, id, dto, { linkAccounts: true });
        await this.events.append(tx, id, algorithm, {
          type: 'case_referred',
          actorId: user.id,
          actorRole: CaseRole.ReferringCourt,
          payload: {
            number,
            courtId: court.id,
            referralNumber: dto.referralNumber,
            referralType: dto.referralType,
            applicationHash: applicationHash(algorithm, dto),
          },
        });
        await this.idempotency.record(tx, idem, 'case', id);
        return id;
      });
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) return (await this.idempotency.previous(idem, 'case'))!;
      throw error;
    }
    if (this.config.get('COURT_REFERRALS_AUTO_ACCEPT')) {
      await this.transitions.fire({
        caseId,
        event: CaseEvent.Accept,
        actor: { kind: 'system', reason: 'court referrals are accepted automatically (COURT_REFERRALS_AUTO_ACCEPT)' },
        triggers: ['api'],
      });
    }
    return caseId;
  }

  /** The clerk's own court; a clerk of several courts names one. */
  private async referringCourt(user: AuthUser, courtId: string | undefined): Promise<Organisation> {
    if (!user.roles.includes(GlobalRole.CourtClerk) && !user.roles.includes(GlobalRole.Judge)) {
      throw new ForbiddenProblem('Only court clerks and judges refer cases');
    }
    const ids = user.memberships.map((m) => m.organisationId);
    const courts = ids.length ? await this.db.getRepository(Organisation).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).andWhere('o.kind = :kind', { kind: OrganisationKind.Court }).getMany() : [];
    if (courtId) {
      const court = courts.find((c) => c.id === courtId);
      if (!court) throw new ForbiddenProblem('You can only refer cases for a court you belong to');
      return court;
    }
    if (courts.length === 1) return courts[0];
    if (courts.length === 0) throw new ForbiddenProblem('Your account belongs to no court');
    throw new ValidationProblem([{ field: 'courtId', rule: 'isNotEmpty', message: 'courtId is required: you belong to several courts' }]);
  }
}
