/**
 * The dashboard's rates, defined once: the API returns them, the OpenAPI descriptions quote
 * RATE_DEFINITIONS, and docs/statistics.md says the same in words. A rate with nothing to
 * divide by is null (shown as "—"), never 0, so an empty period does not read as a failure.
 */

/** Rates are rounded to 3 decimals (0.987 = 98.7 %), half away from zero. */
export function roundRate(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A ratio rounded to 3 decimals; null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`a rate needs counts, got ${numerator} ÷ ${denominator}`);
  }
  return denominator === 0 ? null : roundRate(numerator / denominator);
}

/** Success rate = settled ÷ received, both counted in the period (how the seed platform counts its first year). */
export const successRate = (settled: number, received: number): number | null => rate(settled, received);

/** Voluntary-performance rate = performed ÷ (performed + defaulted): settlements honoured without enforcement. */
export const voluntaryPerformanceRate = (performed: number, defaulted: number): number | null => rate(performed, performed + defaulted);

export const RATE_DEFINITIONS = {
  successRate:
    'Success rate = settled ÷ received: cases whose settlement agreement took effect in the period, divided by cases received (submitted or referred) in the period; rounded to 3 decimals; null when nothing was received.',
  voluntaryPerformanceRate:
    'Voluntary-performance rate = performed ÷ (performed + defaulted): cases closed in the period as performed, divided by those closed as performed or defaulted; rounded to 3 decimals; null when none closed either way.',
} as const;
