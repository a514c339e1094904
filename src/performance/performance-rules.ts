import { DateTime } from 'luxon';
import type { PartySide } from '../cases/entities/case-party.entity';
import type { Obligation, PerformanceSchedule } from '../agreements/agreement-model';
import type { ComputedPeriod, LocalDate, WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import type { Due } from '../mediation/settlement-terms';

/**
 * Performance of a settlement (docs/procedural-rules.md E24–E25): the agreement's obligations become tracked
 * items with due instants; the obligor reports performance, the beneficiary confirms or
 * disputes; items past due are flagged; the case closes as fulfilled when every item is
 * confirmed; a default on a confirmed case records the window for applying for enforcement.
 * Pure: the performance service stores items and events and asks these functions.
 */

export const PERFORMANCE_DEFAULTS = Object.freeze({
  /** Remind the obligor this many working days before the last day (0 = on the last day). */
  reminderWorkingDaysBefore: Object.freeze([3, 1]) as readonly number[],
  /** Local time of day at which reminders go out. */
  reminderLocalTime: '09:00',
  /** Application for enforcement within 2 years of the last day of performance (CPL 250). */
  enforcementYears: 2,
});

export enum ObligationStatus {
  /** Not yet due, nothing reported. */
  Pending = 'pending',
  /** The obligor reported performance; the beneficiary has not answered. */
  Reported = 'reported',
  /** The beneficiary confirmed performance: done. */
  Confirmed = 'confirmed',
  /** The beneficiary disputed the last report, and the item is not yet due. */
  Disputed = 'disputed',
  /** Past due without confirmed performance or a report awaiting an answer. */
  Overdue = 'overdue',
}

/** One item to perform: an obligation, or one instalment of it. */
export interface TrackedObligation {
  /** The obligation id, or `<obligation id>#<n>` for its n-th instalment. */
  id: string;
  obligationId: string;
  /** 1-based instalment number; null for an obligation with a single due date. */
  instalment: number | null;
  kind: 'money' | 'act';
  obligorSide: PartySide;
  beneficiarySide: PartySide;
  obligorPartyIds?: readonly string[];
  beneficiaryPartyIds?: readonly string[];
  amount?: string;
  currency?: string;
  act?: string;
  /** The last local day for performance. */
  lastDay: LocalDate;
  /** The instant it becomes overdue: 00:00 local after lastDay. */
  dueAt: Date;
}

/**
 * Where a due falls once the agreement is in effect. A fixed date is the agreed day itself;
 * "n days after effect" is a period counted from the effective day (CPL art. 85; Civil Code
 * art. 203), so its last day moves off a rest day.
 */
export function resolveDue(due: Due, effectiveAt: Date, calendar: WorkingDayCalendar): ComputedPeriod {
  if ('date' in due) {
    const day = DateTime.fromISO(due.date, { zone: calendar.timeZone });
    if (!day.isValid) throw new RangeError(`"${due.date}" is not a YYYY-MM-DD date`);
    return { lastDay: due.date, dueAt: day.plus({ days: 1 }).startOf('day').toJSDate() };
  }
  return calendar.computePeriod(effectiveAt, { days: due.daysAfterEffective, unit: 'calendar' });
}

/** The tracked items of a (validated) performance schedule, once the agreement is effective at `effectiveAt`. */
export function trackObligations(schedule: PerformanceSchedule, effectiveAt: Date, calendar: WorkingDayCalendar): TrackedObligation[] {
  return schedule.obligations.flatMap((o): TrackedObligation[] => {
    const base = common(o);
    if (o.kind === 'act') return [{ ...base, id: o.id, instalment: null, act: o.act, ...resolveDue(o.due, effectiveAt, calendar) }];
    if (o.instalments) {
      return o.instalments.map((inst, i) => ({
        ...base,
        id: `${o.id}#${i + 1}`,
        instalment: i + 1,
        amount: inst.amount,
        currency: o.currency,
        ...resolveDue(inst.due, effectiveAt, calendar),
      }));
    }
    if (!o.due) throw new RangeError(`obligation ${o.id} has neither a due date nor instalments`);
    return [{ ...base, id: o.id, instalment: null, amount: o.amount, currency: o.currency, ...resolveDue(o.due, effectiveAt, calendar) }];
  });
}

function common(o: Obligation) {
  return {
    obligationId: o.id,
    kind: o.kind,
    obligorSide: o.obligorSide,
    beneficiarySide: o.beneficiarySide,
    ...(o.obligorPartyIds ? { obligorPartyIds: o.obligorPartyIds } : {}),
    ...(o.beneficiaryPartyIds ? { beneficiaryPartyIds: o.beneficiaryPartyIds } : {}),
  };
}

// ── Reports and status ──────────────────────────────────────────────────────────────────────

interface EventBase {
  /** The tracked item's id. */
  obligationId: string;
  at: Date;
  /** The account that acted, and for which side. */
  by: string;
  side: PartySide;
}

export type PerformanceEvent =
  /** The obligor says it performed, with proof documents. */
  | (EventBase & { type: 'reported'; documentIds: readonly string[]; note?: string | null })
  /** The beneficiary confirms performance (with or without a report first). */
  | (EventBase & { type: 'confirmed' })
  /** The beneficiary disputes the last report. */
  | (EventBase & { type: 'disputed'; reason: string });

function eventsOf(obligation: TrackedObligation, events: readonly PerformanceEvent[], now: Date): PerformanceEvent[] {
  return events.filter((e) => e.obligationId === obligation.id && e.at.getTime() <= now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The item's status at `now`, from the events recorded up to then. */
export function obligationStatusAt(obligation: TrackedObligation, events: readonly PerformanceEvent[], now: Date): ObligationStatus {
  let status = ObligationStatus.Pending;
  for (const e of eventsOf(obligation, events, now)) {
    if (e.type === 'confirmed') return ObligationStatus.Confirmed;
    status = e.type === 'reported' ? ObligationStatus.Reported : ObligationStatus.Disputed;
  }
  // A report awaiting the beneficiary's answer is not the obligor's delay.
  if (status !== ObligationStatus.Reported && now.getTime() >= obligation.dueAt.getTime()) return ObligationStatus.Overdue;
  return status;
}

/**
 * Why this event can't be recorded now, or undefined when it can: only the obligor's side
 * reports, only the beneficiary's side confirms or disputes, a dispute answers a report, and
 * nothing follows a confirmation.
 */
export function performanceEventProblem(obligation: TrackedObligation, events: readonly PerformanceEvent[], event: PerformanceEvent): string | undefined {
  if (event.obligationId !== obligation.id) return `The event is for ${event.obligationId}, not ${obligation.id}`;
  const history = events.filter((e) => e.obligationId === obligation.id);
  const last = history.reduce<number>((t, e) => Math.max(t, e.at.getTime()), -Infinity);
  if (event.at.getTime() < last) return 'The event is dated before the last one recorded for this obligation';
  const status = obligationStatusAt(obligation, history, event.at);
  if (status === ObligationStatus.Confirmed) return 'Performance of this obligation is already confirmed';
  switch (event.type) {
    case 'reported':
      if (event.side !== obligation.obligorSide) return 'Only the obligated side reports performance';
      if (status === ObligationStatus.Reported) return 'The last report is still waiting for the beneficiary’s answer';
      return undefined;
    case 'confirmed':
      return event.side === obligation.beneficiarySide ? undefined : 'Only the beneficiary side confirms performance';
    case 'disputed':
      if (event.side !== obligation.beneficiarySide) return 'Only the beneficiary side disputes performance';
      if (status !== ObligationStatus.Reported) return 'There is no report of performance to dispute';
      if (!event.reason?.trim()) return 'Say why the reported performance is disputed';
      return undefined;
  }
}

/** True when there is something to perform and every item is confirmed: the case is fulfilled. */
export function allPerformed(obligations: readonly { status: ObligationStatus }[]): boolean {
  return obligations.length > 0 && obligations.every((o) => o.status === ObligationStatus.Confirmed);
}

// ── Reminders and enforcement ───────────────────────────────────────────────────────────────

export interface ReminderOptions {
  /** Local HH:mm at which reminders go out. */
  localTime?: string;
  /** Leave out reminders at or before this instant (e.g. now, when scheduling late). */
  after?: Date;
}

/**
 * When to remind the obligor of an item due at `dueAt`: `workingDaysBefore` working days before
 * its last day (0 = the last day itself), at the configured local time; ascending, no repeats.
 */
export function reminderDates(
  dueAt: Date,
  calendar: WorkingDayCalendar,
  workingDaysBefore: readonly number[] = PERFORMANCE_DEFAULTS.reminderWorkingDaysBefore,
  options: ReminderOptions = {},
): Date[] {
  const localTime = options.localTime ?? PERFORMANCE_DEFAULTS.reminderLocalTime;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(localTime)) throw new RangeError(`"${localTime}" is not a HH:mm time`);
  const lastDay = calendar.localDate(new Date(dueAt.getTime() - 1));
  const base = DateTime.fromISO(`${lastDay}T${localTime}`, { zone: calendar.timeZone }).toJSDate();
  const times = new Set<number>();
  for (const n of workingDaysBefore) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`working days before must be whole numbers from 0, got ${n}`);
    const t = calendar.addWorkingDays(base, -n).getTime();
    if (options.after === undefined || t > options.after.getTime()) times.add(t);
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

export interface EnforcementWindow {
  /** The last day of the performance period, or of the last instalment. */
  countedFrom: LocalDate;
  /** The last day on which enforcement may be applied for. */
  lastDay: LocalDate;
  /** The first instant it is too late. */
  endsAt: Date;
}

/**
 * The window for applying to the court for enforcement (CPL 250): 2 years counted from the last
 * day of the performance period, for instalments from the last instalment's. Null without
 * obligations.
 */
export function enforcementWindow(
  obligations: readonly Pick<TrackedObligation, 'lastDay'>[],
  calendar: WorkingDayCalendar,
  years: number = PERFORMANCE_DEFAULTS.enforcementYears,
): EnforcementWindow | null {
  if (obligations.length === 0) return null;
  const countedFrom = obligations.reduce((latest, o) => (o.lastDay > latest ? o.lastDay : latest), obligations[0].lastDay);
  const trigger = DateTime.fromISO(countedFrom, { zone: calendar.timeZone });
  if (!trigger.isValid) throw new RangeError(`"${countedFrom}" is not a YYYY-MM-DD date`);
  const period = calendar.computePeriod(trigger.toJSDate(), { years, unit: 'years' });
  return { countedFrom, lastDay: period.lastDay, endsAt: period.dueAt };
}
