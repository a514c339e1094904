import type { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/config.module';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

/** The platform's working-day calendar, built from the validated PLATFORM_TIMEZONE and holiday lists. */
export function workingDayCalendarFromConfig(config: AppConfig): WorkingDayCalendar {
  return new WorkingDayCalendar({
    timeZone: config.get('PLATFORM_TIMEZONE', { infer: true }),
    holidays: config.get('PUBLIC_HOLIDAYS', { infer: true }),
    extraWorkingDays: config.get('EXTRA_WORKING_DAYS', { infer: true }),
  });
}

/**
 * Provides `WorkingDayCalendar` by its class, so services inject it as
 * `constructor(private readonly calendar: WorkingDayCalendar)`. One instance per process: the
 * holiday schedule changes only with the configuration, i.e. on restart.
 */
export const workingDayCalendarProvider: FactoryProvider<WorkingDayCalendar> = {
  provide: WorkingDayCalendar,
  inject: [ConfigService],
  useFactory: workingDayCalendarFromConfig,
};
