import type { Claim } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { IpRightKind } from '../cases/entities/ip-right.entity';
import { ReferralType } from '../cases/lifecycle/case-states';
import { DEFAULT_TRIAGE_RULES, triage, type TriageFacts, type TriageRules } from './triage';

const party = (side: PartySide, name: string) => ({ side, kind: 'organisation' as const, name });
const TWO_PARTIES = [party(PartySide.Applicant, 'A'), party(PartySide.Respondent, 'B')];
const money = (amount: string, currency = 'CNY'): Claim => ({ kind: 'monetary', amount, currency });
const rights = (...kinds: IpRightKind[]) => kinds.map((kind) => ({ kind }));

const facts = (over: Partial<TriageFacts> = {}): TriageFacts => ({
  claims: [money('50000.00')],
  ipRights: rights(IpRightKind.Trademark),
  parties: TWO_PARTIES,
  foreignElement: false,
  referralType: null,
  ...over,
});

describe('triage', () => {
  it('sends a small domestic trademark dispute between two parties to the fast track', () => {
    const result = triage(facts());
    expect(result).toMatchObject({ track: 'fast', score: 1 });
    expect(result.reasons).toEqual([
      'Monetary claims total 50,000 CNY, at most 100,000: fast-eligible (+0)',
      '1 trademark right (+1)',
      'Track fast: fast-eligible and score 1 ≤ 2',
    ]);
  });

  it('keeps a claim of exactly the fast limit fast, and a non-monetary takedown too', () => {
    expect(triage(facts({ claims: [money('100000.00')] })).track).toBe('fast');
    expect(triage(facts({ claims: [{ kind: 'stop_infringement' }, { kind: 'delist' }] })).track).toBe('fast');
  });

  it('puts an invention patent on the standard track even when the claim is small', () => {
    const result = triage(facts({ ipRights: rights(IpRightKind.Patent) }));
    expect(result).toMatchObject({ track: 'standard', score: 3 });
    expect(result.reasons).toContain('1 patent right (+3); not fast-eligible');
    expect(result.reasons.at(-1)).toBe('Track standard: not fast-eligible (patent right)');
  });

  it('weighs trade secrets like patents and heavier than copyright', () => {
    const secret = triage(facts({ ipRights: rights(IpRightKind.TradeSecret) }));
    const copyright = triage(facts({ ipRights: rights(IpRightKind.Copyright) }));
    expect(secret.track).toBe('standard');
    expect(copyright.track).toBe('fast');
    expect(secret.score).toBeGreaterThan(copyright.score);
  });

  it('takes a claim above the fast limit to the standard track', () => {
    const result = triage(facts({ claims: [money('300000'), money('200000.50')] }));
    expect(result).toMatchObject({ track: 'standard', score: 3 });
    expect(result.reasons[0]).toBe('Monetary claims total 500,000.5 CNY, above the fast limit of 100,000 (+2)');
  });

  it('makes a claim of 5,000,000 CNY or more complex whatever else it is', () => {
    const result = triage(facts({ claims: [money('5000000.00')] }));
    expect(result.track).toBe('complex');
    expect(result.reasons.at(-1)).toBe('Track complex: claims reach 5,000,000 CNY');
  });

  it('makes a heavy case complex by its score: two patents and a trade secret worth 3,000,000', () => {
    const result = triage(facts({ claims: [money('3000000')], ipRights: rights(IpRightKind.Patent, IpRightKind.Patent, IpRightKind.TradeSecret) }));
    expect(result).toMatchObject({ track: 'complex', score: 2 + 6 + 3 });
    expect(result.reasons).toContain('2 patent rights (+6); not fast-eligible');
    expect(result.reasons.at(-1)).toBe('Track complex: score 11 ≥ 7');
  });

  it('keeps a foreign-element case off the fast track and adds weight', () => {
    const result = triage(facts({ ipRights: rights(IpRightKind.Copyright), foreignElement: true }));
    expect(result).toMatchObject({ track: 'standard', score: 3 });
    expect(result.reasons).toContain('Foreign element (+2); not fast-eligible');
  });

  it('counts parties beyond two and keeps multi-party cases off the fast track', () => {
    const parties = [...TWO_PARTIES, party(PartySide.Respondent, 'C'), party(PartySide.Respondent, 'D')];
    const result = triage(facts({ parties }));
    expect(result).toMatchObject({ track: 'standard', score: 3 });
    expect(result.reasons).toContain('4 parties: 2 beyond two (+2)');
  });

  it('leans fast for a simplified-procedure referral and heavier for ordinary procedure', () => {
    const twoMarks = facts({ ipRights: rights(IpRightKind.Trademark, IpRightKind.Trademark, IpRightKind.Design) });
    expect(triage(twoMarks)).toMatchObject({ track: 'standard', score: 3 });
    const simplified = triage({ ...twoMarks, referralType: ReferralType.PostFilingSimplified });
    expect(simplified).toMatchObject({ track: 'fast', score: 2 });
    expect(simplified.reasons).toContain('Court referral, post filing simplified (−1)');
    expect(triage({ ...twoMarks, referralType: ReferralType.PostFilingOrdinary }).score).toBe(4);
    expect(triage({ ...twoMarks, referralType: ReferralType.PreFiling }).score).toBe(3);
  });

  it('never scores below zero', () => {
    expect(triage(facts({ ipRights: [], claims: [], referralType: ReferralType.PostFilingSimplified })).score).toBe(0);
  });

  it('does not fast-track a claim it cannot value, and converts one with a configured rate', () => {
    const usd = facts({ claims: [money('10000', 'USD')] });
    const unvalued = triage(usd);
    expect(unvalued.track).toBe('standard');
    expect(unvalued.reasons[0]).toBe('Amount unknown: a claim in USD (no exchange rate configured) (+2); not fast-eligible');
    const rules: TriageRules = { ...DEFAULT_TRIAGE_RULES, exchangeRates: { CNY: 1, USD: 7.1 } };
    const valued = triage(usd, rules);
    expect(valued.track).toBe('fast');
    expect(valued.reasons[0]).toBe('Monetary claims total 71,000 CNY, at most 100,000: fast-eligible (+0)');
    expect(triage(facts({ claims: [{ kind: 'monetary' }] })).track).toBe('standard');
  });

  it('reads its thresholds from the rules it is given', () => {
    const claim = facts({ claims: [money('150000')] });
    expect(triage(claim).track).toBe('standard');
    expect(triage(claim, { ...DEFAULT_TRIAGE_RULES, fastMaxAmount: 200_000 }).track).toBe('fast');
    expect(triage(claim, { ...DEFAULT_TRIAGE_RULES, complexMinAmount: 150_000 }).track).toBe('complex');
    const foreignOk = { ...DEFAULT_TRIAGE_RULES, fast: { ...DEFAULT_TRIAGE_RULES.fast, allowForeignElement: true } };
    expect(triage(facts({ foreignElement: true }), foreignOk)).toMatchObject({ track: 'standard', score: 3 });
    expect(triage(facts({ foreignElement: true, ipRights: [] }), foreignOk)).toMatchObject({ track: 'fast', score: 2 });
  });

  it('refuses rules whose tracks overlap', () => {
    expect(() => triage(facts(), { ...DEFAULT_TRIAGE_RULES, complexMinAmount: 50_000 })).toThrow(RangeError);
    expect(() => triage(facts(), { ...DEFAULT_TRIAGE_RULES, complex: { minScore: 2 } })).toThrow(RangeError);
    expect(() => triage(facts(), { ...DEFAULT_TRIAGE_RULES, exchangeRates: {} })).toThrow(RangeError);
  });

  it('keeps its defaults frozen so configuration cannot change them by accident', () => {
    expect(Object.isFrozen(DEFAULT_TRIAGE_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_TRIAGE_RULES.points.ipRight)).toBe(true);
  });
});
