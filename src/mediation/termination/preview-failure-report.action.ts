import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { MediationCase } from '../mediation-case.service';
import type { TerminateRequest } from '../termination.dto';
import { FailureReportDrafts, reportFilename } from './failure-report-drafts';
import { MEDIATION_STATES } from './terminate-mediation.action';

/**
 * The report as terminating with `body` would write it now, for the mediator to read before ending
 * the mediation: validated as termination validates it, rendered, and neither stored nor served.
 */
@Injectable()
export class PreviewFailureReport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly room: MediationCase,
    private readonly drafts: FailureReportDrafts,
    private readonly clock: Clock,
  ) {}

  async run(user: AuthUser, caseId: string, body: TerminateRequest, lang: PdfLanguage): Promise<{ bytes: Buffer; filename: string }> {
    const { c, render } = await this.db.transaction(async (tx) => {
      const { case: c } = await this.room.enter(tx, user, caseId, CaseAction.ConductMediation, MEDIATION_STATES);
      const draft = await this.drafts.mediatorDraft(tx, user, caseId, body);
      return { c, render: await this.drafts.renderer(tx, c, draft, this.clock.now()) };
    });
    // Rendered after the transaction: the case lock is not held while the PDF is made.
    return { bytes: await render(lang), filename: `preview-${reportFilename(c, lang)}` };
  }
}
