import type { FieldError } from '../common/errors/problem';
import { NonMonetaryKind } from './settlement-terms';

/**
 * Fields a set of settlement terms may carry, beyond which nothing is stored. The validation pipe
 * refuses unknown top-level fields of a request; `terms` is free-form JSON to it, so this does
 * the same one level down: a misspelt `ammount` is an error, never silently kept or dropped.
 * validateSettlementTerms checks the values; this checks only the names. Pure.
 */
const DUE = { date: ['date'], relative: ['daysAfterEffective'] };
const ROYALTY: Record<string, readonly string[]> = { fixed: ['kind', 'amount', 'currency'], running: ['kind', 'percent', 'base'] };
const SCHEDULE: Record<string, readonly string[]> = { lump_sum: ['kind', 'due'], instalments: ['kind', 'instalments'] };
const LICENCE = ['kind', 'description', 'exclusive', 'territory', 'duration', 'royalty', 'due'];
const OTHER_TERM = ['kind', 'description', 'due'];

type Errors = FieldError[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function allow(errors: Errors, value: unknown, field: string, allowed: readonly string[] | undefined): void {
  if (!isObject(value) || !allowed) return;
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push({ field: `${field}.${key}`, rule: 'unknown', message: `${field}.${key} is not a field of ${field}` });
  }
}

function due(errors: Errors, value: unknown, field: string): void {
  if (!isObject(value)) return;
  allow(errors, value, field, 'date' in value ? DUE.date : DUE.relative);
}

/** Field errors for every name the settlement-terms shape does not have; empty when none. */
export function unknownTermFields(terms: unknown, field = 'terms'): FieldError[] {
  const errors: Errors = [];
  if (!isObject(terms)) return errors;
  allow(errors, terms, field, ['money', 'nonMonetary']);
  const money = terms.money;
  if (isObject(money)) {
    allow(errors, money, `${field}.money`, ['amount', 'currency', 'schedule']);
    const schedule = money.schedule;
    if (isObject(schedule)) {
      allow(errors, schedule, `${field}.money.schedule`, SCHEDULE[String(schedule.kind)]);
      due(errors, schedule.due, `${field}.money.schedule.due`);
      if (Array.isArray(schedule.instalments)) {
        schedule.instalments.forEach((inst: unknown, i) => {
          const at = `${field}.money.schedule.instalments.${i}`;
          allow(errors, inst, at, ['amount', 'due']);
          if (isObject(inst)) due(errors, inst.due, `${at}.due`);
        });
      }
    }
  }
  if (Array.isArray(terms.nonMonetary)) {
    terms.nonMonetary.forEach((item: unknown, i) => {
      const at = `${field}.nonMonetary.${i}`;
      if (!isObject(item)) return;
      allow(errors, item, at, item.kind === NonMonetaryKind.Licence ? LICENCE : OTHER_TERM);
      due(errors, item.due, `${at}.due`);
      if (item.kind === NonMonetaryKind.Licence && isObject(item.royalty)) allow(errors, item.royalty, `${at}.royalty`, ROYALTY[String(item.royalty.kind)]);
    });
  }
  return errors;
}
