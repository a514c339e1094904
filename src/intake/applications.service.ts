import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ForbiddenProblem, StaleVersionProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseAgent } from '../cases/entities/case-agent.entity';
import { Case } from '../cases/entities/case.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import { User } from '../users/user.entity';
import type { CreateApplicationRequest, UpdateApplicationRequest } from './application.dto';
import { applicationColumns, applicationHash, refreshSearchText, writeApplicationParts } from './application-writer';
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
        parts: { applicantUserId: filedAs === 'applicant' ? user.id : null },
        event: {
          type: 'case_created',
          actorId: user.id,
          actorRole: filedAs === 'agent' ? CaseRole.ApplicantAgent : CaseRole.Applicant,
          payload: { title: dto.title, disputeType: dto.disputeType, filedAs },
        },
        // The agent acts for the applicant party; its power of attorney is uploaded as a document.
        // Whoever files is on the applicant's side of what it files, or it could not see its own draft.
        also:
          filedAs === 'agent'
            ? (tx, caseId) => this.addFilingAgent(tx, caseId, user, dto.agentLawFirm)
            : dto.applicant
              ? undefined
              : (tx, caseId) => this.addFilerAsApplicant(tx, caseId, user),
      },
      idem,
    );
  }

  /** Filing for yourself without saying who the applicant is: you are, as your account says (editable in the draft). */
  private async addFilerAsApplicant(tx: EntityManager, caseId: string, user: AuthUser): Promise<void> {
    const account = await tx.findOneOrFail(User, { where: { id: user.id }, select: { id: true, displayName: true, email: true, phone: true } });
    await tx.insert(CaseParty, {
      caseId,
      side: PartySide.Applicant,
      position: 0,
      kind: 'person',
      name: account.displayName,
      email: account.email,
      phone: account.phone,
      userId: user.id,
    });
  }

  private async addFilingAgent(tx: EntityManager, caseId: string, user: AuthUser, lawFirm?: string): Promise<void> {
    let applicant = await tx.findOne(CaseParty, { where: { caseId, side: PartySide.Applicant } });
    if (!applicant) {
      await tx.insert(CaseParty, { caseId, side: PartySide.Applicant, position: 0, kind: 'person', name: '(to be completed)' });
      applicant = await tx.findOneOrFail(CaseParty, { where: { caseId, side: PartySide.Applicant } });
    }
    await tx.insert(CaseAgent, { caseId, partyId: applicant.id, side: PartySide.Applicant, userId: user.id, lawFirm: lawFirm ?? null });
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
