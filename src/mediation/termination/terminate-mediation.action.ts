import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { FailureReports } from '../failure-reports.service';
import { MediationCase } from '../mediation-case.service';
import type { FailureReportView, TerminateRequest } from '../termination.dto';
import { FailureReportDrafts } from './failure-report-drafts';

/** While these, the mediator may end the mediation (or read the report ending it would write). */
export const MEDIATION_STATES: readonly CaseStatus[] = [CaseStatus.Mediating, CaseStatus.Signing];

/** The mediator ends the mediation with one of the reasons of docs/procedural-rules.md B8 (not withdrawal or expiry). */
@Injectable()
export class TerminateMediation {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly room: MediationCase,
    private readonly drafts: FailureReportDrafts,
    private readonly transitions: CaseTransitions,
    private readonly reports: FailureReports,
  ) {}

  async run(user: AuthUser, caseId: string, body: TerminateRequest, ifMatch?: number): Promise<FailureReportView> {
    // Who may, in which state, and whether the report is valid: answered before anything is rendered.
    const draft = await this.db.transaction(async (tx) => {
      await this.room.enter(tx, user, caseId, CaseAction.ConductMediation, MEDIATION_STATES);
      return this.drafts.mediatorDraft(tx, user, caseId, body);
    });
    const { reasons, partiesConcerned, explanation, costRaisingConduct } = draft;
    const terminate = {
      caseId,
      event: CaseEvent.Terminate,
      actor: { kind: 'user' as const, user },
      expectedVersion: body.expectedVersion ?? ifMatch,
      // The report's content goes to the court with the report anyway; the chain keeps what it was written from.
      payload: { terminationReason: body.reason, reasons, partiesConcerned, explanation, costRaisingConduct },
      set: { outcomeReason: body.reason },
      triggers: ['feature' as const],
    };
    await this.transitions.preparedTransaction(terminate, async (tx, prepared) => {
      await this.room.enter(tx, user, caseId, CaseAction.ConductMediation, MEDIATION_STATES);
      await this.transitions.fire({ ...terminate, prepared }, tx);
    });
    return this.reports.get(user, caseId);
  }
}
