import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseOutcome, CaseSource, ReferralType } from '../cases/lifecycle/case-states';
import type { FieldError } from '../common/errors/problem';
import { requireText, TEXT_LIMITS } from './settlement-terms';

/**
 * How a mediation ends (docs/procedural-rules.md B8, OMR 25) and the report written when it fails (B9, OMR 21;
 * 特邀 26). The report goes to the parties and, for court referrals, to the court as the
 * hand-off; it therefore states reasons and conduct, never what was conceded or offered
 * (settlement privilege, docs/procedural-rules.md B10).
 */

export enum TerminationReason {
  AgreementReached = 'agreement_reached',
  Withdrawal = 'withdrawal',
  /** A party could not be reached within the period. */
  PartyUnreachable = 'party_unreachable',
  RefusesToContinue = 'refuses_to_continue',
  PositionsTooFarApart = 'positions_too_far_apart',
  /** The period ran out with no agreed extension. */
  PeriodExpired = 'period_expired',
  RefusesToSign = 'refuses_to_sign',
}

export interface TerminationRule {
  /** The case outcome it closes with; null when the case does not close (it settles). */
  outcome: CaseOutcome | null;
  /** The lifecycle event that ends the mediation for this reason. */
  event: CaseEvent;
  /** Who ends it: the mediator, a party, the period's timer, or the last signature. */
  endedBy: 'mediator' | 'party' | 'timer' | 'last_signature';
  /** Whether the report must name the party concerned. */
  concernsParty: boolean;
}

/** One row per reason: what the lifecycle does with it. */
export const TERMINATION_RULES: Readonly<Record<TerminationReason, TerminationRule>> = Object.freeze({
  [TerminationReason.AgreementReached]: { outcome: null, event: CaseEvent.AgreementEffective, endedBy: 'last_signature', concernsParty: false },
  [TerminationReason.Withdrawal]: { outcome: CaseOutcome.Withdrawn, event: CaseEvent.Withdraw, endedBy: 'party', concernsParty: true },
  [TerminationReason.PartyUnreachable]: { outcome: CaseOutcome.MediationFailed, event: CaseEvent.Terminate, endedBy: 'mediator', concernsParty: true },
  [TerminationReason.RefusesToContinue]: { outcome: CaseOutcome.MediationFailed, event: CaseEvent.Terminate, endedBy: 'mediator', concernsParty: true },
  [TerminationReason.PositionsTooFarApart]: { outcome: CaseOutcome.MediationFailed, event: CaseEvent.Terminate, endedBy: 'mediator', concernsParty: false },
  [TerminationReason.PeriodExpired]: { outcome: CaseOutcome.MediationFailed, event: CaseEvent.PeriodExpired, endedBy: 'timer', concernsParty: false },
  [TerminationReason.RefusesToSign]: { outcome: CaseOutcome.MediationFailed, event: CaseEvent.Terminate, endedBy: 'mediator', concernsParty: true },
});

export const TERMINATION_REASON_LABELS: Readonly<Record<TerminationReason, { 'zh-CN': string; en: string }>> = Object.freeze({
  [TerminationReason.AgreementReached]: { 'zh-CN': '达成调解协议', en: 'Agreement reached' },
  [TerminationReason.Withdrawal]: { 'zh-CN': '当事人撤回调解申请', en: 'A party withdrew' },
  [TerminationReason.PartyUnreachable]: { 'zh-CN': '调解期限内无法联系到当事人', en: 'A party could not be reached within the period' },
  [TerminationReason.RefusesToContinue]: { 'zh-CN': '当事人明确拒绝继续调解', en: 'A party refused to continue' },
  [TerminationReason.PositionsTooFarApart]: { 'zh-CN': '当事人意见分歧较大难以达成调解协议', en: 'The positions are too far apart to agree' },
  [TerminationReason.PeriodExpired]: { 'zh-CN': '调解期限届满未达成调解协议且未延长', en: 'The period expired without an agreed extension' },
  [TerminationReason.RefusesToSign]: { 'zh-CN': '当事人拒绝在调解协议上签字', en: 'A party refused to sign the agreement' },
});

/** Every reason but an agreement is a failure, and needs a failure report. */
export function isFailure(reason: TerminationReason): boolean {
  return reason !== TerminationReason.AgreementReached;
}

/** Reasons a mediator may give when ending a mediation (the others come from a party, the timer or the signatures). */
export const MEDIATOR_TERMINATION_REASONS: readonly TerminationReason[] = Object.values(TerminationReason).filter((r) => TERMINATION_RULES[r].endedBy === 'mediator');

/** Conduct that raised the other side's costs (OMR 21), recorded for the court. */
export enum CostRaisingConduct {
  /** Missed sessions without good reason. */
  FailedToAttend = 'failed_to_attend',
  /** Deliberately dragged the mediation out (恶意拖延). */
  DeliberateDelay = 'deliberate_delay',
  /** Made false statements about facts or evidence. */
  FalseStatements = 'false_statements',
  /** Withheld, or produced late, evidence it had. */
  WithheldEvidence = 'withheld_evidence',
  /** Reneged on points already agreed, forcing them to be negotiated again. */
  RenegedOnAgreedPoints = 'reneged_on_agreed_points',
  Other = 'other',
}

export interface CostRaisingConductEntry {
  partyId: string;
  kind: CostRaisingConduct;
  /** What happened, with dates: facts, not the content of offers. */
  description: string;
  /** Case documents that show it (attendance records, notices). */
  documentIds?: readonly string[];
}

export interface FailureReport {
  caseId: string;
  reasons: readonly TerminationReason[];
  /** For each reason that concerns a party: which party. */
  partiesConcerned: readonly { partyId: string; reason: TerminationReason }[];
  /** Why the mediation failed, in words. */
  explanation: string;
  costRaisingConduct: readonly CostRaisingConductEntry[];
  preparedBy: string;
  preparedAt: Date;
}

const REASONS = new Set<string>(Object.values(TerminationReason));
const CONDUCT = new Set<string>(Object.values(CostRaisingConduct));

/** Field-level errors of a failure report; `partyIds` are the case's parties. */
export function validateFailureReport(report: FailureReport, context: { partyIds: readonly string[] }): FieldError[] {
  const errors: FieldError[] = [];
  const parties = new Set(context.partyIds);
  const reasons = new Set<TerminationReason>();
  if (!Array.isArray(report.reasons) || report.reasons.length === 0) {
    errors.push({ field: 'reasons', rule: 'min_items', message: 'give at least one reason the mediation failed (OMR 25)' });
  } else {
    report.reasons.forEach((r, i) => {
      if (!REASONS.has(r)) errors.push({ field: `reasons.${i}`, rule: 'enum', message: `reasons.${i} must be one of ${[...REASONS].join(', ')}` });
      else if (!isFailure(r)) errors.push({ field: `reasons.${i}`, rule: 'failure', message: 'an agreement reached is not a reason for failure' });
      else if (reasons.has(r)) errors.push({ field: `reasons.${i}`, rule: 'unique', message: `reasons.${i} ${r} is listed twice` });
      else reasons.add(r);
    });
  }

  const concerned: FailureReport['partiesConcerned'] = Array.isArray(report.partiesConcerned) ? report.partiesConcerned : [];
  concerned.forEach((c, i) => {
    if (!parties.has(c.partyId)) errors.push({ field: `partiesConcerned.${i}.partyId`, rule: 'party', message: `partiesConcerned.${i}.partyId is not a party to the case` });
    if (!reasons.has(c.reason) || !TERMINATION_RULES[c.reason].concernsParty) {
      errors.push({ field: `partiesConcerned.${i}.reason`, rule: 'reason', message: `partiesConcerned.${i}.reason must be one of the report's reasons that concern a party` });
    }
  });
  for (const r of reasons) {
    if (TERMINATION_RULES[r].concernsParty && !concerned.some((c) => c.reason === r)) {
      errors.push({ field: 'partiesConcerned', rule: 'required', message: `name the party concerned by "${r}"` });
    }
  }

  requireText(errors, report.explanation, 'explanation', TEXT_LIMITS.long);

  const conduct: FailureReport['costRaisingConduct'] = Array.isArray(report.costRaisingConduct) ? report.costRaisingConduct : [];
  if (!Array.isArray(report.costRaisingConduct))
    errors.push({ field: 'costRaisingConduct', rule: 'invalid', message: 'costRaisingConduct must be a list (empty when there was none)' });
  conduct.forEach((c, i) => {
    const at = `costRaisingConduct.${i}`;
    if (!parties.has(c.partyId)) errors.push({ field: `${at}.partyId`, rule: 'party', message: `${at}.partyId is not a party to the case` });
    if (!CONDUCT.has(c.kind)) errors.push({ field: `${at}.kind`, rule: 'enum', message: `${at}.kind must be one of ${[...CONDUCT].join(', ')}` });
    requireText(errors, c.description, `${at}.description`, TEXT_LIMITS.description);
  });

  requireText(errors, report.preparedBy, 'preparedBy', TEXT_LIMITS.short);
  if (!(report.preparedAt instanceof Date) || Number.isNaN(report.preparedAt.getTime())) {
    errors.push({ field: 'preparedAt', rule: 'date', message: 'preparedAt must be a valid time' });
  }
  return errors;
}

/**
 * Where a failed case goes (docs/procedural-rules.md B9): a pre-filing referral to the court for registration
 * (立案), a post-filing one back to trial; an online application nowhere.
 */
export function failureHandOff(source: CaseSource, referralType: ReferralType | null): 'court_registration' | 'back_to_trial' | 'none' {
  if (source !== CaseSource.CourtReferral) return 'none';
  switch (referralType) {
    case ReferralType.PreFiling:
      return 'court_registration';
    case ReferralType.PostFilingOrdinary:
    case ReferralType.PostFilingSimplified:
      return 'back_to_trial';
    default:
      throw new RangeError('a court referral needs its referral type');
  }
}
