import { chineseNumeralDate, closingDate, formatDate, formatDateTime, zoneName } from './legal-dates';

const ZONE = 'Asia/Shanghai';

describe('legal dates', () => {
  it('writes a closing date in Chinese numerals, in the platform zone', () => {
    expect(chineseNumeralDate('2026-12-06', ZONE)).toBe('二〇二六年十二月六日');
    expect(chineseNumeralDate('2030-01-10', ZONE)).toBe('二〇三〇年一月十日');
    expect(chineseNumeralDate('2026-11-21', ZONE)).toBe('二〇二六年十一月二十一日');
    expect(chineseNumeralDate('2026-10-30', ZONE)).toBe('二〇二六年十月三十日');
    expect(chineseNumeralDate('2026-03-31', ZONE)).toBe('二〇二六年三月三十一日');
    // 16:00 UTC is already the next day in Beijing.
    expect(chineseNumeralDate(new Date('2026-12-05T16:00:00Z'), ZONE)).toBe('二〇二六年十二月六日');
  });

  it('writes dates and times in each language’s style, naming the zone', () => {
    const at = new Date('2026-12-06T15:30:05Z');
    expect(formatDate(at, 'zh-CN', ZONE)).toBe('2026年12月6日');
    expect(formatDate('2026-12-06', 'en', ZONE)).toBe('6 December 2026');
    expect(formatDateTime(at, 'zh-CN', ZONE)).toBe('2026年12月6日 23:30（北京时间）');
    expect(formatDateTime(at, 'en', ZONE)).toBe('6 December 2026, 23:30 (Beijing time)');
    expect(formatDateTime(at, 'en', ZONE, { seconds: true })).toBe('6 December 2026, 23:30:05 (Beijing time)');
    expect(closingDate(at, 'en', ZONE)).toBe('6 December 2026');
    expect(closingDate(at, 'zh-CN', ZONE)).toBe('二〇二六年十二月六日');
  });

  it('names another zone by its offset', () => {
    expect(zoneName('Europe/Berlin', 'en', new Date('2026-12-06T00:00:00Z'))).toBe('UTC+01:00');
    expect(formatDateTime(new Date('2026-12-06T15:30:00Z'), 'zh-CN', 'Europe/Berlin')).toBe('2026年12月6日 16:30（UTC+01:00）');
  });

  it('refuses an invalid date rather than print "Invalid DateTime"', () => {
    expect(() => formatDate('2026-13-01', 'zh-CN', ZONE)).toThrow(RangeError);
  });
});
