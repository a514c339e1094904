import { reminderAt } from './reminder-time';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

describe('reminderAt', () => {
  const calendar = new WorkingDayCalendar({ timeZone: 'Asia/Shanghai', holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], extraWorkingDays: [] });
  // A period whose last day is Monday 30 November 2026 ends at 00:00 on 1 December in Shanghai.
  const dueMonday = new Date('2026-11-30T16:00:00.000Z');

  it('reminds at 09:00 local time one working day before the last day (Friday for a Monday)', () => {
    expect(reminderAt(calendar, dueMonday, 1)?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
  });

  it('counts working days only, skipping holidays', () => {
    // Last day Thursday 8 October: the working day before it is 30 September, across the National Day holidays.
    expect(reminderAt(calendar, new Date('2026-10-08T16:00:00.000Z'), 1)?.toISOString()).toBe('2026-09-30T01:00:00.000Z');
    expect(reminderAt(calendar, new Date('2026-10-08T16:00:00.000Z'), 2)?.toISOString()).toBe('2026-09-29T01:00:00.000Z');
  });

  it('is off with 0', () => {
    expect(reminderAt(calendar, dueMonday, 0)).toBeUndefined();
  });
});
