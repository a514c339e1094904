import { dateTimeFormat } from './date-time-format';

describe('dateTimeFormat', () => {
  const newYearInShanghai = new Date('2025-12-31T16:30:00Z');

  it('formats as a new Intl.DateTimeFormat would', () => {
    for (const timeZone of ['Asia/Shanghai', 'UTC', 'America/New_York']) {
      const options: Intl.DateTimeFormatOptions = { timeZone, year: 'numeric' };
      expect(dateTimeFormat('en', options).format(newYearInShanghai)).toBe(new Intl.DateTimeFormat('en', options).format(newYearInShanghai));
    }
    expect(dateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(newYearInShanghai)).toBe('2026');
    expect(dateTimeFormat('en', { timeZone: 'UTC', year: 'numeric' }).format(newYearInShanghai)).toBe('2025');
  });

  it('makes one formatter per locale and options, and keeps it', () => {
    const a = dateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' });
    expect(dateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' })).toBe(a);
    expect(dateTimeFormat('en', { timeZone: 'UTC', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: '2-digit' })).not.toBe(a);
  });
});
