import { retentionEnd } from './archive-writer';
import { CaseOutcome } from '../cases/lifecycle/case-states';
import { DEFAULT_RETENTION_YEARS, parseRetentionByOutcome, RetentionConfigError, retentionFor, retentionPolicy } from './archive-retention';

describe('archive retention', () => {
  it('keeps every outcome 30 years by default (rule G31)', () => {
    const policy = retentionPolicy();
    expect(DEFAULT_RETENTION_YEARS).toBe(30);
    const r = retentionFor(policy, CaseOutcome.Withdrawn, new Date('2026-11-03T09:00:00Z'), 'Asia/Shanghai');
    expect(r).toEqual({
      years: 30,
      basis: 'default',
      outcome: 'withdrawn',
      from: '2026-11-03',
      until: '2056-11-03',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('uses the outcome’s own period when one is configured', () => {
    const policy = retentionPolicy(30, 'withdrawn:10, fulfilled:50');
    expect(retentionFor(policy, 'withdrawn', new Date('2026-01-15T00:00:00Z'), 'UTC')).toMatchObject({ years: 10, basis: 'outcome', until: '2036-01-15' });
    expect(retentionFor(policy, 'fulfilled', new Date('2026-01-15T00:00:00Z'), 'UTC')).toMatchObject({ years: 50, until: '2076-01-15' });
    expect(retentionFor(policy, 'defaulted', new Date('2026-01-15T00:00:00Z'), 'UTC')).toMatchObject({ years: 30, basis: 'default' });
  });

  it('counts from the local date of closing, not the UTC date', () => {
    // 2026-12-31 17:30 UTC is already 1 January 2027 in Shanghai.
    const r = retentionFor(retentionPolicy(5), 'withdrawn', new Date('2026-12-31T17:30:00Z'), 'Asia/Shanghai');
    expect(r.from).toBe('2027-01-01');
    expect(r.until).toBe('2032-01-01');
  });

  it('ends a period that starts on 29 February on 28 February of a common year', () => {
    const r = retentionFor(retentionPolicy(30), 'withdrawn', new Date('2028-02-29T04:00:00Z'), 'Asia/Shanghai');
    expect(r.until).toBe('2058-02-28');
  });

  it('refuses unknown outcomes, duplicates, bad pairs and out-of-range years', () => {
    expect(parseRetentionByOutcome('  ')).toEqual({});
    expect(() => parseRetentionByOutcome('withdrawn:10,withdrawn:20')).toThrow(/twice/);
    expect(() => parseRetentionByOutcome('withdrawed:10')).toThrow(/not an outcome/);
    expect(() => parseRetentionByOutcome('withdrawn=10')).toThrow(RetentionConfigError);
    expect(() => parseRetentionByOutcome('withdrawn:0')).toThrow(/from 1 to 1000/);
    expect(() => retentionPolicy(0)).toThrow(/ARCHIVE_RETENTION_YEARS/);
    expect(() => retentionFor(retentionPolicy(), 'withdrawn', new Date('x'), 'UTC')).toThrow(RangeError);
  });
});

describe('retentionEnd', () => {
  it('is midnight after the last local day of the period, in the platform zone', () => {
    const end = retentionEnd({ years: 30, basis: 'default', outcome: 'fulfilled', from: '2026-11-24', until: '2056-11-24', timeZone: 'Asia/Shanghai' });
    expect(end.toISOString()).toBe('2056-11-24T16:00:00.000Z');
  });
});
