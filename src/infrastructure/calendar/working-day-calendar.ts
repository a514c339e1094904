import { DateTime, IANAZone } from 'luxon';

/**
 * Statutory periods, counted the way PRC Civil Procedure Law art. 85 (2023 numbering; art. 82
 * before the 2021 amendment) counts them:
 *
 *  - "期间开始的时和日，不计算在期间内": the day of the triggering event is not counted; day 1 is the
 *    next calendar day in the platform's time zone.
 *  - a period ends at the end (24:00) of its last day (Civil Code art. 203 says the same), so the
 *    due instant is 00:00 of the following local day.
 *  - "期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期": a last day that is not a
 *    working day moves to the first working day after it. Weekends count as rest days (SPC
 *    practice lists 星期六、星期日 among 节假日) unless the State Council made them 调休 working days.
 *  - month and year periods end on the corresponding date of the last month, or that month's
 *    last day when it has none (Civil Code art. 202; SPC practice for CPL periods).
 *
 * Working-day periods (e.g. the 3 working days of OMR art. 15) count only working days, so their
 * last day is always a working day.
 */

/** A calendar date in the platform's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface WorkingDayCalendarConfig {
  /** IANA zone in which calendar days begin and end. */
  timeZone: string;
  /** Public holidays (法定节假日 including the weekend days the State Council folds into them). */
  holidays: readonly LocalDate[];
  /** Weekend days the State Council made working days (调休上班日). */
  extraWorkingDays: readonly LocalDate[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type Period = { days: number; unit: 'calendar' | 'working' } | { months: number; unit: 'months' } | { years: number; unit: 'years' };

export interface ComputedPeriod {
  /** The last day of the period after any move past rest days, in the platform's time zone. */
  lastDay: LocalDate;
  /** The instant the period ends: the start of the day after `lastDay`, in UTC. */
  dueAt: Date;
}

export class CalendarConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written as YYYY-MM-DD (so 2026-02-30 is refused). */
export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/**
 * True for an IANA zone name. Offsets such as "+08:00" are refused even though Intl accepts them:
 * a fixed offset silently ignores a zone's daylight-saving rules.
 */
export function isIanaTimeZone(value: string): boolean {
  return /^[A-Za-z]/.test(value) && IANAZone.isValidZone(value);
}

/** 1 = Monday … 7 = Sunday for a calendar date; the weekday of a date does not depend on a zone. */
function isoWeekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

function assertInteger(name: string, n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

function assertValidDate(name: string, d: Date): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} must be a valid Date`);
}

export class WorkingDayCalendar {
  readonly timeZone: string;
  private readonly holidays: ReadonlySet<LocalDate>;
  private readonly extraWorkingDays: ReadonlySet<LocalDate>;

  constructor(config: Partial<WorkingDayCalendarConfig> = {}) {
    const timeZone = config.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isIanaTimeZone(timeZone)) throw new CalendarConfigError(`"${timeZone}" is not an IANA time zone`);
    const holidays = config.holidays ?? [];
    const extra = config.extraWorkingDays ?? [];
    for (const d of [...holidays, ...extra]) {
      if (!isLocalDate(d)) throw new CalendarConfigError(`"${d}" is not a YYYY-MM-DD date`);
    }
    const holidaySet = new Set(holidays);
    for (const d of extra) {
      // A make-up working day on a weekday or on a holiday is a typo in the schedule, and would
      // otherwise silently shorten or lengthen every period that crosses it.
      if (isoWeekday(d) < 6) throw new CalendarConfigError(`extra working day ${d} is not a Saturday or Sunday`);
      if (holidaySet.has(d)) throw new CalendarConfigError(`${d} is listed both as a holiday and as an extra working day`);
    }
    this.timeZone = IANAZone.create(timeZone).name;
    this.holidays = holidaySet;
    this.extraWorkingDays = new Set(extra);
  }

  /** The calendar date of an instant in the platform's time zone. */
  localDate(instant: Date): LocalDate {
    assertValidDate('instant', instant);
    return this.toLocal(instant).toISODate() as LocalDate;
  }

  /** Whether a day is a working day. A Date is read as its calendar date in the platform's zone. */
  isWorkingDay(day: Date | LocalDate): boolean {
    const date = typeof day === 'string' ? day : this.localDate(day);
    if (!isLocalDate(date)) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
    if (this.extraWorkingDays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return isoWeekday(date) < 6;
  }

  /**
   * `n` calendar days later (earlier when negative) at the same local wall-clock time, so a day
   * across a daylight-saving change is 23 or 25 hours long.
   */
  addCalendarDays(from: Date, n: number): Date {
    assertValidDate('from', from);
    assertInteger('n', n);
    return this.toLocal(from).plus({ days: n }).toJSDate();
  }

  /**
   * The `n`th working day after (before, when negative) the local date of `from`, at the same
   * local wall-clock time. `n = 0` returns `from` unchanged, even on a rest day.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertValidDate('from', from);
    assertInteger('n', n);
    const step = n < 0 ? -1 : 1;
    let t = this.toLocal(from);
    for (let left = Math.abs(n); left > 0;) {
      t = t.plus({ days: step });
      if (this.isWorkingDay(t.toISODate() as LocalDate)) left--;
    }
    return t.toJSDate();
  }

  /** The instant a period triggered at `trigger` ends (CPL art. 85); see `computePeriod`. */
  computeDueAt(trigger: Date, period: Period): Date {
    return this.computePeriod(trigger, period).dueAt;
  }

  /** The last day and the due instant of a period triggered at `trigger` (CPL art. 85). */
  computePeriod(trigger: Date, period: Period): ComputedPeriod {
    assertValidDate('trigger', trigger);
    const length = 'days' in period ? period.days : 'months' in period ? period.months : period.years;
    assertInteger('period length', length);
    if (length < 1) throw new RangeError(`a period must last at least 1 ${period.unit} unit, got ${length}`);

    // The trigger's own day is never counted, whatever the time of day: work from its date only.
    const triggerDay = this.toLocal(trigger).startOf('day');
    let lastDay: DateTime;
    switch (period.unit) {
      case 'working':
        lastDay = this.toLocal(this.addWorkingDays(triggerDay.toJSDate(), length)).startOf('day');
        break;
      case 'calendar':
        lastDay = this.firstWorkingDayFrom(triggerDay.plus({ days: length }));
        break;
      case 'months':
        // Luxon clamps to the month's last day when the corresponding date does not exist.
        lastDay = this.firstWorkingDayFrom(triggerDay.plus({ months: length }));
        break;
      case 'years':
        lastDay = this.firstWorkingDayFrom(triggerDay.plus({ years: length }));
        break;
    }
    return {
      lastDay: lastDay.toISODate() as LocalDate,
      // Going through the date rather than adding 24 hours keeps this right on 23- and 25-hour days.
      dueAt: lastDay.plus({ days: 1 }).startOf('day').toJSDate(),
    };
  }

  private toLocal(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.timeZone });
  }

  private firstWorkingDayFrom(day: DateTime): DateTime {
    let d = day.startOf('day');
    while (!this.isWorkingDay(d.toISODate() as LocalDate)) d = d.plus({ days: 1 });
    return d;
  }
}

/**
 * Time left until `dueAt` at `at`, never negative: a deadline that has passed has nothing left
 * to carry over a pause.
 */
export function remainingMs(dueAt: Date, at: Date): number {
  assertValidDate('dueAt', dueAt);
  assertValidDate('at', at);
  return Math.max(0, dueAt.getTime() - at.getTime());
}

/**
 * The due instant after a pause (e.g. appraisal time, which OMR art. 26 keeps out of the mediation
 * period, docs/procedural-rules.md B7): the original due instant moved later by exactly the paused duration.
 */
export function resumeDueAt(pausedAt: Date, dueAt: Date, resumedAt: Date): Date {
  assertValidDate('pausedAt', pausedAt);
  assertValidDate('dueAt', dueAt);
  assertValidDate('resumedAt', resumedAt);
  if (resumedAt.getTime() < pausedAt.getTime()) throw new RangeError('resumedAt is before pausedAt');
  // Pausing an expired period cannot revive it; the caller must have missed the expiry.
  if (pausedAt.getTime() >= dueAt.getTime()) throw new RangeError('the period had already ended when it was paused');
  return new Date(dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
}
