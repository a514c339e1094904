import type { Environment } from '../config/environment';
import type { Period } from '../infrastructure/calendar/working-day-calendar';

/** The configuration variables that hold a period's length. */
export const PERIOD_SETTINGS = [
  'CORRECTION_PERIOD_DAYS',
  'RESPONDENT_CONSENT_WORKING_DAYS',
  'JOINT_NOMINATION_WORKING_DAYS',
  'DESIGNATION_WORKING_DAYS',
  'MEDIATOR_ACCEPT_WORKING_DAYS',
  'MEDIATION_DAYS_PRE_FILING',
  'MEDIATION_DAYS_POST_FILING_ORDINARY',
  'MEDIATION_DAYS_POST_FILING_SIMPLIFIED',
  'CONFIRMATION_WINDOW_DAYS',
  'COURT_DOCKET_DAYS',
  'COURT_DECISION_DAYS',
  'COURT_DECISION_EXTENSION_DAYS',
  'SUPPLEMENT_DAYS',
  'OBJECTION_DAYS',
  'THIRD_PARTY_OBJECTION_MONTHS',
  'ENFORCEMENT_WINDOW_YEARS',
] as const satisfies readonly (keyof Environment)[];

export type PeriodSettings = Pick<Environment, (typeof PERIOD_SETTINGS)[number]>;

/** The period settings out of the validated configuration. */
export function periodSettingsFrom(get: (key: (typeof PERIOD_SETTINGS)[number]) => number): PeriodSettings {
  return Object.fromEntries(PERIOD_SETTINGS.map((key) => [key, get(key)])) as PeriodSettings;
}

/**
 * Every period of docs/procedural-rules.md, from configuration (never a literal in code), with its unit:
 * working days where the rule says 工作日, calendar days, months or years otherwise.
 */
export function statutoryPeriods(env: PeriodSettings) {
  const calendarDays = (days: number): Period => ({ days, unit: 'calendar' });
  const workingDays = (days: number): Period => ({ days, unit: 'working' });
  return {
    /** No statutory figure: the platform's own correction period. */
    correction: calendarDays(env.CORRECTION_PERIOD_DAYS),
    /** OMR 15 (A3). */
    respondentConsent: workingDays(env.RESPONDENT_CONSENT_WORKING_DAYS),
    /** OMR 10, 12 (A4). */
    jointNomination: workingDays(env.JOINT_NOMINATION_WORKING_DAYS),
    designation: workingDays(env.DESIGNATION_WORKING_DAYS),
    mediatorAccept: workingDays(env.MEDIATOR_ACCEPT_WORKING_DAYS),
    /** OMR 24, 特邀 27 (B7). */
    mediationPreFiling: calendarDays(env.MEDIATION_DAYS_PRE_FILING),
    mediationPostFilingOrdinary: calendarDays(env.MEDIATION_DAYS_POST_FILING_ORDINARY),
    mediationPostFilingSimplified: calendarDays(env.MEDIATION_DAYS_POST_FILING_SIMPLIFIED),
    /** CPL 205 (D15). */
    confirmationWindow: calendarDays(env.CONFIRMATION_WINDOW_DAYS),
    /** 2011 Prov. 4-5 (D20). */
    courtDocket: calendarDays(env.COURT_DOCKET_DAYS),
    courtDecision: calendarDays(env.COURT_DECISION_DAYS),
    courtDecisionExtension: calendarDays(env.COURT_DECISION_EXTENSION_DAYS),
    /** Interp. 357 (D18): no statutory figure. */
    supplement: calendarDays(env.SUPPLEMENT_DAYS),
    /** Interp. 372 (D23). */
    objection: calendarDays(env.OBJECTION_DAYS),
    thirdPartyObjection: { months: env.THIRD_PARTY_OBJECTION_MONTHS, unit: 'months' } as Period,
    /** CPL 250 (E25): two years, not 730 days. */
    enforcementWindow: { years: env.ENFORCEMENT_WINDOW_YEARS, unit: 'years' } as Period,
  } satisfies Record<string, Period>;
}

export type StatutoryPeriods = ReturnType<typeof statutoryPeriods>;
