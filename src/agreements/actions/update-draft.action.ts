import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { ConflictProblem, NotFoundProblem, ValidationProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { AgreementDraft } from '../agreement-draft.entity';
import { AgreementDraftChecks, assertEditable, prefixed } from '../agreement-draft-checks';
import type { AgreementDraftContent } from '../agreement-drafting';

@Injectable()
export class UpdateDraft {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly checks: AgreementDraftChecks,
    private readonly clock: Clock,
  ) {}

  /** Replaces the draft with a complete, valid agreement; refused per field otherwise, changing nothing. */
  async run(user: AuthUser, caseId: string, body: { revision: number; content: unknown }): Promise<AgreementDraft> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      assertEditable(c);
      const draft = await tx.findOneBy(AgreementDraft, { caseId });
      if (!draft) throw new NotFoundProblem('Start the draft first (POST …/agreement/draft)');
      const problems = await this.checks.problemsOf(tx, caseId, body.content);
      if (problems.length > 0) throw new ValidationProblem(prefixed(problems, 'content'));
      if (draft.revision !== body.revision) {
        throw new ConflictProblem(`The draft changed meanwhile (it is at revision ${draft.revision}): reload it and apply your edit again`, { currentRevision: draft.revision });
      }
      await tx.update(
        AgreementDraft,
        { caseId },
        { content: body.content as AgreementDraftContent, revision: draft.revision + 1, updatedBy: user.id, updatedAt: this.clock.now() },
      );
      return tx.findOneByOrFail(AgreementDraft, { caseId });
    });
  }
}
