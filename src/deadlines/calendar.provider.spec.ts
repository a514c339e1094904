import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import type { AppConfig } from '../config/config.module';
import { validateEnvironment } from '../config/environment';
import { workingDayCalendarFromConfig, workingDayCalendarProvider } from './calendar.provider';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';

const configFrom = (raw: Record<string, string>): AppConfig => new ConfigService({ ...validateEnvironment(raw) }) as AppConfig;

describe('workingDayCalendarProvider', () => {
  it('builds the calendar from the validated environment', () => {
    const calendar = workingDayCalendarFromConfig(configFrom({ PLATFORM_TIMEZONE: 'Europe/Berlin', PUBLIC_HOLIDAYS: '2026-10-01', EXTRA_WORKING_DAYS: '2026-10-10' }));
    expect(calendar.timeZone).toBe('Europe/Berlin');
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    // Berlin midnight (Wednesday 00:00 CEST), not Shanghai midnight (16:00 UTC).
    expect(calendar.computeDueAt(new Date('2026-09-28T10:00:00Z'), { days: 1, unit: 'calendar' }).toISOString()).toBe('2026-09-29T22:00:00.000Z');
  });

  it('is injectable by the WorkingDayCalendar class', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [{ provide: ConfigService, useValue: configFrom({ PUBLIC_HOLIDAYS: '2026-10-01' }) }, workingDayCalendarProvider],
    }).compile();
    const calendar = moduleRef.get(WorkingDayCalendar);
    expect(calendar).toBeInstanceOf(WorkingDayCalendar);
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
  });
});
