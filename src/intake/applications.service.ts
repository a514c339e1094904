import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ForbiddenProblem, StaleVersionProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { CaseEventLog } from '../cases/case-event-log.service';
import { Case } from '../cases/entities/case.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import { User } from '../users/user.entity';
import type { CreateApplicationRequest, UpdateApplicationRequest } from './application.dto';
import { applicationColumns, applicationHash, refreshSearchText, writeApplicationParts, type NewCaseParts } from './application-writer';
import { CaseCreator } from './case-creator.service';

/** Online applications (docs/procedural-rules.md A1, A2): drafts the applicant or its agent edits, then submits. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly creator: CaseCreator,
    private readonly events: CaseEventLog,
    private readonly access: CaseAccess,
  ) {}

  async createDraft(user: AuthUser, dto: CreateApplicationRequest, idem?: IdempotentRequest): Promise<string> {
    if (!user.roles.includes(GlobalRole.Party)) throw new ForbiddenProblem('Only party accounts (applicants and their agents) file applications');
    const filedAs = dto.filedAs ?? 'applicant';
    return this.creator.create(
      {
        application: dto,
        columns: { status: CaseStatus.Draft, source: CaseSource.OnlineApplication },
        createdBy: user.id,
        parts: {
          applicantUserId: filedAs === 'applicant' ? user.id : null,
          // Whoever files is on the applicant's side of what it files, or it could not see its own
          // draft. The agent acts for the applicant party; its power of attorney is uploaded as a document.
          filingAgent: filedAs === 'agent' ? { userId: user.id, lawFirm: dto.agentLawFirm ?? null } : undefined,
          applicantIfNone: dto.applicant ? undefined : await this.applicantIfNone(user, filedAs),
        },
        event: {
          type: 'case_created',
          actorId: user.id,
          actorRole: filedAs === 'agent' ? CaseRole.ApplicantAgent : CaseRole.Applicant,
          payload: { title: dto.title, disputeType: dto.disputeType, filedAs },
        },
      },
      idem,
    );
  }

  /**
   * An application that names no applicant: filed for yourself, you are the applicant, as your
   * account says (editable in the draft); filed by an agent, the applicant is to be completed.
   */
  private async applicantIfNone(user: AuthUser, filedAs: 'applicant' | 'agent'): Promise<NonNullable<NewCaseParts['applicantIfNone']>> {
    if (filedAs === 'agent') return { kind: 'person', name: '(to be completed)' };
    const account = await this.db.manager.findOneOrFail(User, { where: { id: user.id }, select: { id: true, displayName: true, email: true, phone: true } });
    return { kind: 'person', name: account.displayName, email: account.email, phone: account.phone, userId: user.id };
  }

  /** Replace the application's content while it is a draft or awaiting correction. */
  async update(user: AuthUser, caseId: string, dto: UpdateApplicationRequest, expectedVersion: number | undefined): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { case: c, roles } = await this.access.require(user, caseId, CaseAction.EditApplication, tx);
      const version = expectedVersion ?? c.version;
      if (version !== c.version) throw new StaleVersionProblem(c.version);
      const result = await tx
        .createQueryBuilder()
        .update(Case)
        .set({ ...applicationColumns(dto), version: () => 'version + 1' })
        .where('id = :id AND version = :version AND status = :status', { id: c.id, version, status: c.status })
        .execute();
      if (result.affected !== 1) throw new StaleVersionProblem((await tx.findOneByOrFail(Case, { id: c.id })).version);
      await writeApplicationParts(tx, c.id, dto);
      await refreshSearchText(tx, c.id);
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'application_updated',
        actorId: user.id,
        actorRole: roles.includes(CaseRole.Applicant) ? CaseRole.Applicant : CaseRole.ApplicantAgent,
        payload: { applicationHash: applicationHash(c.hashAlgorithm as HashAlgorithm, dto) },
      });
    });
  }
}
