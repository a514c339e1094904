import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ForbiddenProblem, ValidationProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { CaseTransitions } from '../cases/case-transitions.service';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import { Case } from '../cases/entities/case.entity';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { missingForSubmission } from './application-completeness';
import type { CreateReferralRequest } from './application.dto';
import { CaseCreator } from './case-creator.service';

/** The unique index that keeps one case per court and referral number (migration CourtReferralNumber). */
export const REFERRAL_NUMBER_INDEX = 'cases_court_referral_number_key';

const isReferralNumberTaken = (error: unknown): boolean => {
  const e = error as { code?: string; constraint?: string; driverError?: { constraint?: string } };
  return e.code === '23505' && (e.constraint ?? e.driverError?.constraint) === REFERRAL_NUMBER_INDEX;
};

/** What a referral still lacks to be reviewed at intake (the filing's completeness rules, documents aside). */
export function referralMissing(dto: CreateReferralRequest): string[] {
  return missingForSubmission(
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
}

/** A court refers a dispute to mediation (诉前委派 / 委托, docs/procedural-rules.md A3). It arrives submitted. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly creator: CaseCreator,
    private readonly transitions: CaseTransitions,
  ) {}

  async refer(user: AuthUser, dto: CreateReferralRequest, idem?: IdempotentRequest): Promise<string> {
    const court = await this.referringCourt(user, dto.courtId);
    return this.referFor(court, user.id, dto, idem);
  }

  /**
   * Refers a case for this court, acting as `actorId`: a clerk or judge of it (above), or a court
   * system's account (its API key, src/court-systems), whose court its key already decided.
   */
  async referFor(court: Organisation, actorId: string, dto: CreateReferralRequest, idem?: IdempotentRequest): Promise<string> {
    const missing = referralMissing(dto);
    if (missing.length > 0) {
      throw new ValidationProblem(missing.map((m) => ({ field: 'application', rule: 'isComplete', message: `missing ${m}` })));
    }
    let caseId: string;
    try {
      caseId = await this.creator.create(
        {
          application: dto,
          columns: {
            status: CaseStatus.Submitted,
            source: CaseSource.CourtReferral,
            referralType: dto.referralType,
            referralNumber: dto.referralNumber,
            referringCourtId: court.id,
            submittedAt: new Date(),
          },
          createdBy: actorId,
          // Parties do not file a referral themselves: link the accounts they already have.
          parts: { linkAccounts: true },
          event: {
            type: 'case_referred',
            actorId,
            actorRole: CaseRole.ReferringCourt,
            payload: { courtId: court.id, referralNumber: dto.referralNumber, referralType: dto.referralType },
          },
        },
        idem,
      );
    } catch (error) {
      if (isReferralNumberTaken(error)) throw await this.referralNumberTaken(court.id, dto.referralNumber);
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

  /** A court refers each of its cases once: its referral number is the case's key at the court. */
  private async referralNumberTaken(courtId: string, referralNumber: string): Promise<ValidationProblem> {
    const existing = await this.db.getRepository(Case).findOne({ where: { referringCourtId: courtId, referralNumber }, select: { id: true, number: true } });
    return new ValidationProblem([
      { field: 'referralNumber', rule: 'isUnique', message: `referralNumber ${referralNumber} was already referred by your court (case ${existing?.number ?? 'on record'})` },
    ]);
  }

  /** The clerk's own court; a clerk of several courts names one. */
  async referringCourt(user: AuthUser, courtId: string | undefined): Promise<Organisation> {
    if (!user.roles.includes(GlobalRole.CourtClerk) && !user.roles.includes(GlobalRole.Judge)) {
      throw new ForbiddenProblem('Only court clerks and judges refer cases');
    }
    const ids = user.memberships.map((m) => m.organisationId);
    const courts = ids.length
      ? await this.db.getRepository(Organisation).createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).andWhere('o.kind = :kind', { kind: OrganisationKind.Court }).getMany()
      : [];
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
