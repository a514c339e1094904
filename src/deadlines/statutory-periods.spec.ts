import { validateEnvironment } from '../config/environment';
import { CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
import { DEADLINE_KINDS, DeadlineKind, kindsEndedBy } from './deadline-kinds';
import { periodSettingsFrom, statutoryPeriods } from './statutory-periods';

describe('statutory periods from configuration', () => {
  const env = validateEnvironment({});
  const periods = statutoryPeriods(periodSettingsFrom((key) => env[key]));

  it('defaults to the figures of docs/procedural-rules.md', () => {
    expect(periods).toMatchObject({
      respondentConsent: { days: 3, unit: 'working' },
      jointNomination: { days: 2, unit: 'working' },
      designation: { days: 3, unit: 'working' },
      mediatorAccept: { days: 3, unit: 'working' },
      mediationPreFiling: { days: 30, unit: 'calendar' },
      mediationPostFilingOrdinary: { days: 15, unit: 'calendar' },
      mediationPostFilingSimplified: { days: 7, unit: 'calendar' },
      confirmationWindow: { days: 30, unit: 'calendar' },
      courtDocket: { days: 3, unit: 'calendar' },
      courtDecision: { days: 15, unit: 'calendar' },
      courtDecisionExtension: { days: 10, unit: 'calendar' },
      objection: { days: 15, unit: 'calendar' },
      thirdPartyObjection: { months: 6, unit: 'months' },
      enforcementWindow: { years: 2, unit: 'years' },
    });
  });

  it('follows the configuration', () => {
    const custom = validateEnvironment({ RESPONDENT_CONSENT_WORKING_DAYS: '5', MEDIATION_DAYS_PRE_FILING: '45' });
    const p = statutoryPeriods(periodSettingsFrom((key) => custom[key]));
    expect(p.respondentConsent).toEqual({ days: 5, unit: 'working' });
    expect(p.mediationPreFiling).toEqual({ days: 45, unit: 'calendar' });
  });

  it('gives a mediation the period of its referral type', () => {
    const period = DEADLINE_KINDS[DeadlineKind.MediationPeriod].period;
    expect(period(periods, { referralType: null })).toEqual({ days: 30, unit: 'calendar' });
    expect(period(periods, { referralType: ReferralType.PostFilingOrdinary })).toEqual({ days: 15, unit: 'calendar' });
    expect(period(periods, { referralType: ReferralType.PostFilingSimplified })).toEqual({ days: 7, unit: 'calendar' });
  });

  it('ends the deadlines of a state when the case leaves it, and only then', () => {
    expect(kindsEndedBy(CaseStatus.NeedsCorrection, CaseStatus.Submitted)).toEqual([DeadlineKind.Correction]);
    expect(kindsEndedBy(CaseStatus.Mediating, CaseStatus.Closed)).toEqual([DeadlineKind.MediationPeriod]);
    expect(kindsEndedBy(CaseStatus.Mediating, CaseStatus.Mediating)).toEqual([]);
    expect(kindsEndedBy(CaseStatus.Submitted, CaseStatus.NeedsCorrection)).toEqual([]);
    // The mediation period outlives signing (paused), and ends when the case settles or closes from there.
    expect(kindsEndedBy(CaseStatus.Mediating, CaseStatus.Signing)).toEqual([]);
    expect(kindsEndedBy(CaseStatus.Signing, CaseStatus.Mediating)).toEqual([]);
    expect(kindsEndedBy(CaseStatus.Signing, CaseStatus.Settled)).toEqual([DeadlineKind.MediationPeriod]);
    expect(kindsEndedBy(CaseStatus.Signing, CaseStatus.Closed)).toEqual([DeadlineKind.MediationPeriod]);
  });
});
