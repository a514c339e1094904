import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ForbiddenProblem, StaleVersionProblem } from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { CaseEventLog } from '../cases/case-event-log.service';
import { nextCaseNumber } from '../cases/case-numbers';
import { CaseAgent } from '../cases/entities/case-agent.entity';
import { Case } from '../cases/entities/case.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import type { CreateApplicationRequest, UpdateApplicationRequest } from './application.dto';
import { applicationColumns, applicationHash, writeApplicationParts } from './application-writer';

/** Online applications (RULES.md A1, A2): drafts the applicant or its agent edits, then submits. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly events: CaseEventLog,
    private readonly access: CaseAccess,
    private readonly idempotency: Idempotency,
  ) {}

  async createDraft(user: AuthUser, dto: CreateApplicationRequest, idem?: IdempotentRequest): Promise<string> {
    if (!user.roles.includes(GlobalRole.Party)) throw new ForbiddenProblem('Only party accounts (applicants and their agents) file applications');
    const previous = await this.idempotency.previous(idem, 'case');
    if (previous) return previous;
    const algorithm = this.config.get('HASH_ALGORITHM');
    const filedAs = dto.filedAs ?? 'applicant';
    try {
      return await this.db.transaction(async (tx) => {
        const now = new Date();
        const number = await nextCaseNumber(tx, now, this.config.get('PLATFORM_TIMEZONE'));
        const inserted = await tx.insert(Case, {
          ...applicationColumns(dto),
          number,
          status: CaseStatus.Draft,
          version: 1,
          source: CaseSource.OnlineApplication,
          createdBy: user.id,
          hashAlgorithm: algorithm,
        });
        const caseId = (inserted.identifiers[0] as { id: string }).id;
        await writeApplicationParts(tx, caseId, dto, { applicantUserId: filedAs === 'applicant' ? user.id : null });
        if (filedAs === 'agent') {
          // The agent acts for the applicant party; its power of attorney is uploaded as a document.
          let applicant = await tx.findOne(CaseParty, { where: { caseId, side: PartySide.Applicant } });
          if (!applicant) {
            await tx.insert(CaseParty, { caseId, side: PartySide.Applicant, position: 0, kind: 'person', name: '(to be completed)' });
            applicant = await tx.findOneOrFail(CaseParty, { where: { caseId, side: PartySide.Applicant } });
          }
          await tx.insert(CaseAgent, { caseId, partyId: applicant.id, side: PartySide.Applicant, userId: user.id, lawFirm: dto.agentLawFirm ?? null });
        }
        await this.events.append(tx, caseId, algorithm, {
          type: 'case_created',
          actorId: user.id,
          actorRole: filedAs === 'agent' ? CaseRole.ApplicantAgent : CaseRole.Applicant,
          payload: { number, title: dto.title, disputeType: dto.disputeType, filedAs, applicationHash: applicationHash(algorithm, dto) },
        });
        await this.idempotency.record(tx, idem, 'case', caseId);
        return caseId;
      });
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) return (await this.idempotency.previous(idem, 'case'))!;
      throw error;
    }
  }

  /** Replace the application's content while it is a draft or awaiting correction. */
  async update(user: AuthUser, caseId: string, dto: UpdateApplicationRequest, expectedVersion: number | undefined): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { case: c } = await this.access.require(user, caseId, CaseAction.EditApplication, tx);
      const version = expectedVersion ?? c.version;
      if (version !== c.version) throw new StaleVersionProblem(c.version);
      const columns = applicationColumns(dto);
      const result = await tx
        .createQueryBuilder()
        .update(Case)
        .set({ ...columns, version: () => 'version + 1' })
        .where('id = :id AND version = :version AND status = :status', { id: c.id, version, status: c.status })
        .execute();
      if (result.affected !== 1) throw new StaleVersionProblem((await tx.findOneByOrFail(Case, { id: c.id })).version);
      await writeApplicationParts(tx, c.id, dto, {});
      const roles = (await this.access.load(user, caseId, tx)).roles;
      await this.events.append(tx, c.id, c.hashAlgorithm as 'sha256', {
        type: 'application_updated',
        actorId: user.id,
        actorRole: roles.includes(CaseRole.Applicant) ? CaseRole.Applicant : CaseRole.ApplicantAgent,
        payload: { applicationHash: applicationHash(c.hashAlgorithm as 'sha256', dto) },
      });
    });
  }
}
