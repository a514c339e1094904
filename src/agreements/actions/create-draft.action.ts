import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import type { Case } from '../../cases/entities/case.entity';
import { CaseParty } from '../../cases/entities/case-party.entity';
import { ConflictProblem, type FieldError } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { AgreementDraft } from '../agreement-draft.entity';
import { AgreementDraftChecks, assertEditable } from '../agreement-draft-checks';
import { draftFromCase } from '../agreement-drafting';
import type { AgreementLanguage } from '../agreement-model';

@Injectable()
export class CreateDraft {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly checks: AgreementDraftChecks,
    private readonly clock: Clock,
  ) {}

  /** The mediator starts the draft from the template (zh-CN or en), filled from the case. */
  async run(user: AuthUser, caseId: string, language: AgreementLanguage | undefined): Promise<{ draft: AgreementDraft; problems: FieldError[] }> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      assertEditable(c);
      if (await tx.findOneBy(AgreementDraft, { caseId })) throw new ConflictProblem('The agreement is already being drafted: edit it with PUT');
      const content = draftFromCase(await this.caseForDraft(tx, c), language ?? (c.preferredLanguage === 'en' ? 'en' : 'zh-CN'));
      const now = this.clock.now();
      await tx.insert(AgreementDraft, { caseId, content, revision: 1, createdBy: user.id, createdAt: now, updatedBy: user.id, updatedAt: now });
      const draft = await tx.findOneByOrFail(AgreementDraft, { caseId });
      return { draft, problems: await this.checks.problemsOf(tx, caseId, content) };
    });
  }

  private async caseForDraft(tx: EntityManager, c: Case) {
    const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const agents = (await tx.query(`SELECT a.party_id, u.display_name, a.law_firm FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.created_at`, [
      c.id,
    ])) as { party_id: string; display_name: string; law_firm: string | null }[];
    const [mediator] = (await tx.query(
      `SELECT u.id, u.display_name,
         (SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
           WHERE m.user_id = u.id AND o.kind = 'mediation_organisation' ORDER BY m.created_at LIMIT 1) AS organisation
       FROM users u WHERE u.id = $1`,
      [c.mediatorId],
    )) as { id: string; display_name: string; organisation: string | null }[];
    return {
      caseNumber: c.number,
      title: c.title,
      statement: c.statement,
      claims: c.claims,
      parties: parties.map((p) => ({
        id: p.id,
        side: p.side,
        kind: p.kind,
        name: p.name,
        idType: p.idType,
        idNumber: p.idNumber,
        address: p.address,
        legalRepresentative: p.legalRepresentative,
      })),
      agents: agents.map((a) => ({ partyId: a.party_id, name: a.display_name, lawFirm: a.law_firm })),
      mediator: { userId: mediator.id, name: mediator.display_name, organisation: mediator.organisation },
    };
  }
}
