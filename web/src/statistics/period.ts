import dayjs, { type Dayjs } from 'dayjs';

/** The period in the URL: ?from=2026-01-01&to=2026-12-31, both days included, in the viewer's time zone. */
export interface PeriodSearch {
  from?: string;
  to?: string;
  /** An administrator's choice of one court (its id). */
  court?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const day = (value: unknown): string | undefined => (typeof value === 'string' && DAY.test(value) && dayjs(value, 'YYYY-MM-DD').format('YYYY-MM-DD') === value ? value : undefined);

/** Keeps what the URL says only when it is a real day (and a from before its to), a court only when it is an id. */
export function validatePeriodSearch(search: Record<string, unknown>): PeriodSearch {
  let from = day(search.from);
  let to = day(search.to);
  if (from && to && from > to) [from, to] = [undefined, undefined];
  const court = typeof search.court === 'string' && UUID.test(search.court) ? search.court : undefined;
  return { from, to, court };
}

/** The days shown: the URL's, or the last twelve months up to today. */
export function periodDays(search: PeriodSearch, today: Dayjs = dayjs()): [Dayjs, Dayjs] {
  const to = search.to ? dayjs(search.to) : today.startOf('day');
  const from = search.from ? dayjs(search.from) : to.subtract(1, 'year').add(1, 'day');
  return from.isAfter(to) ? [to, to] : [from, to];
}

/** The API's half-open period: from the first day's start to the day after the last (`to` is exclusive). */
export function apiPeriod([from, to]: [Dayjs, Dayjs]): { from: string; to: string } {
  return { from: from.startOf('day').toISOString(), to: to.add(1, 'day').startOf('day').toISOString() };
}

export const urlDay = (d: Dayjs): string => d.format('YYYY-MM-DD');
