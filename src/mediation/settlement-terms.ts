// Over 300 lines on purpose: the shape of settlement terms and every check of them, pure and shared by offers, the agreement and performance tracking.
import type { FieldError } from '../common/errors/problem';
import { isCurrencyCode, parseAmount, parseDecimal, toMinorUnits } from '../common/money/money';
import { isLocalDate, type LocalDate } from '../infrastructure/calendar/working-day-calendar';

/**
 * The vocabulary of what parties give each other: shared by offers (what one side proposes)
 * and the settlement agreement (what everyone signs), so an accepted offer's terms can be
 * carried into the agreement's performance schedule without translation.
 */

/**
 * By when something is due: a calendar date in the platform's time zone, or a number of days
 * after the agreement takes effect (its effective date is unknown while negotiating). A relative
 * period is counted like any period (CPL art. 85, Civil Code art. 203): the effective day is not
 * counted and a last day on a rest day moves to the next working day.
 */
export type Due = { date: LocalDate } | { daysAfterEffective: number };

/** The longest relative period accepted: ten years is already beyond any real schedule. */
export const MAX_DAYS_AFTER_EFFECTIVE = 3650;

export interface Instalment {
  amount: string;
  due: Due;
}

export type PaymentSchedule =
  | { kind: 'lump_sum'; due: Due }
  /** Amounts add up to the total; due dates strictly increase. */
  | { kind: 'instalments'; instalments: readonly Instalment[] };

export interface MoneyTerms {
  /** Decimal string in `currency`, e.g. "350000.00". */
  amount: string;
  /** ISO 4217, e.g. CNY, USD. */
  currency: string;
  schedule: PaymentSchedule;
}

/** Remedies other than money that IP and commercial settlements typically contain. */
export enum NonMonetaryKind {
  /** Stop making, using, selling… the right or the infringing product. */
  StopUse = 'stop_use',
  /** Take listings down from e-commerce platforms or app stores. */
  Delist = 'delist',
  /** Assign a right (patent, trademark, domain…) to the other side. */
  Assign = 'assign',
  /** Grant a licence, possibly against a royalty. */
  Licence = 'licence',
  Apology = 'apology',
  /** Withdraw a lawsuit, an invalidation request, a complaint… */
  WithdrawProceedings = 'withdraw_proceedings',
  Other = 'other',
}

export type Royalty =
  /** A fixed sum. */
  | { kind: 'fixed'; amount: string; currency: string }
  /** A percentage of a base that the description defines ("net sales of the licensed product"). */
  | { kind: 'running'; percent: string; base: string };

export interface LicenceTerm {
  kind: NonMonetaryKind.Licence;
  description: string;
  exclusive: boolean;
  /** Where the licence applies, e.g. "Mainland China". */
  territory?: string;
  /** How long, e.g. "until the patent expires". */
  duration?: string;
  /** Null for a royalty-free licence. */
  royalty: Royalty | null;
  due?: Due;
}

export interface OtherNonMonetaryTerm {
  kind: Exclude<NonMonetaryKind, NonMonetaryKind.Licence>;
  description: string;
  due?: Due;
}

export type NonMonetaryTerm = LicenceTerm | OtherNonMonetaryTerm;

export interface SettlementTerms {
  /** Absent when nothing is paid. */
  money?: MoneyTerms;
  nonMonetary: readonly NonMonetaryTerm[];
}

/** Limits that keep a free-text field a description, not a document. */
export const TEXT_LIMITS = Object.freeze({ short: 200, description: 2000, long: 20000 });
const MAX_ITEMS = 100;
const NON_MONETARY_KINDS = new Set<string>(Object.values(NonMonetaryKind));

type Errors = FieldError[];

export function requireText(errors: Errors, value: unknown, field: string, max: number, label = field): void {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, rule: 'required', message: `${label} is required` });
  } else if (value.length > max) {
    errors.push({ field, rule: 'max_length', message: `${label} must be at most ${max} characters` });
  }
}

export function optionalText(errors: Errors, value: unknown, field: string, max: number): void {
  if (value === undefined || value === null) return;
  requireText(errors, value, field, max);
}

/** A money amount: valid for its currency and, unless `allowZero`, above zero. */
export function checkAmount(errors: Errors, amount: unknown, currency: unknown, field: string, allowZero = false): boolean {
  if (!isCurrencyCode(currency)) return false; // the currency's own error is reported once, on its field
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) {
    errors.push({ field, rule: 'amount', message: `${field} ${parsed.problem}` });
    return false;
  }
  if (!allowZero && parsed.minor === 0n) {
    errors.push({ field, rule: 'positive', message: `${field} must be more than zero` });
    return false;
  }
  return true;
}

export function checkCurrency(errors: Errors, currency: unknown, field: string): boolean {
  if (isCurrencyCode(currency)) return true;
  errors.push({ field, rule: 'currency', message: `${field} must be an ISO 4217 currency code such as CNY or USD` });
  return false;
}

export interface DueOptions {
  /** Refuse fixed dates before this local date (the drafting day). */
  notBefore?: LocalDate;
}

export function checkDue(errors: Errors, due: unknown, field: string, options: DueOptions = {}): boolean {
  if (typeof due !== 'object' || due === null) {
    errors.push({ field, rule: 'required', message: `${field} is required: a date or a number of days after the agreement takes effect` });
    return false;
  }
  const d = due as Record<string, unknown>;
  const hasDate = 'date' in d;
  const hasDays = 'daysAfterEffective' in d;
  if (hasDate === hasDays) {
    errors.push({ field, rule: 'one_of', message: `${field} needs exactly one of date or daysAfterEffective` });
    return false;
  }
  if (hasDate) {
    if (typeof d.date !== 'string' || !isLocalDate(d.date)) {
      errors.push({ field: `${field}.date`, rule: 'date', message: `${field}.date must be a real date written YYYY-MM-DD` });
      return false;
    }
    if (options.notBefore && d.date < options.notBefore) {
      errors.push({ field: `${field}.date`, rule: 'not_past', message: `${field}.date ${d.date} is before ${options.notBefore}` });
      return false;
    }
    return true;
  }
  const days = d.daysAfterEffective;
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > MAX_DAYS_AFTER_EFFECTIVE) {
    errors.push({
      field: `${field}.daysAfterEffective`,
      rule: 'range',
      message: `${field}.daysAfterEffective must be a whole number from 1 to ${MAX_DAYS_AFTER_EFFECTIVE}`,
    });
    return false;
  }
  return true;
}

/**
 * Orders two valid dues of the same kind; undefined when one is a date and the other relative
 * (which comes first depends on when the agreement takes effect).
 */
export function compareDues(a: Due, b: Due): number | undefined {
  if ('date' in a && 'date' in b) return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  if ('daysAfterEffective' in a && 'daysAfterEffective' in b) return a.daysAfterEffective - b.daysAfterEffective;
  return undefined;
}

/**
 * Instalments: at least two, each above zero, adding up exactly to `total`, due strictly one
 * after the other. Dates and relative dues can't be mixed in one schedule (their order would
 * depend on the effective date).
 */
export function checkInstalments(errors: Errors, instalments: unknown, total: string, currency: string, field: string, options: DueOptions = {}): void {
  if (!Array.isArray(instalments) || instalments.length < 2) {
    errors.push({ field, rule: 'min_items', message: `${field} needs at least two instalments (use a single due date for one payment)` });
    return;
  }
  if (instalments.length > MAX_ITEMS) {
    errors.push({ field, rule: 'max_items', message: `${field} may have at most ${MAX_ITEMS} instalments` });
    return;
  }
  let allValid = true;
  instalments.forEach((item: unknown, i) => {
    const at = `${field}.${i}`;
    const inst = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    allValid = checkAmount(errors, inst.amount, currency, `${at}.amount`) && allValid;
    allValid = checkDue(errors, inst.due, `${at}.due`, options) && allValid;
  });
  if (!allValid) return;
  const list = instalments as Instalment[];
  const sum = list.reduce((s, inst) => s + toMinorUnits(inst.amount, currency), 0n);
  if (sum !== toMinorUnits(total, currency)) {
    errors.push({ field, rule: 'sum', message: `${field} add up to a different amount than the total ${total} ${currency}` });
  }
  for (let i = 1; i < list.length; i++) {
    const order = compareDues(list[i - 1].due, list[i].due);
    if (order === undefined) {
      errors.push({ field: `${field}.${i}.due`, rule: 'same_kind', message: `${field} must all use dates or all use days after effect` });
      return;
    }
    if (order >= 0) {
      errors.push({ field: `${field}.${i}.due`, rule: 'order', message: `instalment ${i + 1} must fall due after instalment ${i}` });
    }
  }
}

function checkMoneyTerms(errors: Errors, money: unknown, field: string): void {
  if (typeof money !== 'object' || money === null) {
    errors.push({ field, rule: 'invalid', message: `${field} must be an object with amount, currency and schedule` });
    return;
  }
  const m = money as Record<string, unknown>;
  const currencyOk = checkCurrency(errors, m.currency, `${field}.currency`);
  const amountOk = checkAmount(errors, m.amount, m.currency, `${field}.amount`);
  const schedule = m.schedule as Record<string, unknown> | undefined;
  if (typeof schedule !== 'object' || schedule === null) {
    errors.push({ field: `${field}.schedule`, rule: 'required', message: `${field}.schedule is required: a lump sum or instalments` });
  } else if (schedule.kind === 'lump_sum') {
    checkDue(errors, schedule.due, `${field}.schedule.due`);
  } else if (schedule.kind === 'instalments') {
    if (currencyOk && amountOk) {
      checkInstalments(errors, schedule.instalments, m.amount as string, m.currency as string, `${field}.schedule.instalments`);
    }
  } else {
    errors.push({ field: `${field}.schedule.kind`, rule: 'enum', message: `${field}.schedule.kind must be lump_sum or instalments` });
  }
}

function checkRoyalty(errors: Errors, royalty: unknown, field: string): void {
  if (royalty === null) return;
  if (typeof royalty !== 'object') {
    errors.push({ field, rule: 'required', message: `${field} must be a royalty or null for a royalty-free licence` });
    return;
  }
  const r = royalty as Record<string, unknown>;
  if (r.kind === 'fixed') {
    if (checkCurrency(errors, r.currency, `${field}.currency`)) checkAmount(errors, r.amount, r.currency, `${field}.amount`);
  } else if (r.kind === 'running') {
    const pct = parseDecimal(r.percent);
    if (!pct || pct.units === 0n || pct.units > 100n * 10n ** BigInt(pct.scale)) {
      errors.push({ field: `${field}.percent`, rule: 'range', message: `${field}.percent must be a decimal above 0 and at most 100` });
    }
    requireText(errors, r.base, `${field}.base`, TEXT_LIMITS.short);
  } else {
    errors.push({ field: `${field}.kind`, rule: 'enum', message: `${field}.kind must be fixed or running` });
  }
}

function checkNonMonetary(errors: Errors, items: unknown, field: string): void {
  if (!Array.isArray(items)) {
    errors.push({ field, rule: 'invalid', message: `${field} must be a list` });
    return;
  }
  if (items.length > MAX_ITEMS) {
    errors.push({ field, rule: 'max_items', message: `${field} may have at most ${MAX_ITEMS} terms` });
    return;
  }
  items.forEach((item: unknown, i) => {
    const at = `${field}.${i}`;
    const t = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof t.kind !== 'string' || !NON_MONETARY_KINDS.has(t.kind)) {
      errors.push({ field: `${at}.kind`, rule: 'enum', message: `${at}.kind must be one of ${[...NON_MONETARY_KINDS].join(', ')}` });
      return;
    }
    requireText(errors, t.description, `${at}.description`, TEXT_LIMITS.description);
    if (t.due !== undefined) checkDue(errors, t.due, `${at}.due`);
    if (t.kind === NonMonetaryKind.Licence) {
      if (typeof t.exclusive !== 'boolean') errors.push({ field: `${at}.exclusive`, rule: 'required', message: `${at}.exclusive must be true or false` });
      optionalText(errors, t.territory, `${at}.territory`, TEXT_LIMITS.short);
      optionalText(errors, t.duration, `${at}.duration`, TEXT_LIMITS.short);
      checkRoyalty(errors, t.royalty, `${at}.royalty`);
    } else if ('royalty' in t) {
      errors.push({ field: `${at}.royalty`, rule: 'not_allowed', message: `${at}.royalty belongs to a licence only` });
    }
  });
}

/** Field-level errors of a set of terms; empty when they are valid. Something must be offered. */
export function validateSettlementTerms(terms: unknown, field = 'terms'): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof terms !== 'object' || terms === null) {
    return [{ field, rule: 'required', message: `${field} are required` }];
  }
  const t = terms as Record<string, unknown>;
  if (t.money !== undefined) checkMoneyTerms(errors, t.money, `${field}.money`);
  checkNonMonetary(errors, t.nonMonetary, `${field}.nonMonetary`);
  if (t.money === undefined && Array.isArray(t.nonMonetary) && t.nonMonetary.length === 0) {
    errors.push({ field, rule: 'empty', message: `${field} must offer money, a non-monetary term, or both` });
  }
  return errors;
}
