import { DateTime } from 'luxon';
import type { FieldError } from '../common/errors/problem';
import type { ComputedPeriod, LocalDate, WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { isLocalDate } from '../infrastructure/calendar/working-day-calendar';
import { meetingUrlProblem } from '../common/meeting-url';
import { partyObjectionDeadline, thirdPartyObjectionDeadline } from './confirmation-rules';

/**
 * The court's procedure once an application is docketed (docs/procedural-rules.md D21, D23). Pure: the actions load
 * the application and its ruling's service, ask these functions, and store what they allow.
 */

// ── Summoning the parties (D21) ─────────────────────────────────────────────────────────────

export interface SummonsFacts {
  attendAt: Date;
  place: string | null;
  videoLink: string | null;
}

/**
 * Checks of a summons against the clock (the DTO checked the shapes): it is for a time to come, and within the
 * court's period to decide, since the ruling is due by then (2011 Prov. 5); it says where, or by which https link.
 */
export function summonsProblems(s: SummonsFacts, now: Date, decision: { dueAt: Date | null; lastDay: LocalDate | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (s.attendAt.getTime() <= now.getTime()) errors.push({ field: 'attendAt', rule: 'future', message: 'attendAt must be in the future' });
  else if (decision.dueAt && s.attendAt.getTime() >= decision.dueAt.getTime()) {
    errors.push({
      field: 'attendAt',
      rule: 'within_decision_period',
      message: `attendAt must fall within the court’s period to decide, which ends with ${decision.lastDay} (COURT_DECISION_DAYS, 2011 Prov. 5)`,
    });
  }
  if (!s.place?.trim() && !s.videoLink?.trim()) errors.push({ field: 'place', rule: 'required', message: 'give the place to attend, or a videoLink, or both' });
  if (s.videoLink?.trim()) {
    const problem = meetingUrlProblem(s.videoLink.trim());
    if (problem) errors.push({ field: 'videoLink', rule: 'isUrl', message: `videoLink ${problem}` });
  }
  return errors;
}

// ── Objections to the ruling (D23) ──────────────────────────────────────────────────────────

/** Whose window: a party's runs from its receipt of the ruling, a third party's from the day it knew of the harm. */
export type ObjectionWindowKind = 'party_objection' | 'third_party_objection';

export interface ObjectionWindow extends ComputedPeriod {
  kind: ObjectionWindowKind;
  /** The setting that holds its length. */
  setting: 'OBJECTION_DAYS' | 'THIRD_PARTY_OBJECTION_MONTHS';
  length: number;
}

/** A party's window: `days` from the ruling's service on it (Interp. 372). A ruling not yet served starts it now: filing shows it was received. */
export function partyObjectionWindow(servedAt: Date, calendar: WorkingDayCalendar, days: number): ObjectionWindow {
  return { ...partyObjectionDeadline(servedAt, calendar, days), kind: 'party_objection', setting: 'OBJECTION_DAYS', length: days };
}

/** A third party's window: `months` from the local day it knew, or should have known, of the harm (Interp. 372). */
export function thirdPartyObjectionWindow(knewOn: LocalDate, calendar: WorkingDayCalendar, months: number): ObjectionWindow {
  const during = DateTime.fromISO(knewOn, { zone: calendar.timeZone }).set({ hour: 12 }).toJSDate();
  return { ...thirdPartyObjectionDeadline(during, calendar, months), kind: 'third_party_objection', setting: 'THIRD_PARTY_OBJECTION_MONTHS', length: months };
}

/** Why an objection is out of time, naming the deadline; undefined while it is in time. */
export function objectionLate(w: ObjectionWindow, now: Date): string | undefined {
  if (now.getTime() < w.dueAt.getTime()) return undefined;
  const length = w.kind === 'party_objection' ? `${w.length}-day` : `${w.length}-month`;
  const from = w.kind === 'party_objection' ? 'receiving the ruling' : 'knowing of the harm';
  return `The ${length} period to object after ${from} ended with ${w.lastDay} (${w.setting}, Interp. 372)`;
}

/**
 * A third party's day of knowledge: a date, not before the ruling (no one knew of a ruling not yet made) and not
 * after today. Whether it is true is for the court to review with the stated interest.
 */
export function knewOnProblem(knewOn: string, rulingDay: LocalDate, today: LocalDate): FieldError | undefined {
  if (!isLocalDate(knewOn)) return { field: 'knewOn', rule: 'isDate', message: 'knewOn must be a date YYYY-MM-DD' };
  if (knewOn < rulingDay) return { field: 'knewOn', rule: 'not_before_ruling', message: `knewOn cannot be before the ruling, made on ${rulingDay}` };
  if (knewOn > today) return { field: 'knewOn', rule: 'not_future', message: 'knewOn cannot be in the future' };
  return undefined;
}
