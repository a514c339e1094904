import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { ConflictProblem, type FieldError } from '../common/errors/problem';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { Clock } from '../infrastructure/clock/clock';
import { checkAgainstCase } from './agreement-drafting';
import { validateAgreement, type SettlementAgreementContent } from './agreement-model';

/** What drafting, saving and proposing the agreement all ask: is the case at that stage, and is the content one that can be proposed. */

/** A content error's field, as the request names it (`content.parties.0.idNumber`). */
export const prefixed = (errors: FieldError[], prefix: string): FieldError[] =>
  errors.map((e) => ({ ...e, field: e.field ? `${prefix}.${e.field}` : prefix, message: e.message.startsWith(e.field) ? `${prefix}.${e.message}` : e.message }));

export function assertEditable(c: Case): void {
  if (c.status !== CaseStatus.Mediating && c.status !== CaseStatus.Signing) {
    throw new ConflictProblem(`The agreement is drafted while the case is mediating or signing; it is ${c.status}`);
  }
}

export async function lastVersionNumber(manager: EntityManager, caseId: string): Promise<number> {
  const [row] = (await manager.query(`SELECT COALESCE(MAX(version), 0)::int AS n FROM agreement_versions WHERE case_id = $1`, [caseId])) as { n: number }[];
  return row.n;
}

@Injectable()
export class AgreementDraftChecks {
  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
  ) {}

  /** The platform's local date: what the agreement's due dates are checked against. */
  today(): string {
    return this.calendar.localDate(this.clock.now());
  }

  /** What stands between this content and a version that can be proposed: the model's rules and the case's identity. */
  async problemsOf(manager: EntityManager, caseId: string, content: unknown): Promise<FieldError[]> {
    const errors = validateAgreement(content, { today: this.today() });
    const c = await manager.findOneByOrFail(Case, { id: caseId });
    const parties = await manager.find(CaseParty, { where: { caseId }, select: { id: true, side: true } });
    if (content && typeof content === 'object') {
      const known = new Set(errors.map((e) => e.field));
      for (const e of checkAgainstCase(content as SettlementAgreementContent, { caseNumber: c.number, mediatorId: c.mediatorId, parties })) {
        if (!known.has(e.field)) errors.push(e);
      }
    }
    return errors;
  }
}
