import { DateTime } from 'luxon';
import { CaseOutcome } from '../cases/lifecycle/case-states';

/**
 * How long an archive is kept, by the case's outcome. docs/procedural-rules.md G31 names 30 years for
 * mediated, withdrawn and terminated court files (a secondary source, unconfirmed), so 30 is
 * the default for every outcome and each outcome can be set apart by configuration.
 */
export const DEFAULT_RETENTION_YEARS = 30;
/** Upper bound of a configured period; "permanent" in archive practice is beyond any of ours. */
export const MAX_RETENTION_YEARS = 1000;

export interface RetentionPolicy {
  defaultYears: number;
  /** Years per outcome; outcomes not listed use defaultYears. */
  byOutcome: Readonly<Partial<Record<CaseOutcome, number>>>;
}

/** The retention stored on an archive (manifest `retention`). */
export interface ArchiveRetention {
  years: number;
  /** Where the figure came from: the outcome's own setting or the default. */
  basis: 'outcome' | 'default';
  outcome: string;
  /** Local date (platform zone) the period runs from: the day the case closed. */
  from: string;
  /**
   * Last local date of the period: the archive may not be deleted before this day has ended.
   * A closing on 29 February runs to 28 February of a non-leap year (Civil Code art. 202).
   */
  until: string;
  timeZone: string;
}

export class RetentionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetentionConfigError';
  }
}

const OUTCOMES = new Set<string>(Object.values(CaseOutcome));

function checkYears(years: number, what: string): void {
  if (!Number.isSafeInteger(years) || years < 1 || years > MAX_RETENTION_YEARS) {
    throw new RetentionConfigError(`${what} must be a whole number of years from 1 to ${MAX_RETENTION_YEARS}, got ${years}`);
  }
}

/**
 * Reads ARCHIVE_RETENTION_BY_OUTCOME: `outcome:years` pairs separated by commas, e.g.
 * `withdrawn:10, fulfilled:30`. Blank means no overrides. Unknown outcomes are refused rather
 * than ignored: a typo would otherwise silently fall back to the default.
 */
export function parseRetentionByOutcome(text: string): Partial<Record<CaseOutcome, number>> {
  const result: Partial<Record<CaseOutcome, number>> = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const match = /^([a-z_]+)\s*:\s*(\d+)$/.exec(item);
    if (!match) throw new RetentionConfigError(`"${item}" is not outcome:years`);
    const [, outcome, yearsText] = match;
    if (!OUTCOMES.has(outcome)) {
      throw new RetentionConfigError(`"${outcome}" is not an outcome (one of ${[...OUTCOMES].join(', ')})`);
    }
    if (outcome in result) throw new RetentionConfigError(`"${outcome}" is listed twice`);
    const years = Number(yearsText);
    checkYears(years, outcome);
    result[outcome as CaseOutcome] = years;
  }
  return result;
}

/** The policy from the two configuration variables. */
export function retentionPolicy(defaultYears: number = DEFAULT_RETENTION_YEARS, byOutcome = ''): RetentionPolicy {
  checkYears(defaultYears, 'ARCHIVE_RETENTION_YEARS');
  return { defaultYears, byOutcome: parseRetentionByOutcome(byOutcome) };
}

/**
 * The retention of one archive. The period is counted in whole years from the local date the
 * case closed (the zone decides the date, as for statutory periods), not from archiving, so a
 * retried or delayed archive job cannot shorten or lengthen it.
 */
export function retentionFor(policy: RetentionPolicy, outcome: string, closedAt: Date, timeZone: string): ArchiveRetention {
  if (!(closedAt instanceof Date) || Number.isNaN(closedAt.getTime())) throw new RangeError('closedAt must be a valid Date');
  const closed = DateTime.fromJSDate(closedAt, { zone: timeZone });
  if (!closed.isValid) throw new RangeError(`unknown time zone "${timeZone}"`);
  const own = OUTCOMES.has(outcome) ? policy.byOutcome[outcome as CaseOutcome] : undefined;
  const years = own ?? policy.defaultYears;
  checkYears(years, `retention for ${outcome}`);
  const start = closed.startOf('day');
  return {
    years,
    basis: own === undefined ? 'default' : 'outcome',
    outcome,
    from: start.toISODate() as string,
    // luxon clamps 29 Feb + n years to 28 Feb when the target year has none.
    until: start.plus({ years }).toISODate() as string,
    timeZone,
  };
}
