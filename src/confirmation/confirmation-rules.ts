import type { FieldError } from '../common/errors/problem';
import type { ComputedPeriod, LocalDate, WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

/**
 * Judicial confirmation (司法确认) rules, docs/procedural-rules.md D15–D23. Pure: the confirmation service loads
 * the case, agreement and consents, asks these functions, and stores deadlines they return.
 * Every period is counted by the WorkingDayCalendar as CPL art. 85 counts them (the day of the
 * triggering event is not counted; a last day on a rest day moves to the next working day).
 * The day counts are parameters whose defaults are the statutory figures, for configuration.
 */

export const CONFIRMATION_DEFAULTS = Object.freeze({
  /** Joint application within 30 days of the agreement taking effect (CPL 205; PML 33). */
  applicationWindowDays: 30,
  /** The court accepts (dockets) or declines within 3 days (2011 Prov. 4). */
  docketDays: 3,
  /** Decision within 15 days of acceptance (2011 Prov. 5)… */
  decisionDays: 15,
  /** …extended by 10 days with approval (2011 Prov. 5). */
  decisionExtensionDays: 10,
  /** A party objects within 15 days of receiving the ruling (Interp. 372). */
  partyObjectionDays: 15,
  /** An interested third party within 6 months of knowing of the harm (Interp. 372). */
  thirdPartyObjectionMonths: 6,
});

// ── The application window (D15) ────────────────────────────────────────────────────────────

export interface ConfirmationWindow {
  opensAt: Date;
  /** The last local day on which an application is in time. */
  lastDay: LocalDate;
  /** The first instant at which it is late: 00:00 local after lastDay. */
  closesAt: Date;
}

export function confirmationWindow(effectiveAt: Date, calendar: WorkingDayCalendar, days: number = CONFIRMATION_DEFAULTS.applicationWindowDays): ConfirmationWindow {
  const period = calendar.computePeriod(effectiveAt, { days, unit: 'calendar' });
  return { opensAt: effectiveAt, lastDay: period.lastDay, closesAt: period.dueAt };
}

export interface ConfirmationParty {
  partyId: string;
  name: string;
}

/** A party's online consent to the joint application, given by the party or its agent (D17). */
export interface ConfirmationConsent {
  partyId: string;
  consentedBy: string;
  consentedAt: Date;
}

export type ConfirmationRefusal =
  | { code: 'not_effective'; message: string }
  | { code: 'confirms_ownership'; message: string }
  | { code: 'window_passed'; message: string; lastDay: LocalDate; closedAt: Date }
  | { code: 'missing_consents'; message: string; parties: ConfirmationParty[] };

export interface ConfirmationApplicationFacts {
  /** Null while the agreement is not in effect. */
  effectiveAt: Date | null;
  now: Date;
  /** The agreement's 确权 flag (docs/procedural-rules.md D19). */
  confirmsOwnership: boolean;
  consents: readonly ConfirmationConsent[];
  /** Every party to the agreement: all of them must consent. */
  parties: readonly ConfirmationParty[];
  calendar: WorkingDayCalendar;
  windowDays?: number;
}

export type ConfirmationApplicationDecision =
  | { ok: true; window: ConfirmationWindow }
  | {
      ok: false;
      /** Every reason that applies, the permanent ones first. */
      refusals: ConfirmationRefusal[];
      /** All reasons in one sentence, for a problem's detail. */
      reason: string;
    };

/**
 * May the parties lodge a joint application now? Refused, with each reason that applies, when
 * the agreement is not in effect, confirms ownership (a hard guard, Interp. 355), the 30-day
 * window has closed, or some party has not consented (naming which).
 */
export function canApplyForConfirmation(facts: ConfirmationApplicationFacts): ConfirmationApplicationDecision {
  if (facts.parties.length === 0) throw new RangeError('an application needs the agreement’s parties');
  const refusals: ConfirmationRefusal[] = [];
  if (facts.confirmsOwnership) {
    refusals.push({
      code: 'confirms_ownership',
      message: 'The agreement confirms ownership of property or intellectual-property rights (确权): a court cannot confirm it (Interp. 355)',
    });
  }
  let window: ConfirmationWindow | undefined;
  if (facts.effectiveAt === null) {
    refusals.push({ code: 'not_effective', message: 'The agreement is not in effect yet: every party and the mediator must sign it first' });
  } else {
    window = confirmationWindow(facts.effectiveAt, facts.calendar, facts.windowDays);
    if (facts.now.getTime() >= window.closesAt.getTime()) {
      refusals.push({
        code: 'window_passed',
        message: `The ${facts.windowDays ?? CONFIRMATION_DEFAULTS.applicationWindowDays}-day window for applying closed at the end of ${window.lastDay} (CPL 205)`,
        lastDay: window.lastDay,
        closedAt: window.closesAt,
      });
    }
  }
  const consented = new Set(facts.consents.filter((c) => c.consentedAt.getTime() <= facts.now.getTime()).map((c) => c.partyId));
  const missing = facts.parties.filter((p) => !consented.has(p.partyId));
  if (missing.length > 0) {
    refusals.push({
      code: 'missing_consents',
      message: `Still waiting for the consent of: ${missing.map((p) => p.name).join(', ')} (every party must consent to the joint application)`,
      parties: missing,
    });
  }
  if (refusals.length === 0) return { ok: true, window: window! };
  return { ok: false, refusals, reason: refusals.map((r) => r.message).join('; ') };
}

// ── Court deadlines (D20) ───────────────────────────────────────────────────────────────────

/** By when the court must docket (accept, with a 调确字 number) or decline an application. */
export function docketDeadline(appliedAt: Date, calendar: WorkingDayCalendar, days: number = CONFIRMATION_DEFAULTS.docketDays): ComputedPeriod {
  return calendar.computePeriod(appliedAt, { days, unit: 'calendar' });
}

/** The recorded approval of the longer decision period (the court president's, in practice). */
export interface DecisionExtensionApproval {
  approvedBy: string;
  approvedAt: Date;
  reason: string;
}

export interface DecisionDeadline extends ComputedPeriod {
  extended: boolean;
  /** The 15-day deadline, before any extension. */
  originalDueAt: Date;
}

export interface DecisionDeadlineOptions {
  extension?: DecisionExtensionApproval | null;
  days?: number;
  extensionDays?: number;
}

/**
 * By when the judge must decide: 15 days from docketing; with an approved extension, a further
 * 10 days counted on from the end of the first period.
 */
export function decisionDeadline(docketedAt: Date, calendar: WorkingDayCalendar, options: DecisionDeadlineOptions = {}): DecisionDeadline {
  const days = options.days ?? CONFIRMATION_DEFAULTS.decisionDays;
  const original = calendar.computePeriod(docketedAt, { days, unit: 'calendar' });
  if (!options.extension) return { ...original, extended: false, originalDueAt: original.dueAt };
  // Any instant of the original last day triggers the extension: its day 1 is the day after.
  const lastInstant = new Date(original.dueAt.getTime() - 1);
  const extended = calendar.computePeriod(lastInstant, { days: options.extensionDays ?? CONFIRMATION_DEFAULTS.decisionExtensionDays, unit: 'calendar' });
  return { ...extended, extended: true, originalDueAt: original.dueAt };
}

/** Why an extension can't be recorded, or undefined when it can. */
export function decisionExtensionProblem(
  docketedAt: Date,
  approval: DecisionExtensionApproval,
  calendar: WorkingDayCalendar,
  options: { alreadyExtended: boolean; days?: number },
): string | undefined {
  if (options.alreadyExtended) return 'The decision period has already been extended once';
  if (!approval.approvedBy) return 'An extension needs the approver recorded';
  if (!approval.reason?.trim()) return 'An extension needs its reason recorded';
  const original = calendar.computePeriod(docketedAt, { days: options.days ?? CONFIRMATION_DEFAULTS.decisionDays, unit: 'calendar' });
  if (approval.approvedAt.getTime() >= original.dueAt.getTime()) {
    return `The decision period ended with ${original.lastDay}; it can only be extended before it ends`;
  }
  return undefined;
}

// ── Rejection (D22) ─────────────────────────────────────────────────────────────────────────

/** Grounds to reject an application (Interp. 358). */
export enum RejectionGround {
  ViolatesMandatoryLaw = 'violates_mandatory_law',
  HarmsStatePublicOrOthersInterests = 'harms_state_public_or_others_interests',
  AgainstPublicOrderAndGoodMorals = 'against_public_order_and_good_morals',
  NotVoluntary = 'not_voluntary',
  ContentUnclear = 'content_unclear',
  Other = 'other',
}

export const REJECTION_GROUND_LABELS: Readonly<Record<RejectionGround, { 'zh-CN': string; en: string }>> = Object.freeze({
  [RejectionGround.ViolatesMandatoryLaw]: { 'zh-CN': '违反法律强制性规定', en: 'Violates a mandatory provision of law' },
  [RejectionGround.HarmsStatePublicOrOthersInterests]: {
    'zh-CN': '损害国家利益、社会公共利益、他人合法权益',
    en: 'Harms the interests of the State, the public, or the lawful rights of others',
  },
  [RejectionGround.AgainstPublicOrderAndGoodMorals]: { 'zh-CN': '违背公序良俗', en: 'Contrary to public order and good morals' },
  [RejectionGround.NotVoluntary]: { 'zh-CN': '违反自愿原则', en: 'Not entered into voluntarily' },
  [RejectionGround.ContentUnclear]: { 'zh-CN': '内容不明确', en: 'Its content is unclear' },
  [RejectionGround.Other]: { 'zh-CN': '其他不能进行司法确认的情形', en: 'Other reasons it cannot be confirmed' },
});

export interface ConfirmationRejection {
  grounds: readonly RejectionGround[];
  /** The judge's reasons in words; required with the "other" ground. */
  explanation?: string | null;
}

const GROUNDS = new Set<string>(Object.values(RejectionGround));

export function validateRejection(rejection: ConfirmationRejection): FieldError[] {
  const errors: FieldError[] = [];
  const grounds = rejection.grounds as unknown;
  if (!Array.isArray(grounds) || grounds.length === 0) {
    errors.push({ field: 'grounds', rule: 'min_items', message: 'a rejection needs at least one ground (Interp. 358)' });
  } else {
    const seen = new Set<string>();
    grounds.forEach((g: unknown, i) => {
      if (typeof g !== 'string' || !GROUNDS.has(g)) errors.push({ field: `grounds.${i}`, rule: 'enum', message: `grounds.${i} must be one of ${[...GROUNDS].join(', ')}` });
      else if (seen.has(g)) errors.push({ field: `grounds.${i}`, rule: 'unique', message: `grounds.${i} ${g} is listed twice` });
      else seen.add(g);
    });
  }
  const explanation = rejection.explanation;
  if (explanation != null && (typeof explanation !== 'string' || explanation.length > 20000)) {
    errors.push({ field: 'explanation', rule: 'max_length', message: 'explanation must be text of at most 20000 characters' });
  } else if (Array.isArray(grounds) && grounds.includes(RejectionGround.Other) && !explanation?.trim()) {
    errors.push({ field: 'explanation', rule: 'required', message: 'explain the ground when it is "other"' });
  }
  return errors;
}

// ── Objections to the ruling (D23) ──────────────────────────────────────────────────────────

/** By when a party may object: 15 days from receiving the ruling (Interp. 372). */
export function partyObjectionDeadline(receivedAt: Date, calendar: WorkingDayCalendar, days: number = CONFIRMATION_DEFAULTS.partyObjectionDays): ComputedPeriod {
  return calendar.computePeriod(receivedAt, { days, unit: 'calendar' });
}

/** By when an interested third party may object: 6 months from knowing (or when it should have known) of the harm. */
export function thirdPartyObjectionDeadline(knewAt: Date, calendar: WorkingDayCalendar, months: number = CONFIRMATION_DEFAULTS.thirdPartyObjectionMonths): ComputedPeriod {
  return calendar.computePeriod(knewAt, { months, unit: 'months' });
}
