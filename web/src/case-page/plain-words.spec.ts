import dayjs from 'dayjs';
import { daysLeft } from './plain-words';

describe('daysLeft', () => {
  const now = dayjs('2026-03-01T09:00:00Z');
  it('counts a deadline later today as one day left', () => expect(daysLeft('2026-03-01T18:00:00Z', now)).toBe(1));
  it('counts whole days up', () => expect(daysLeft('2026-03-04T10:00:00Z', now)).toBe(4));
  it('is negative once past', () => expect(daysLeft('2026-02-27T09:00:00Z', now)).toBeLessThan(0));
});
