import dayjs, { type Dayjs } from 'dayjs';
import type { DueAfterEffect, DueDate, LicenceTerm, OtherNonMonetaryTerm, SettlementTerms } from '../api/generated/types.gen';

/**
 * The offer form's values and the API's settlement terms, one into the other. The form's field
 * names follow the API's shape (terms.money.schedule.instalments.0.amount…), so every field error
 * the API names lands beside its field; only what a form needs besides (which kind of due date,
 * whether money is offered at all) is added, and dropped on the way out.
 */

export type NonMonetaryKind = OtherNonMonetaryTerm['kind'] | 'licence';
export const NON_MONETARY_KINDS: NonMonetaryKind[] = ['stop_use', 'delist', 'assign', 'licence', 'apology', 'withdraw_proceedings', 'other'];
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD'];

/** By a date, or a number of days after the agreement takes effect; `none` only where a due date is optional. */
export type DueKind = 'date' | 'days' | 'none';

export interface DueValues {
  kind?: DueKind;
  date?: Dayjs | null;
  daysAfterEffective?: number | null;
}

export interface RoyaltyValues {
  kind?: 'none' | 'fixed' | 'running';
  amount?: string;
  currency?: string;
  percent?: string;
  base?: string;
}

export interface NonMonetaryValues {
  kind?: NonMonetaryKind;
  description?: string;
  exclusive?: boolean;
  territory?: string;
  duration?: string;
  royalty?: RoyaltyValues;
  due?: DueValues;
}

export interface MoneyValues {
  amount?: string;
  currency?: string;
  schedule?: {
    kind?: 'lump_sum' | 'instalments';
    due?: DueValues;
    instalments?: { amount?: string; due?: DueValues }[];
  };
}

export interface TermsFormValues {
  includeMoney: boolean;
  terms: { money?: MoneyValues; nonMonetary?: NonMonetaryValues[] };
  /** Optional: after this the offer can no longer be accepted. */
  expiresAt?: Dayjs | null;
}

type Due = DueDate | DueAfterEffect;

/**
 * A due as the API takes it. A missing value is sent empty rather than left out, so the API's
 * error names the date or days field the person has to fill in.
 */
function toDue(due: DueValues | undefined): Due | undefined {
  if (due?.kind === 'none') return undefined;
  if (due?.kind === 'days') return { daysAfterEffective: due.daysAfterEffective ?? (null as unknown as number) };
  return { date: due?.date ? due.date.format('YYYY-MM-DD') : '' };
}

const text = (value: string | undefined): string => (value ?? '').trim();
const optionalText = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

function toNonMonetary(item: NonMonetaryValues): LicenceTerm | OtherNonMonetaryTerm {
  const due = toDue(item.due ?? { kind: 'none' });
  const common = { description: text(item.description), ...(due ? { due } : {}) };
  if (item.kind !== 'licence') return { kind: (item.kind ?? '') as OtherNonMonetaryTerm['kind'], ...common };
  const r = item.royalty;
  const royalty =
    r?.kind === 'fixed'
      ? { kind: 'fixed' as const, amount: text(r.amount), currency: r.currency ?? '' }
      : r?.kind === 'running'
        ? { kind: 'running' as const, percent: text(r.percent), base: text(r.base) }
        : null;
  return {
    kind: 'licence',
    ...common,
    exclusive: item.exclusive ?? false,
    ...(optionalText(item.territory) ? { territory: optionalText(item.territory) } : {}),
    ...(optionalText(item.duration) ? { duration: optionalText(item.duration) } : {}),
    // The API takes null for a royalty-free licence; the generated type misses the null.
    royalty: royalty as LicenceTerm['royalty'],
  };
}

/** The form's values as the API's settlement terms. */
export function toSettlementTerms(values: TermsFormValues): SettlementTerms {
  const nonMonetary = (values.terms.nonMonetary ?? []).map(toNonMonetary);
  const m = values.terms.money;
  if (!values.includeMoney || !m) return { nonMonetary };
  const schedule =
    m.schedule?.kind === 'instalments'
      ? { kind: 'instalments' as const, instalments: (m.schedule.instalments ?? []).map((i) => ({ amount: text(i.amount), due: toDue(i.due)! })) }
      : { kind: 'lump_sum' as const, due: toDue(m.schedule?.due)! };
  return { money: { amount: text(m.amount), currency: m.currency ?? '', schedule }, nonMonetary };
}

function fromDue(due: Due | undefined, whenAbsent: DueKind): DueValues {
  if (!due) return { kind: whenAbsent };
  return 'date' in due ? { kind: 'date', date: dayjs(due.date) } : { kind: 'days', daysAfterEffective: due.daysAfterEffective };
}

/** An offer's terms as form values: a counter-offer starts from the offer it answers. */
export function fromSettlementTerms(terms: SettlementTerms): TermsFormValues {
  const m = terms.money;
  return {
    includeMoney: !!m,
    terms: {
      money: m
        ? {
            amount: m.amount,
            currency: m.currency,
            schedule:
              m.schedule.kind === 'instalments'
                ? { kind: 'instalments', instalments: m.schedule.instalments.map((i) => ({ amount: i.amount, due: fromDue(i.due, 'date') })) }
                : { kind: 'lump_sum', due: fromDue(m.schedule.due, 'date') },
          }
        : emptyMoney(),
      nonMonetary: terms.nonMonetary.map((item) => {
        const values: NonMonetaryValues = { kind: item.kind, description: item.description, due: fromDue(item.due, 'none') };
        if (item.kind !== 'licence') return values;
        const licence = item as LicenceTerm;
        const r = licence.royalty as LicenceTerm['royalty'] | null;
        return {
          ...values,
          exclusive: licence.exclusive,
          territory: licence.territory,
          duration: licence.duration,
          royalty: !r ? { kind: 'none' } : r.kind === 'fixed' ? { kind: 'fixed', amount: r.amount, currency: r.currency } : { kind: 'running', percent: r.percent, base: r.base },
        };
      }),
    },
  };
}

export function emptyMoney(currency = 'CNY'): MoneyValues {
  return { currency, schedule: { kind: 'lump_sum', due: { kind: 'days', daysAfterEffective: 15 } } };
}

export const emptyTerms = (currency?: string): TermsFormValues => ({ includeMoney: true, terms: { money: emptyMoney(currency), nonMonetary: [] } });
