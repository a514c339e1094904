import { CalendarConfigError, isIanaTimeZone, isLocalDate, remainingMs, resumeDueAt, WorkingDayCalendar } from './working-day-calendar';

/**
 * TEST DATA, not configuration: the 2026 public-holiday schedule as announced by the General
 * Office of the State Council on 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知).
 * Production reads the schedule from PUBLIC_HOLIDAYS / EXTRA_WORKING_DAYS.
 */
const CN_2026 = {
  holidays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03', // 元旦
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23', // 春节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06', // 清明节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05', // 劳动节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21', // 端午节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27', // 中秋节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07', // 国庆节
  ],
  // 调休上班日: weekend days worked to make up for the long holidays.
  extraWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const china = new WorkingDayCalendar({ timeZone: 'Asia/Shanghai', ...CN_2026 });
const weekendsOnly = new WorkingDayCalendar({ timeZone: 'Asia/Shanghai' });
const berlin = new WorkingDayCalendar({ timeZone: 'Europe/Berlin' });

const iso = (d: Date): string => d.toISOString();

describe('WorkingDayCalendar', () => {
  describe('configuration', () => {
    it('defaults to Asia/Shanghai with no holidays', () => {
      const c = new WorkingDayCalendar();
      expect(c.timeZone).toBe('Asia/Shanghai');
      expect(c.isWorkingDay('2026-10-01')).toBe(true);
    });

    it('refuses a zone that is not IANA, including a bare offset', () => {
      expect(() => new WorkingDayCalendar({ timeZone: 'Mars/Olympus' })).toThrow(CalendarConfigError);
      expect(() => new WorkingDayCalendar({ timeZone: '+08:00' })).toThrow(/IANA/);
    });

    it('refuses malformed and impossible dates', () => {
      expect(() => new WorkingDayCalendar({ holidays: ['2026/10/01'] })).toThrow(/2026\/10\/01/);
      expect(() => new WorkingDayCalendar({ holidays: ['2026-02-30'] })).toThrow(/2026-02-30/);
      expect(() => new WorkingDayCalendar({ extraWorkingDays: ['2026-13-01'] })).toThrow(CalendarConfigError);
    });

    it('refuses a make-up working day that is a weekday or also a holiday', () => {
      expect(() => new WorkingDayCalendar({ extraWorkingDays: ['2026-10-09'] })).toThrow(/not a Saturday or Sunday/);
      expect(() => new WorkingDayCalendar({ holidays: ['2026-10-03'], extraWorkingDays: ['2026-10-03'] })).toThrow(/both/);
    });

    it('validates dates and zones with the exported helpers', () => {
      expect(isLocalDate('2028-02-29')).toBe(true);
      expect(isLocalDate('2026-02-29')).toBe(false);
      expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
      expect(isIanaTimeZone('UTC')).toBe(true);
      expect(isIanaTimeZone('+08:00')).toBe(false);
    });
  });

  describe('isWorkingDay', () => {
    it('treats Saturday and Sunday as rest days and weekdays as working days', () => {
      expect(weekendsOnly.isWorkingDay('2026-03-13')).toBe(true); // Friday
      expect(weekendsOnly.isWorkingDay('2026-03-14')).toBe(false); // Saturday
      expect(weekendsOnly.isWorkingDay('2026-03-15')).toBe(false); // Sunday
      expect(weekendsOnly.isWorkingDay('2026-03-16')).toBe(true); // Monday
    });

    it('applies public holidays and 调休 make-up working days', () => {
      expect(china.isWorkingDay('2026-10-01')).toBe(false); // National Day, Thursday
      expect(china.isWorkingDay('2026-10-07')).toBe(false); // last day of the week off, Wednesday
      expect(china.isWorkingDay('2026-10-08')).toBe(true);
      expect(china.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
      expect(china.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
      expect(china.isWorkingDay('2026-09-20')).toBe(true); // make-up Sunday
    });

    it('reads an instant as its date in the platform zone, not in UTC', () => {
      // Friday 16:30 UTC is already Saturday 00:30 in Shanghai.
      expect(weekendsOnly.isWorkingDay(new Date('2026-03-13T16:30:00Z'))).toBe(false);
      expect(weekendsOnly.isWorkingDay(new Date('2026-03-13T15:59:59Z'))).toBe(true);
      expect(weekendsOnly.localDate(new Date('2026-03-16T16:30:00Z'))).toBe('2026-03-17');
    });

    it('refuses a string that is not a date', () => {
      expect(() => china.isWorkingDay('tomorrow')).toThrow(RangeError);
    });
  });

  describe('addCalendarDays', () => {
    it('keeps the local wall-clock time, forwards and backwards', () => {
      const from = new Date('2026-03-13T07:00:00Z'); // Friday 15:00 Shanghai
      expect(iso(china.addCalendarDays(from, 3))).toBe('2026-03-16T07:00:00.000Z');
      expect(iso(china.addCalendarDays(from, -13))).toBe('2026-02-28T07:00:00.000Z');
      expect(iso(china.addCalendarDays(from, 0))).toBe(iso(from));
    });

    it('makes a day 23 hours long when Berlin springs forward and 25 hours when it falls back', () => {
      // Saturday 12:00 CET → Sunday 12:00 CEST
      expect(iso(berlin.addCalendarDays(new Date('2026-03-28T11:00:00Z'), 1))).toBe('2026-03-29T10:00:00.000Z');
      // Saturday 12:00 CEST → Sunday 12:00 CET
      expect(iso(berlin.addCalendarDays(new Date('2026-10-24T10:00:00Z'), 1))).toBe('2026-10-25T11:00:00.000Z');
    });

    it('refuses a fractional count', () => {
      expect(() => china.addCalendarDays(new Date(), 1.5)).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('skips the weekend', () => {
      const friday = new Date('2026-03-13T07:00:00Z'); // 15:00 Shanghai
      expect(iso(weekendsOnly.addWorkingDays(friday, 1))).toBe('2026-03-16T07:00:00.000Z'); // Monday
      expect(iso(weekendsOnly.addWorkingDays(new Date('2026-03-16T07:00:00Z'), -1))).toBe(iso(friday));
    });

    it('skips the National Day week and returns the same instant for zero', () => {
      const before = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 Shanghai
      expect(iso(china.addWorkingDays(before, 1))).toBe('2026-10-08T02:00:00.000Z');
      expect(iso(china.addWorkingDays(new Date('2026-10-08T02:00:00Z'), -1))).toBe(iso(before));
      expect(iso(china.addWorkingDays(before, 0))).toBe(iso(before));
    });

    it('counts from a rest day to the next working days', () => {
      const saturday = new Date('2026-03-14T02:00:00Z');
      expect(iso(weekendsOnly.addWorkingDays(saturday, 1))).toBe('2026-03-16T02:00:00.000Z');
    });
  });

  describe('computeDueAt: working-day periods', () => {
    it('an event on a Friday afternoon with 3 working days is due at the end of Wednesday', () => {
      const fridayAfternoon = new Date('2026-03-13T07:00:00Z'); // 15:00 Shanghai
      const result = weekendsOnly.computePeriod(fridayAfternoon, { days: 3, unit: 'working' });
      expect(result.lastDay).toBe('2026-03-18');
      // 00:00 Thursday in Shanghai is 16:00 UTC on Wednesday.
      expect(iso(result.dueAt)).toBe('2026-03-18T16:00:00.000Z');
    });

    it('does not count the National Day holiday and does count the make-up Saturday', () => {
      const wednesday = new Date('2026-09-30T02:00:00Z');
      // Oct 8 (1), Oct 9 (2), Oct 10 make-up Saturday (3).
      expect(china.computePeriod(wednesday, { days: 3, unit: 'working' })).toEqual({
        lastDay: '2026-10-10',
        dueAt: new Date('2026-10-10T16:00:00.000Z'),
      });
      // The same event without the holiday schedule would end on Monday Oct 5.
      expect(weekendsOnly.computePeriod(wednesday, { days: 3, unit: 'working' }).lastDay).toBe('2026-10-05');
    });

    it('counts the make-up Saturday before the Spring Festival', () => {
      const friday = new Date('2026-02-13T02:00:00Z');
      // Feb 14 make-up Saturday (1), Feb 15–23 off, Feb 24 (2), Feb 25 (3).
      expect(china.computePeriod(friday, { days: 3, unit: 'working' }).lastDay).toBe('2026-02-25');
    });

    it('ignores the time of day of the trigger', () => {
      const early = new Date('2026-03-12T16:00:00Z'); // Friday 00:00 Shanghai
      const late = new Date('2026-03-13T15:59:59.999Z'); // Friday 23:59:59.999 Shanghai
      const period = { days: 3, unit: 'working' } as const;
      expect(iso(weekendsOnly.computeDueAt(early, period))).toBe('2026-03-18T16:00:00.000Z');
      expect(iso(weekendsOnly.computeDueAt(late, period))).toBe('2026-03-18T16:00:00.000Z');
    });
  });

  describe('computeDueAt: calendar-day periods', () => {
    it('30 days whose last day is a Sunday end at the end of Monday', () => {
      const friday = new Date('2026-02-06T02:00:00Z'); // day 30 is Sunday 2026-03-08
      expect(weekendsOnly.computePeriod(friday, { days: 30, unit: 'calendar' })).toEqual({
        lastDay: '2026-03-09',
        dueAt: new Date('2026-03-09T16:00:00.000Z'),
      });
    });

    it('30 days whose last day is a Saturday also move to Monday', () => {
      const thursday = new Date('2026-02-05T02:00:00Z'); // day 30 is Saturday 2026-03-07
      expect(weekendsOnly.computePeriod(thursday, { days: 30, unit: 'calendar' }).lastDay).toBe('2026-03-09');
    });

    it('30 days whose last day is a working day end at the end of that day', () => {
      const wednesday = new Date('2026-02-04T02:00:00Z'); // day 30 is Friday 2026-03-06
      expect(iso(weekendsOnly.computeDueAt(wednesday, { days: 30, unit: 'calendar' }))).toBe('2026-03-06T16:00:00.000Z');
    });

    it('a last day inside the National Day week moves to the first working day after it', () => {
      const tuesday = new Date('2026-09-01T02:00:00Z'); // day 30 is Thursday 2026-10-01
      expect(china.computePeriod(tuesday, { days: 30, unit: 'calendar' })).toEqual({
        lastDay: '2026-10-08',
        dueAt: new Date('2026-10-08T16:00:00.000Z'),
      });
    });

    it('a last day on a make-up Sunday stays there', () => {
      const thursday = new Date('2026-09-10T02:00:00Z'); // day 10 is Sunday 2026-09-20, a working day
      expect(china.computePeriod(thursday, { days: 10, unit: 'calendar' }).lastDay).toBe('2026-09-20');
      expect(weekendsOnly.computePeriod(thursday, { days: 10, unit: 'calendar' }).lastDay).toBe('2026-09-21');
    });

    it('holidays inside the period are counted (only the last day moves)', () => {
      const friday = new Date('2026-09-18T02:00:00Z'); // Mid-Autumn (Sep 25–27) falls inside
      expect(china.computePeriod(friday, { days: 15, unit: 'calendar' }).lastDay).toBe('2026-10-08'); // day 15 = Oct 3
      const tuesday = new Date('2026-09-22T02:00:00Z');
      expect(china.computePeriod(tuesday, { days: 7, unit: 'calendar' }).lastDay).toBe('2026-09-29');
    });
  });

  describe('computeDueAt: month and year periods', () => {
    it('the 2-year enforcement window (CPL art. 250) ends on the corresponding date two years on', () => {
      // Last day of the performance period: Wednesday 2026-07-01. Two years on is Saturday
      // 2028-07-01, so the window ends at the end of Monday 2028-07-03.
      const lastPerformanceDay = new Date('2026-07-01T04:00:00Z');
      expect(china.computePeriod(lastPerformanceDay, { years: 2, unit: 'years' })).toEqual({
        lastDay: '2028-07-03',
        dueAt: new Date('2028-07-03T16:00:00.000Z'),
      });
      expect(iso(china.computeDueAt(lastPerformanceDay, { months: 24, unit: 'months' }))).toBe('2028-07-03T16:00:00.000Z');
      // 730 calendar days is not two years: 2028 has a 29 February.
      expect(china.computePeriod(lastPerformanceDay, { days: 730, unit: 'calendar' }).lastDay).toBe('2028-06-30');
    });

    it('a period from 29 February ends on 28 February when the year has no 29th', () => {
      expect(china.computePeriod(new Date('2028-02-29T04:00:00Z'), { years: 2, unit: 'years' }).lastDay).toBe('2030-02-28');
    });

    it('a month from 31 January ends on the last day of February, then moves past the weekend', () => {
      const jan31 = new Date('2026-01-31T04:00:00Z');
      // 2026-02-28 is a Saturday: a rest day normally, a make-up working day in 2026.
      expect(weekendsOnly.computePeriod(jan31, { months: 1, unit: 'months' }).lastDay).toBe('2026-03-02');
      expect(china.computePeriod(jan31, { months: 1, unit: 'months' }).lastDay).toBe('2026-02-28');
    });
  });

  describe('computeDueAt: time zones', () => {
    it('counts from the local date when the UTC date is the day before', () => {
      // Tuesday 00:30 in Shanghai is still Monday 16:30 in UTC.
      const trigger = new Date('2026-03-16T16:30:00Z');
      const result = weekendsOnly.computePeriod(trigger, { days: 3, unit: 'working' });
      expect(result.lastDay).toBe('2026-03-20'); // Wed, Thu, Fri, counted from Tuesday
      expect(iso(result.dueAt)).toBe('2026-03-20T16:00:00.000Z');
    });

    it('an event at 23:30 Shanghai time belongs to that local day', () => {
      const mondayLate = new Date('2026-03-16T15:30:00Z'); // Monday 23:30 Shanghai
      expect(weekendsOnly.computePeriod(mondayLate, { days: 3, unit: 'working' }).lastDay).toBe('2026-03-19');
      expect(weekendsOnly.computePeriod(mondayLate, { days: 1, unit: 'calendar' }).lastDay).toBe('2026-03-17');
    });

    it('ends a period at local midnight across the spring daylight-saving change in Berlin', () => {
      const friday = new Date('2026-03-27T09:00:00Z'); // 10:00 CET
      // Monday is the first working day; it ends at Tuesday 00:00 CEST (UTC+2).
      expect(iso(berlin.computeDueAt(friday, { days: 1, unit: 'working' }))).toBe('2026-03-30T22:00:00.000Z');
      // A day that ends before the change ends at 00:00 CET (UTC+1).
      expect(iso(berlin.computeDueAt(new Date('2026-03-26T09:00:00Z'), { days: 1, unit: 'calendar' }))).toBe('2026-03-27T23:00:00.000Z');
    });

    it('ends a period on the 23-hour day itself at the next local midnight', () => {
      const sundayWorks = new WorkingDayCalendar({ timeZone: 'Europe/Berlin', extraWorkingDays: ['2026-03-29'] });
      // Day 2 from Friday is Sunday 2026-03-29 (made a working day); it ends at Monday 00:00 CEST.
      expect(sundayWorks.computePeriod(new Date('2026-03-27T09:00:00Z'), { days: 2, unit: 'calendar' })).toEqual({
        lastDay: '2026-03-29',
        dueAt: new Date('2026-03-29T22:00:00.000Z'),
      });
    });

    it('ends a period at local midnight across the autumn change in Berlin', () => {
      const friday = new Date('2026-10-23T08:00:00Z'); // 10:00 CEST
      expect(iso(berlin.computeDueAt(friday, { days: 1, unit: 'working' }))).toBe('2026-10-26T23:00:00.000Z');
    });
  });

  describe('computeDueAt: input checks', () => {
    it('refuses empty, negative and fractional periods and invalid dates', () => {
      const t = new Date('2026-03-13T07:00:00Z');
      expect(() => china.computeDueAt(t, { days: 0, unit: 'calendar' })).toThrow(RangeError);
      expect(() => china.computeDueAt(t, { days: -3, unit: 'working' })).toThrow(RangeError);
      expect(() => china.computeDueAt(t, { months: 1.5, unit: 'months' })).toThrow(RangeError);
      expect(() => china.computeDueAt(new Date('nope'), { days: 3, unit: 'working' })).toThrow(RangeError);
    });
  });
});

describe('pausing a period', () => {
  const due = new Date('2026-04-10T16:00:00Z');

  it('moves the due instant by exactly the paused duration', () => {
    const paused = new Date('2026-04-01T02:00:00Z');
    const resumed = new Date('2026-04-04T08:30:00Z'); // 3 days 6.5 hours later
    expect(iso(resumeDueAt(paused, due, resumed))).toBe('2026-04-13T22:30:00.000Z');
  });

  it('leaves the due instant alone when resumed at once', () => {
    const t = new Date('2026-04-01T02:00:00Z');
    expect(iso(resumeDueAt(t, due, t))).toBe(iso(due));
  });

  it('agrees with remainingMs: the time left at the pause is the time left after resuming', () => {
    const paused = new Date('2026-04-05T00:00:00Z');
    const resumed = new Date('2026-04-20T00:00:00Z');
    expect(remainingMs(resumeDueAt(paused, due, resumed), resumed)).toBe(remainingMs(due, paused));
  });

  it('refuses a resume before the pause and a pause after the period ended', () => {
    expect(() => resumeDueAt(new Date('2026-04-02T00:00:00Z'), due, new Date('2026-04-01T00:00:00Z'))).toThrow(/before/);
    expect(() => resumeDueAt(new Date('2026-04-11T00:00:00Z'), due, new Date('2026-04-12T00:00:00Z'))).toThrow(/already ended/);
  });

  it('remainingMs is never negative', () => {
    expect(remainingMs(due, new Date('2026-04-10T15:00:00Z'))).toBe(3_600_000);
    expect(remainingMs(due, new Date('2026-04-11T00:00:00Z'))).toBe(0);
  });
});
