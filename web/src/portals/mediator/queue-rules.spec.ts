import dayjs from 'dayjs';
import { availabilityOf, filterAndSort, groupByUrgency, parseQueueSearch, urgencyOf } from './queue-rules';

const now = dayjs('2026-03-02T09:00:00'); // a Monday morning, local time

describe('urgencyOf', () => {
  it('sorts a deadline into overdue, today, this week, later or none', () => {
    expect(urgencyOf('2026-03-02T08:59:00', now)).toBe('overdue');
    expect(urgencyOf('2026-03-02T23:00:00', now)).toBe('today');
    expect(urgencyOf('2026-03-03T00:30:00', now)).toBe('week');
    expect(urgencyOf('2026-03-09T22:00:00', now)).toBe('week');
    expect(urgencyOf('2026-03-10T00:30:00', now)).toBe('later');
    expect(urgencyOf(null, now)).toBe('none');
  });
});

const c = (number: string, nextDeadline: string | null, over: Partial<{ title: string; status: string; disputeType: string }> = {}) => ({
  number,
  nextDeadline,
  title: `Case ${number}`,
  status: 'mediating',
  disputeType: 'patent',
  ...over,
});

describe('filterAndSort and groupByUrgency', () => {
  const cases = [
    c('A-3', '2026-03-20T10:00:00'),
    c('A-1', null, { status: 'awaiting_respondent' }),
    c('A-2', '2026-03-01T10:00:00', { disputeType: 'trademark', title: 'Bicycle bells' }),
    c('A-4', '2026-03-02T18:00:00'),
  ];

  it('sorts by the next deadline, soonest first, cases without one last', () => {
    expect(filterAndSort(cases, {}).map((x) => x.number)).toEqual(['A-2', 'A-4', 'A-3', 'A-1']);
    expect(filterAndSort(cases, { sort: 'deadline-desc' }).map((x) => x.number)).toEqual(['A-3', 'A-4', 'A-2', 'A-1']);
    expect(filterAndSort(cases, { sort: 'number' }).map((x) => x.number)).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  it('filters by status, dispute type and text in the number or title', () => {
    expect(filterAndSort(cases, { status: 'awaiting_respondent' }).map((x) => x.number)).toEqual(['A-1']);
    expect(filterAndSort(cases, { type: 'trademark' }).map((x) => x.number)).toEqual(['A-2']);
    expect(filterAndSort(cases, { q: 'BELLS' }).map((x) => x.number)).toEqual(['A-2']);
    expect(filterAndSort(cases, { q: 'a-4' }).map((x) => x.number)).toEqual(['A-4']);
  });

  it('groups by urgency, keeping the order', () => {
    const groups = groupByUrgency(filterAndSort(cases, {}), now);
    expect(Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.map((x) => x.number)]))).toEqual({
      overdue: ['A-2'],
      today: ['A-4'],
      week: [],
      later: ['A-3'],
      none: ['A-1'],
    });
  });
});

describe('parseQueueSearch', () => {
  it('keeps well-formed values and drops the rest (and the default sort)', () => {
    expect(parseQueueSearch({ status: 'mediating', type: 'patent', q: '  bells ', sort: 'number' })).toEqual({ status: 'mediating', type: 'patent', q: 'bells', sort: 'number' });
    expect(parseQueueSearch({ status: 'DROP TABLE', type: 3, q: '   ', sort: 'deadline' })).toEqual({ status: undefined, type: undefined, q: undefined, sort: undefined });
  });
});

describe('availabilityOf', () => {
  it('reads the profile as the matcher does', () => {
    expect(availabilityOf({ active: true, onLeaveFrom: null, onLeaveUntil: null }, now)).toEqual({ kind: 'available' });
    expect(availabilityOf({ active: false, onLeaveFrom: null, onLeaveUntil: null }, now)).toEqual({ kind: 'away' });
    expect(availabilityOf({ active: true, onLeaveFrom: null, onLeaveUntil: '2026-03-10T00:00:00' }, now)).toEqual({ kind: 'away', until: '2026-03-10T00:00:00' });
    expect(availabilityOf({ active: true, onLeaveFrom: null, onLeaveUntil: '2026-03-01T00:00:00' }, now)).toEqual({ kind: 'available' });
    expect(availabilityOf({ active: true, onLeaveFrom: '2026-03-05T00:00:00', onLeaveUntil: '2026-03-10T00:00:00' }, now)).toEqual({
      kind: 'available',
      leaveFrom: '2026-03-05T00:00:00',
      leaveUntil: '2026-03-10T00:00:00',
    });
  });
});
