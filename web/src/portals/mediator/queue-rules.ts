import dayjs from 'dayjs';
import type { MediatorProfileRecord, QueueCaseView } from '../../api/generated/types.gen';

/** How soon a case's next deadline falls, in the mediator's own day (its browser's time zone). */
export const URGENCY_GROUPS = ['overdue', 'today', 'week', 'later', 'none'] as const;
export type Urgency = (typeof URGENCY_GROUPS)[number];

/** Overdue (past), due today (before midnight), due this week (within the next 7 days), later, or no deadline. */
export function urgencyOf(nextDeadline: string | null, now: dayjs.Dayjs = dayjs()): Urgency {
  if (!nextDeadline) return 'none';
  const due = dayjs(nextDeadline);
  if (due.isBefore(now)) return 'overdue';
  if (due.isBefore(now.endOf('day'))) return 'today';
  if (due.isBefore(now.add(7, 'day').endOf('day'))) return 'week';
  return 'later';
}

export const QUEUE_SORTS = ['deadline', 'deadline-desc', 'number'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The filters and sort of the active cases, as held in the URL (?status=&type=&q=&sort=). */
export interface QueueSearch {
  status?: string;
  type?: string;
  q?: string;
  sort?: QueueSort;
}

const word = (value: unknown): string | undefined => (typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : undefined);

/** validateSearch of /mediator: unknown or malformed values are dropped, never an error page. */
export function parseQueueSearch(search: Record<string, unknown>): QueueSearch {
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 100) : '';
  return {
    status: word(search.status),
    type: word(search.type),
    q: q || undefined,
    sort: QUEUE_SORTS.find((s) => s !== 'deadline' && s === search.sort),
  };
}

type QueueCase = Pick<QueueCaseView, 'number' | 'title' | 'status' | 'disputeType' | 'nextDeadline'>;

/** The cases the filters keep, sorted; text matches the case number or title, ignoring case. */
export function filterAndSort<C extends QueueCase>(cases: readonly C[], search: QueueSearch): C[] {
  const text = search.q?.toLowerCase();
  const kept = cases.filter(
    (c) =>
      (!search.status || c.status === search.status) &&
      (!search.type || c.disputeType === search.type) &&
      (!text || c.number.toLowerCase().includes(text) || c.title.toLowerCase().includes(text)),
  );
  const at = (c: C) => (c.nextDeadline ? new Date(c.nextDeadline).getTime() : Number.POSITIVE_INFINITY);
  const sort = search.sort ?? 'deadline';
  return kept.sort((a, b) => {
    if (sort === 'number') return a.number.localeCompare(b.number);
    // Cases without a deadline stay last either way: they never press.
    if (sort === 'deadline-desc' && at(a) !== at(b)) return at(a) === Infinity ? 1 : at(b) === Infinity ? -1 : at(b) - at(a);
    return at(a) - at(b) || a.number.localeCompare(b.number);
  });
}

/** Cases by urgency group, each group in the order given. */
export function groupByUrgency<C extends QueueCase>(cases: readonly C[], now: dayjs.Dayjs = dayjs()): Record<Urgency, C[]> {
  const groups = Object.fromEntries(URGENCY_GROUPS.map((g) => [g, [] as C[]])) as Record<Urgency, C[]>;
  for (const c of cases) groups[urgencyOf(c.nextDeadline, now)].push(c);
  return groups;
}

/** Whether the matcher offers this mediator new cases now, and until when it does not. */
export type Availability = { kind: 'available'; leaveFrom?: string; leaveUntil?: string } | { kind: 'away'; until?: string };

/** Mirrors the matcher's reading (src/assignment/matcher.ts onLeave): a leave counts between its start (if any) and its end. */
export function availabilityOf(profile: Pick<MediatorProfileRecord, 'active' | 'onLeaveFrom' | 'onLeaveUntil'>, now: dayjs.Dayjs = dayjs()): Availability {
  if (!profile.active) return { kind: 'away' };
  const until = profile.onLeaveUntil ? dayjs(profile.onLeaveUntil) : null;
  if (!until || !until.isAfter(now)) return { kind: 'available' };
  const from = profile.onLeaveFrom ? dayjs(profile.onLeaveFrom) : null;
  if (from && from.isAfter(now)) return { kind: 'available', leaveFrom: profile.onLeaveFrom!, leaveUntil: profile.onLeaveUntil! };
  return { kind: 'away', until: profile.onLeaveUntil! };
}
