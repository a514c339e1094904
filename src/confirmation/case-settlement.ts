import type { EntityManager } from 'typeorm';
import { AgreementVersionRecord, AgreementVersionStatus } from '../agreements/agreement-version.entity';
import type { SettlementAgreementContent } from '../agreements/agreement-model';
import { PartySide } from '../cases/entities/case-party.entity';
import { APPLICANT_SIDE, type CaseRole, RESPONDENT_SIDE } from '../cases/lifecycle/case-roles';
import type { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { trackObligations } from '../performance/performance-rules';
import type { ScheduleLine } from './confirmation-documents';

/**
 * What confirmation and performance both read about a settled case: its effective agreement
 * (the contract with issue 8: the version whose status is `effective`) and whom a person acts for.
 */

export async function effectiveAgreement(manager: EntityManager, caseId: string): Promise<AgreementVersionRecord | null> {
  const v = await manager.findOne(AgreementVersionRecord, { where: { caseId, status: AgreementVersionStatus.Effective } });
  return v?.effectiveAt ? v : null;
}

export interface ActingFor {
  /** The case parties this person is, or is an agent of, on the sides its roles admit. */
  partyIds: string[];
  sides: PartySide[];
}

/** The parties a person acts for (itself or as agent), limited to the sides its case roles admit (served respondents only). */
export async function actingFor(manager: EntityManager, caseId: string, userId: string, roles: readonly CaseRole[]): Promise<ActingFor> {
  const rows = (await manager.query(
    `SELECT id, side FROM case_parties WHERE case_id = $1 AND user_id = $2
     UNION SELECT party_id AS id, side FROM case_agents WHERE case_id = $1 AND user_id = $2`,
    [caseId, userId],
  )) as { id: string; side: PartySide }[];
  const admitted = (side: PartySide): boolean => (side === PartySide.Applicant ? APPLICANT_SIDE.some((r) => roles.includes(r)) : RESPONDENT_SIDE.some((r) => roles.includes(r)));
  const mine = rows.filter((r) => admitted(r.side));
  return { partyIds: [...new Set(mine.map((r) => r.id))], sides: [...new Set(mine.map((r) => r.side))] };
}

/** Names of the parties an obligation binds or benefits: the ones named, or the whole side. */
export function partyNames(content: SettlementAgreementContent, side: PartySide, ids?: readonly string[] | null): string {
  const parties = content.parties.filter((p) => p.side === side && (!ids || ids.includes(p.partyId)));
  return parties.map((p) => p.name).join('、') || '—';
}

/** The agreement's schedule resolved to last days, as the application, ruling and attestation print it. */
export function scheduleLines(content: SettlementAgreementContent, effectiveAt: Date, calendar: WorkingDayCalendar): ScheduleLine[] {
  return trackObligations(content.performance, effectiveAt, calendar).map((o) => ({
    obligor: partyNames(content, o.obligorSide, o.obligorPartyIds),
    beneficiary: partyNames(content, o.beneficiarySide, o.beneficiaryPartyIds),
    money: o.kind === 'money' ? { amount: o.amount!, currency: o.currency!, ...(o.instalment ? { instalment: o.instalment } : {}) } : null,
    act: o.kind === 'money' ? null : (o.act ?? ''),
    lastDay: o.lastDay,
  }));
}
