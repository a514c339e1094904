import { dateTimeFormat } from '../common/date-time-format';

/** The year a case number counts in: the platform's calendar year, not UTC's. */
export function caseNumberYear(at: Date, timeZone: string): number {
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}

/**
 * ACC-2026-000123: a per-year sequence from a counter row. A common table expression `taken`
 * with one column, `number`, for the year in `yearParam`. The upsert locks the year's row until
 * commit, so concurrent creations get distinct, consecutive numbers; a creation that rolls back
 * gives its number back. The sequence has six digits at least and is
 * never cut.
 */
export const takeCaseNumberCte = (yearParam: string): string =>
  `taken AS (
     INSERT INTO case_number_counters (year, last) VALUES (${yearParam}, 1)
     ON CONFLICT (year) DO UPDATE SET last = case_number_counters.last + 1
     RETURNING 'ACC-' || year || '-' || lpad(last::text, greatest(6, length(last::text)), '0') AS number)`;
