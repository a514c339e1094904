import dayjs from 'dayjs';
import { apiPeriod, periodDays, validatePeriodSearch } from './period';

describe('the statistics period in the URL', () => {
  it('keeps real days and a court id, and drops anything else', () => {
    expect(validatePeriodSearch({ from: '2026-01-01', to: '2026-06-30', court: '0b6c3b5e-8e4f-4c55-9a39-7d1f0c1e2a3b' })).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      court: '0b6c3b5e-8e4f-4c55-9a39-7d1f0c1e2a3b',
    });
    expect(validatePeriodSearch({ from: '2026-02-30', to: 'yesterday', court: 'x' })).toEqual({ from: undefined, to: undefined, court: undefined });
    // A from after its to is not a period.
    expect(validatePeriodSearch({ from: '2026-07-01', to: '2026-06-30' })).toEqual({ from: undefined, to: undefined, court: undefined });
  });

  it('defaults to the twelve months up to today', () => {
    const [from, to] = periodDays({}, dayjs('2026-12-06T15:00:00'));
    expect([from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')]).toEqual(['2025-12-07', '2026-12-06']);
  });

  it('asks the API for whole days: to is the start of the day after the last', () => {
    const period = apiPeriod(periodDays({ from: '2026-03-01', to: '2026-03-31' }));
    expect(new Date(period.to).getTime() - new Date(period.from).getTime()).toBe(31 * 86_400_000);
    expect(dayjs(period.from).format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 00:00');
    expect(dayjs(period.to).format('YYYY-MM-DD HH:mm')).toBe('2026-04-01 00:00');
  });
});
