import { DateTime } from 'luxon';
import type { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

/** Local hour reminders go out at: a message at midnight helps nobody. */
export const REMINDER_LOCAL_HOUR = 9;

/**
 * When to remind people of a deadline: at 09:00 local time, `workingDaysBefore` working days
 * before the period's last day (the day before `dueAt`, which is the next day's midnight).
 * Undefined when reminders are off. Pure.
 */
export function reminderAt(calendar: WorkingDayCalendar, dueAt: Date, workingDaysBefore: number): Date | undefined {
  if (workingDaysBefore <= 0) return undefined;
  const lastDay = DateTime.fromJSDate(new Date(dueAt.getTime() - 1), { zone: calendar.timeZone }).startOf('day');
  const day = calendar.addWorkingDays(lastDay.toJSDate(), -workingDaysBefore);
  return DateTime.fromJSDate(day, { zone: calendar.timeZone }).set({ hour: REMINDER_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
