import { isIsoDate } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2026-01-31', '2026-02-28T10:00', '2026-02-28T10:00:00Z', '2026-12-31T23:59:59.123456Z', '2026-03-01T09:30:00+08:00', '2024-02-29'])('accepts %s', (value) =>
    expect(isIsoDate(value)).toBe(true),
  );

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-01-01T24:30:00Z', '0000-01-01', '2026-W05', '2026-032', '20260101', '2026-01-01 10:00', 'tomorrow', ''])(
    'refuses %s',
    (value) => expect(isIsoDate(value)).toBe(false),
  );

  it('refuses what is not a string', () => {
    expect(isIsoDate(20260101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
