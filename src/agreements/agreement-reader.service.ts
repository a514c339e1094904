import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { can, CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundProblem, type FieldError } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { confirmationWindow } from '../confirmation/confirmation-rules';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { AgreementVersionView, type AwaitedSignerView } from './agreement.dto';
import { AgreementDraft } from './agreement-draft.entity';
import { AgreementDraftChecks } from './agreement-draft-checks';
import { AgreementRefusal } from './agreement-refusal.entity';
import { AgreementSignature } from './agreement-signature.entity';
import { loadCaseSigners, storedSignature } from './agreement-store';
import { AgreementVersionRecord, AgreementVersionStatus } from './agreement-version.entity';
import { requiredSigners } from './signature-codes';
import { isEffective } from './signatures';

/**
 * Reading the agreement's versions. The parties and the mediator see every version with its
 * signatures and refusals; anyone else who may see the case (its court, administrators) sees
 * only the version in effect: until then the text is mediation content (docs/procedural-rules.md B10).
 */
@Injectable()
export class AgreementReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: ConfigService<Environment, true>,
    private readonly checks: AgreementDraftChecks,
  ) {}

  /** The draft, for the participants only: mediation content (docs/procedural-rules.md B10) the court and admins never see. */
  async draft(user: AuthUser, caseId: string): Promise<{ draft: AgreementDraft; problems: FieldError[] }> {
    await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const draft = await this.db.getRepository(AgreementDraft).findOneBy({ caseId });
    if (!draft) throw new NotFoundProblem('The mediator has not started the agreement yet');
    return { draft, problems: await this.checks.problemsOf(this.db.manager, caseId, draft.content) };
  }

  async list(user: AuthUser, caseId: string): Promise<AgreementVersionView[]> {
    const { roles, case: c } = await this.access.load(user, caseId);
    const participant = can(roles, CaseAction.ViewConfidential, c);
    const versions = await this.db.getRepository(AgreementVersionRecord).find({
      where: { caseId, ...(participant ? {} : { status: AgreementVersionStatus.Effective }) },
      order: { version: 'DESC' },
    });
    return this.views(this.db.manager, caseId, versions);
  }

  /** The version being signed or in effect. */
  async current(user: AuthUser, caseId: string): Promise<AgreementVersionView> {
    const live = (await this.list(user, caseId)).find((v) => v.status !== AgreementVersionStatus.Void);
    if (!live) throw new NotFoundProblem('No agreement is being signed or in effect in this case');
    return live;
  }

  private async views(manager: EntityManager, caseId: string, versions: AgreementVersionRecord[]): Promise<AgreementVersionView[]> {
    if (versions.length === 0) return [];
    const ids = versions.map((v) => v.id);
    const signatures = await manager.find(AgreementSignature, { where: { versionId: In(ids) }, order: { signedAt: 'ASC' } });
    const refusals = await manager.find(AgreementRefusal, { where: { versionId: In(ids) }, order: { refusedAt: 'ASC' } });
    const signers = await loadCaseSigners(manager, caseId);
    const days = this.config.get('CONFIRMATION_WINDOW_DAYS');
    return versions.map((v) => {
      const own = signatures.filter((s) => s.versionId === v.id);
      let awaiting: AwaitedSignerView[] = [];
      if (v.status === AgreementVersionStatus.Signing) {
        const { missing } = isEffective(requiredSigners(signers), own.map(storedSignature), v.hash);
        awaiting = missing.map((m) =>
          m.role === 'mediator'
            ? { role: 'mediator', partyId: null, name: signers.mediatorName ?? '' }
            : { role: 'party', partyId: m.partyId, name: signers.parties.find((p) => p.id === m.partyId)?.name ?? '' },
        );
      }
      const window = v.effectiveAt ? confirmationWindow(v.effectiveAt, this.calendar, days) : null;
      return AgreementVersionView.of(v, { signatures: own, refusals: refusals.filter((r) => r.versionId === v.id), awaiting, window });
    });
  }
}
