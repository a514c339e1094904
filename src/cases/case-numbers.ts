import type { EntityManager } from 'typeorm';
import { dateTimeFormat } from '../common/date-time-format';

/**
 * ACC-2026-000123: per-year sequence from a counter row. The upsert takes a row lock, so
 * concurrent creations get distinct numbers; the number is part of the creating transaction.
 */
export async function nextCaseNumber(tx: EntityManager, at: Date, timeZone: string): Promise<string> {
  const year = Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
  const [row] = (await tx.query(
    `INSERT INTO case_number_counters (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = case_number_counters.last + 1
     RETURNING last`,
    [year],
  )) as { last: number }[];
  return formatCaseNumber(year, row.last);
}

export const formatCaseNumber = (year: number, n: number): string => `ACC-${year}-${String(n).padStart(6, '0')}`;
