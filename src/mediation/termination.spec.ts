import { CaseEvent, TRANSITIONS } from '../cases/lifecycle/case-lifecycle';
import { CaseOutcome, CaseSource, CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
import {
  CostRaisingConduct,
  failureHandOff,
  isFailure,
  MEDIATOR_TERMINATION_REASONS,
  TERMINATION_REASON_LABELS,
  TERMINATION_RULES,
  TerminationReason,
  validateFailureReport,
  type FailureReport,
} from './termination';

const PARTIES = { partyIds: ['p-a', 'p-b'] };
const report = (over: Partial<FailureReport> = {}): FailureReport => ({
  caseId: 'case-1',
  reasons: [TerminationReason.RefusesToContinue, TerminationReason.PositionsTooFarApart],
  partiesConcerned: [{ partyId: 'p-b', reason: TerminationReason.RefusesToContinue }],
  explanation: 'After three sessions the respondent stated it would not continue; the parties disagree on infringement itself.',
  costRaisingConduct: [
    {
      partyId: 'p-b',
      kind: CostRaisingConduct.FailedToAttend,
      description: 'Did not attend the sessions of 2026-04-10 and 2026-04-17 despite confirmed notice',
      documentIds: ['doc-attendance'],
    },
  ],
  preparedBy: 'u-mediator',
  preparedAt: new Date('2026-04-20T03:00:00Z'),
  ...over,
});
const rules = (r: FailureReport) => validateFailureReport(r, PARTIES).map((e) => `${e.field}:${e.rule}`);

describe('termination', () => {
  it('has the seven grounds of OMR 25, labelled in both languages', () => {
    expect(Object.values(TerminationReason)).toEqual([
      'agreement_reached',
      'withdrawal',
      'party_unreachable',
      'refuses_to_continue',
      'positions_too_far_apart',
      'period_expired',
      'refuses_to_sign',
    ]);
    for (const r of Object.values(TerminationReason)) {
      expect(TERMINATION_REASON_LABELS[r]['zh-CN']).toBeTruthy();
      expect(TERMINATION_REASON_LABELS[r].en).toBeTruthy();
    }
  });

  it('maps each reason to a lifecycle event that ends mediation, with the outcome that event sets', () => {
    for (const [reason, rule] of Object.entries(TERMINATION_RULES)) {
      const transition = TRANSITIONS.find((t) => t.event === rule.event && (t.from.includes(CaseStatus.Mediating) || t.from.includes(CaseStatus.Signing)));
      expect({ reason, found: transition !== undefined }).toEqual({ reason, found: true });
      if (rule.outcome === null) expect(transition!.to).toBe(CaseStatus.Settled);
      else expect(transition!.outcome).toBe(rule.outcome);
    }
    expect(TERMINATION_RULES[TerminationReason.Withdrawal]).toMatchObject({ outcome: CaseOutcome.Withdrawn, event: CaseEvent.Withdraw, endedBy: 'party' });
    expect(TERMINATION_RULES[TerminationReason.PeriodExpired]).toMatchObject({ event: CaseEvent.PeriodExpired, endedBy: 'timer' });
  });

  it('lets the mediator end a mediation for the reasons that are the mediator’s to give', () => {
    expect(MEDIATOR_TERMINATION_REASONS).toEqual([
      TerminationReason.PartyUnreachable,
      TerminationReason.RefusesToContinue,
      TerminationReason.PositionsTooFarApart,
      TerminationReason.RefusesToSign,
    ]);
    expect(isFailure(TerminationReason.AgreementReached)).toBe(false);
    expect(isFailure(TerminationReason.RefusesToSign)).toBe(true);
  });

  describe('failure report', () => {
    it('accepts a complete report', () => {
      expect(validateFailureReport(report(), PARTIES)).toEqual([]);
      expect(validateFailureReport(report({ reasons: [TerminationReason.PeriodExpired], partiesConcerned: [], costRaisingConduct: [] }), PARTIES)).toEqual([]);
    });

    it('needs failure reasons, each once', () => {
      expect(rules(report({ reasons: [], partiesConcerned: [] }))).toEqual(['reasons:min_items']);
      expect(rules(report({ reasons: [TerminationReason.AgreementReached], partiesConcerned: [] }))).toEqual(['reasons.0:failure']);
      expect(rules(report({ reasons: [TerminationReason.PeriodExpired, 'boredom' as TerminationReason, TerminationReason.PeriodExpired], partiesConcerned: [] }))).toEqual([
        'reasons.1:enum',
        'reasons.2:unique',
      ]);
    });

    it('names the party behind a party-specific reason, and only such reasons', () => {
      expect(rules(report({ partiesConcerned: [] }))).toEqual(['partiesConcerned:required']);
      expect(
        rules(
          report({
            partiesConcerned: [
              { partyId: 'p-b', reason: TerminationReason.RefusesToContinue },
              { partyId: 'p-x', reason: TerminationReason.PositionsTooFarApart },
              { partyId: 'p-a', reason: TerminationReason.RefusesToSign },
            ],
          }),
        ),
      ).toEqual(['partiesConcerned.1.partyId:party', 'partiesConcerned.1.reason:reason', 'partiesConcerned.2.reason:reason']);
    });

    it('checks the explanation, the conduct that raised costs, and who prepared it', () => {
      expect(
        rules(
          report({
            explanation: ' ',
            costRaisingConduct: [{ partyId: 'p-z', kind: 'rudeness' as CostRaisingConduct, description: '' }],
            preparedBy: '',
            preparedAt: new Date('nope'),
          }),
        ),
      ).toEqual([
        'explanation:required',
        'costRaisingConduct.0.partyId:party',
        'costRaisingConduct.0.kind:enum',
        'costRaisingConduct.0.description:required',
        'preparedBy:required',
        'preparedAt:date',
      ]);
      expect(rules(report({ costRaisingConduct: undefined as never }))).toEqual(['costRaisingConduct:invalid']);
    });
  });

  it('sends a failed court referral to registration or back to trial, and an application nowhere', () => {
    expect(failureHandOff(CaseSource.CourtReferral, ReferralType.PreFiling)).toBe('court_registration');
    expect(failureHandOff(CaseSource.CourtReferral, ReferralType.PostFilingOrdinary)).toBe('back_to_trial');
    expect(failureHandOff(CaseSource.CourtReferral, ReferralType.PostFilingSimplified)).toBe('back_to_trial');
    expect(failureHandOff(CaseSource.OnlineApplication, null)).toBe('none');
    expect(() => failureHandOff(CaseSource.CourtReferral, null)).toThrow(RangeError);
  });
});
