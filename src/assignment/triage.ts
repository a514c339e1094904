import { IpRightKind } from '../cases/entities/ip-right.entity';
import { ReferralType } from '../cases/lifecycle/case-states';
import type { CaseFacts } from './case-facts';

/**
 * Triage: how heavy is a case? The platform's promise is a fast channel for simple disputes
 * (the Hangzhou platform reports handling times shortened by more than 20 %), so simple cases
 * should reach any qualified mediator quickly while heavy ones wait for a senior mediator. The
 * track decides who is eligible (MatchRules.minSeniority). Every threshold lives in TriageRules,
 * so administrators tune it as configuration; the defaults below are a starting point.
 */

export type Track = 'fast' | 'standard' | 'complex';
export const TRACKS: readonly Track[] = ['fast', 'standard', 'complex'];

/** What triage reads from a case. */
export type TriageFacts = Pick<CaseFacts, 'claims' | 'ipRights' | 'parties' | 'foreignElement' | 'referralType'>;

export interface TriageResult {
  track: Track;
  /** Sum of the points below, never negative: higher is heavier. */
  score: number;
  /** One line per contribution and one for the decision, for the explanation stored with it. */
  reasons: string[];
}

export interface TriageRules {
  /** The currency thresholds are expressed in. */
  currency: string;
  /**
   * Units of `currency` per unit of each claim currency. Rates change, so only the base
   * currency has a default; a claim in a currency without a rate cannot be valued and the case
   * is not fast-eligible.
   */
  exchangeRates: Readonly<Record<string, number>>;
  /** Monetary claims totalling at most this are fast-eligible (default 100,000 CNY). */
  fastMaxAmount: number;
  /** Monetary claims totalling at least this make the case complex (default 5,000,000 CNY). */
  complexMinAmount: number;
  points: {
    /** Claims above the fast limit and below the complex one. */
    amountStandard: number;
    /** Claims at or above the complex limit. */
    amountComplex: number;
    /** A monetary claim that cannot be valued (no amount, unknown currency). */
    amountUnknown: number;
    /**
     * Per right, by kind: patents and trade secrets need technical facts, validity or secrecy
     * to be argued, so they weigh more than a trademark or a copyright.
     */
    ipRight: Readonly<Record<IpRightKind, number>>;
    /** For each party beyond one applicant and one respondent. */
    extraParty: number;
    foreignElement: number;
    /**
     * By referral type: a court that chose simplified procedure already judged the case
     * simple, and its mediation period is only 7 days (docs/procedural-rules.md B7), so it leans fast;
     * ordinary procedure leans heavier.
     */
    referral: Readonly<Record<ReferralType, number>>;
  };
  fast: {
    /** Highest score the fast track takes. */
    maxScore: number;
    maxParties: number;
    /** Kinds of right that never go to the fast track. */
    excludedRightKinds: readonly IpRightKind[];
    allowForeignElement: boolean;
  };
  complex: {
    /** Lowest score that makes a case complex even below the complex amount. */
    minScore: number;
  };
}

export const DEFAULT_TRIAGE_RULES: TriageRules = Object.freeze({
  currency: 'CNY',
  exchangeRates: Object.freeze({ CNY: 1 }),
  fastMaxAmount: 100_000,
  complexMinAmount: 5_000_000,
  points: Object.freeze({
    amountStandard: 2,
    amountComplex: 4,
    amountUnknown: 2,
    ipRight: Object.freeze({
      [IpRightKind.Patent]: 3,
      [IpRightKind.TradeSecret]: 3,
      [IpRightKind.UtilityModel]: 2,
      [IpRightKind.Design]: 1,
      [IpRightKind.Trademark]: 1,
      [IpRightKind.Copyright]: 1,
      [IpRightKind.Other]: 2,
    }),
    extraParty: 1,
    foreignElement: 2,
    referral: Object.freeze({
      [ReferralType.PreFiling]: 0,
      [ReferralType.PostFilingOrdinary]: 1,
      [ReferralType.PostFilingSimplified]: -1,
    }),
  }),
  fast: Object.freeze({
    maxScore: 2,
    maxParties: 2,
    excludedRightKinds: Object.freeze([IpRightKind.Patent, IpRightKind.TradeSecret]),
    allowForeignElement: false,
  }),
  complex: Object.freeze({ minScore: 7 }),
});

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const signed = (n: number): string => (n < 0 ? `−${-n}` : `+${n}`);

/** Refuses rules that would make the tracks overlap or the amounts meaningless. */
export function assertTriageRules(rules: TriageRules): void {
  const finite = (n: number, name: string) => {
    if (!Number.isFinite(n)) throw new RangeError(`triage rule ${name} must be a finite number`);
  };
  finite(rules.fastMaxAmount, 'fastMaxAmount');
  finite(rules.complexMinAmount, 'complexMinAmount');
  finite(rules.fast.maxScore, 'fast.maxScore');
  finite(rules.complex.minScore, 'complex.minScore');
  if (rules.fastMaxAmount < 0 || rules.complexMinAmount <= rules.fastMaxAmount) {
    throw new RangeError('triage rules need 0 ≤ fastMaxAmount < complexMinAmount');
  }
  if (rules.complex.minScore <= rules.fast.maxScore) throw new RangeError('triage rules need fast.maxScore < complex.minScore');
  if (rules.exchangeRates[rules.currency] !== 1) throw new RangeError(`triage rules need exchangeRates.${rules.currency} = 1`);
}

/**
 * Scores a case and picks its track. Points add up from the amount, the rights, the parties,
 * the foreign element and the referral type; a case is complex when its claims reach the
 * complex amount or its score reaches complex.minScore, fast when it is fast-eligible (small
 * amount, no excluded right, few parties, domestic) and scores at most fast.maxScore, and
 * standard otherwise. Pure.
 */
export function triage(facts: TriageFacts, rules: TriageRules = DEFAULT_TRIAGE_RULES): TriageResult {
  assertTriageRules(rules);
  const reasons: string[] = [];
  const notFast: string[] = [];
  let score = 0;
  let complexByAmount = false;

  // Amount: the sum of the monetary claims, in the rules' currency.
  const monetary = facts.claims.filter((c) => c.kind === 'monetary');
  let total = 0;
  const unvalued: string[] = [];
  for (const claim of monetary) {
    const amount = claim.amount === undefined ? NaN : Number(claim.amount.trim());
    const currency = (claim.currency ?? rules.currency).toUpperCase();
    const rate = rules.exchangeRates[currency];
    if (!Number.isFinite(amount) || amount < 0) unvalued.push('a monetary claim without a valid amount');
    else if (rate === undefined || !(rate > 0)) unvalued.push(`a claim in ${currency} (no exchange rate configured)`);
    else total += amount * rate;
  }
  const cur = rules.currency;
  if (unvalued.length > 0) {
    score += rules.points.amountUnknown;
    notFast.push('a claim cannot be valued');
    reasons.push(`Amount unknown: ${unvalued.join('; ')} (${signed(rules.points.amountUnknown)}); not fast-eligible`);
  }
  if (monetary.length === 0) {
    reasons.push('No monetary claim (+0)');
  } else if (total >= rules.complexMinAmount) {
    complexByAmount = true;
    score += rules.points.amountComplex;
    reasons.push(`Monetary claims total ${NUMBER.format(total)} ${cur}, at least ${NUMBER.format(rules.complexMinAmount)}: complex (${signed(rules.points.amountComplex)})`);
  } else if (total > rules.fastMaxAmount) {
    score += rules.points.amountStandard;
    notFast.push(`claims above ${NUMBER.format(rules.fastMaxAmount)} ${cur}`);
    reasons.push(`Monetary claims total ${NUMBER.format(total)} ${cur}, above the fast limit of ${NUMBER.format(rules.fastMaxAmount)} (${signed(rules.points.amountStandard)})`);
  } else if (unvalued.length === 0) {
    reasons.push(`Monetary claims total ${NUMBER.format(total)} ${cur}, at most ${NUMBER.format(rules.fastMaxAmount)}: fast-eligible (+0)`);
  }

  // Rights: counted by kind, in a stable order so the reasons read the same every time.
  const rightCounts = new Map<IpRightKind, number>();
  for (const right of facts.ipRights) rightCounts.set(right.kind, (rightCounts.get(right.kind) ?? 0) + 1);
  for (const kind of Object.values(IpRightKind)) {
    const count = rightCounts.get(kind);
    if (!count) continue;
    const points = count * rules.points.ipRight[kind];
    score += points;
    const excluded = rules.fast.excludedRightKinds.includes(kind);
    if (excluded) notFast.push(`${kind.replaceAll('_', ' ')} right`);
    reasons.push(`${count} ${kind.replaceAll('_', ' ')} right${count === 1 ? '' : 's'} (${signed(points)})${excluded ? '; not fast-eligible' : ''}`);
  }

  const parties = facts.parties.length;
  const extra = Math.max(0, parties - 2);
  if (extra > 0) {
    score += extra * rules.points.extraParty;
    reasons.push(`${parties} parties: ${extra} beyond two (${signed(extra * rules.points.extraParty)})`);
  }
  if (parties > rules.fast.maxParties) notFast.push(`more than ${rules.fast.maxParties} parties`);

  if (facts.foreignElement) {
    score += rules.points.foreignElement;
    if (!rules.fast.allowForeignElement) notFast.push('foreign element');
    reasons.push(`Foreign element (${signed(rules.points.foreignElement)})${rules.fast.allowForeignElement ? '' : '; not fast-eligible'}`);
  }

  if (facts.referralType) {
    const points = rules.points.referral[facts.referralType];
    score += points;
    reasons.push(`Court referral, ${facts.referralType.replaceAll('_', ' ')} (${signed(points)})`);
  }

  score = Math.max(0, score);
  let track: Track;
  if (complexByAmount) {
    track = 'complex';
    reasons.push(`Track complex: claims reach ${NUMBER.format(rules.complexMinAmount)} ${cur}`);
  } else if (score >= rules.complex.minScore) {
    track = 'complex';
    reasons.push(`Track complex: score ${score} ≥ ${rules.complex.minScore}`);
  } else if (notFast.length > 0) {
    track = 'standard';
    reasons.push(`Track standard: not fast-eligible (${notFast.join(', ')})`);
  } else if (score > rules.fast.maxScore) {
    track = 'standard';
    reasons.push(`Track standard: score ${score} > fast limit ${rules.fast.maxScore}`);
  } else {
    track = 'fast';
    reasons.push(`Track fast: fast-eligible and score ${score} ≤ ${rules.fast.maxScore}`);
  }
  return { track, score, reasons };
}
