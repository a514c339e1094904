// Over 300 lines on purpose: the whole double-blind bidding rule with the reasoning that keeps each side's
// figure secret, pure; its parts only make sense together.
import { PartySide } from '../cases/entities/case-party.entity';
import { divideRounded, formatMinorUnits, isCurrencyCode, parseAmount, parseDecimal, ROUNDING_MODES, toMinorUnits, type RoundingMode } from '../common/money/money';

/**
 * Double-blind bidding for the money issue (issue 8). Each side submits one confidential figure
 * per round: the claimant the least it would accept, the respondent the most it would pay. When
 * the figures overlap, or are apart by no more than the configured gap, the round settles at
 * their midpoint; otherwise neither side learns anything about the other's figure, not even
 * how far apart they were. A case has a limited number of rounds, because every unsettled round
 * tells a side that the other figure is beyond the gap, and unlimited rounds would let a side
 * bisect its way to the other's figure.
 *
 * A settlement at the midpoint lets each side work out the other's figure (2 × midpoint − own,
 * up to the rounding): that is the price of the midpoint rule, which both sides accept by
 * bidding.
 *
 * The bidding record holds both figures and is for storage only: what a person is shown comes
 * from `blindBidViewFor` (a party) or `blindBidMediatorView`, whose types have no field that
 * could carry the other side's figure.
 */

export type BlindBidGap =
  /** Settle only when the figures overlap. */
  | { kind: 'none' }
  /** Settle when respondent's maximum + amount ≥ claimant's minimum (amount in the bidding currency). */
  | { kind: 'absolute'; amount: string }
  /**
   * Settle when the difference is at most `percent` % of the claimant's minimum (the higher
   * figure whenever there is a gap), e.g. "10".
   */
  | { kind: 'percentage'; percent: string };

export interface BlindBidFigures {
  claimantMinimum: string;
  respondentMaximum: string;
  currency: string;
  gap: BlindBidGap;
  /** How the midpoint is rounded to the currency's minor unit; default half_up (四舍五入). */
  rounding?: RoundingMode;
}

/** An unsettled result carries nothing but the fact. */
export type BlindBidResolution = { settled: true; amount: string; currency: string } | { settled: false };

export const DEFAULT_BLIND_BIDDING = Object.freeze({
  maxRounds: 3,
  gap: Object.freeze({ kind: 'none' }) as BlindBidGap,
  rounding: 'half_up' as RoundingMode,
});

/** The largest number of rounds a configuration may allow. */
export const MAX_BLIND_BID_ROUNDS = 10;

/**
 * The pure decision for one pair of figures. Throws a MoneyError for amounts that are not
 * valid in the currency (submitBlindBid validates them first).
 */
export function resolveBlindBids(figures: BlindBidFigures): BlindBidResolution {
  const { currency, gap } = figures;
  const rounding = figures.rounding ?? DEFAULT_BLIND_BIDDING.rounding;
  const claimant = toMinorUnits(figures.claimantMinimum, currency);
  const respondent = toMinorUnits(figures.respondentMaximum, currency);
  if (!withinGap(claimant, respondent, gap, currency)) return { settled: false };
  return { settled: true, amount: formatMinorUnits(divideRounded(claimant + respondent, 2n, rounding), currency), currency };
}

function withinGap(claimant: bigint, respondent: bigint, gap: BlindBidGap, currency: string): boolean {
  const difference = claimant - respondent;
  if (difference <= 0n) return true; // the figures overlap or meet
  switch (gap.kind) {
    case 'none':
      return false;
    case 'absolute':
      return difference <= toMinorUnits(gap.amount, currency);
    case 'percentage': {
      const pct = parseDecimal(gap.percent);
      if (!pct) throw new RangeError(`gap percent "${gap.percent}" is not a decimal`);
      // difference ≤ claimant × units / (100 × 10^scale), in integers.
      return difference * 100n * 10n ** BigInt(pct.scale) <= claimant * pct.units;
    }
  }
}

/** What is wrong with a gap setting, or undefined when it is usable. */
export function blindBidGapProblem(gap: BlindBidGap, currency: string): string | undefined {
  switch (gap?.kind) {
    case 'none':
      return undefined;
    case 'absolute': {
      const parsed = parseAmount(gap.amount, currency);
      return parsed.ok ? undefined : `gap amount ${parsed.problem}`;
    }
    case 'percentage': {
      const pct = parseDecimal(gap.percent);
      return pct && pct.units <= 100n * 10n ** BigInt(pct.scale) ? undefined : 'gap percent must be a decimal from 0 to 100';
    }
    default:
      return 'gap kind must be none, absolute or percentage';
  }
}

// ── Rounds ──────────────────────────────────────────────────────────────────────────────────

export interface SealedBid {
  amount: string;
  submittedBy: string;
  submittedAt: Date;
}

export interface BlindBidRound {
  /** 1, 2, 3… */
  number: number;
  claimant: SealedBid | null;
  respondent: SealedBid | null;
  /** Set when the second figure arrives. */
  resolvedAt: Date | null;
  /** Null while a figure is missing. */
  settled: boolean | null;
  settlementAmount: string | null;
}

/** Storage only: contains both sides' figures. Never send it to anyone; send a view. */
export interface BlindBiddingRecord {
  id: string;
  currency: string;
  /** The side whose figure is a minimum (usually the applicant, who claims money). */
  claimantSide: PartySide;
  maxRounds: number;
  gap: BlindBidGap;
  rounding: RoundingMode;
  rounds: readonly BlindBidRound[];
}

export type BlindBiddingStatus = 'open' | 'settled' | 'exhausted';

export interface StartBlindBidding {
  id: string;
  currency: string;
  claimantSide?: PartySide;
  maxRounds?: number;
  gap?: BlindBidGap;
  rounding?: RoundingMode;
}

export type BlindBidRefusalCode = 'invalid_config' | 'invalid_amount' | 'settled' | 'rounds_exhausted' | 'already_submitted' | 'out_of_order';

export interface BlindBidRefusal {
  ok: false;
  code: BlindBidRefusalCode;
  status: 400 | 409;
  reason: string;
}

const REFUSAL_STATUS: Readonly<Record<BlindBidRefusalCode, 400 | 409>> = {
  invalid_config: 400,
  invalid_amount: 400,
  settled: 409,
  rounds_exhausted: 409,
  already_submitted: 409,
  out_of_order: 409,
};

const refuse = (code: BlindBidRefusalCode, reason: string): BlindBidRefusal => ({ ok: false, code, status: REFUSAL_STATUS[code], reason });

/** A new bidding with no rounds yet, or a refusal for an unusable configuration. */
export function startBlindBidding(input: StartBlindBidding): { ok: true; record: BlindBiddingRecord } | BlindBidRefusal {
  const maxRounds = input.maxRounds ?? DEFAULT_BLIND_BIDDING.maxRounds;
  const gap = input.gap ?? DEFAULT_BLIND_BIDDING.gap;
  const rounding = input.rounding ?? DEFAULT_BLIND_BIDDING.rounding;
  if (!isCurrencyCode(input.currency)) return refuse('invalid_config', `"${input.currency}" is not an ISO 4217 currency code`);
  if (!Number.isSafeInteger(maxRounds) || maxRounds < 1 || maxRounds > MAX_BLIND_BID_ROUNDS) {
    return refuse('invalid_config', `maxRounds must be a whole number from 1 to ${MAX_BLIND_BID_ROUNDS}`);
  }
  const gapProblem = blindBidGapProblem(gap, input.currency);
  if (gapProblem) return refuse('invalid_config', gapProblem);
  if (!ROUNDING_MODES.includes(rounding)) return refuse('invalid_config', `rounding must be one of ${ROUNDING_MODES.join(', ')}`);
  return {
    ok: true,
    record: { id: input.id, currency: input.currency, claimantSide: input.claimantSide ?? PartySide.Applicant, maxRounds, gap, rounding, rounds: [] },
  };
}

export function blindBiddingStatus(record: BlindBiddingRecord): BlindBiddingStatus {
  if (record.rounds.some((r) => r.settled === true)) return 'settled';
  const last = record.rounds.at(-1);
  if (last && last.settled === false && record.rounds.length >= record.maxRounds) return 'exhausted';
  return 'open';
}

export interface SubmitBlindBid {
  side: PartySide;
  amount: string;
  submittedBy: string;
}

export type BlindBidSubmission =
  | {
      ok: true;
      record: BlindBiddingRecord;
      round: number;
      /** Present when this figure completed the round: share it with both sides as it is. */
      resolution?: BlindBidResolution;
    }
  | BlindBidRefusal;

/**
 * Records one side's figure for the current round (opening a new round when the last one ended
 * unsettled and rounds are left); the second figure of a round resolves it at once.
 */
export function submitBlindBid(record: BlindBiddingRecord, bid: SubmitBlindBid, at: Date): BlindBidSubmission {
  const status = blindBiddingStatus(record);
  if (status === 'settled') return refuse('settled', 'The money issue is already settled by blind bidding');
  if (status === 'exhausted') return refuse('rounds_exhausted', `All ${record.maxRounds} rounds of blind bidding have been used`);
  const parsed = parseAmount(bid.amount, record.currency);
  if (!parsed.ok) return refuse('invalid_amount', `The figure ${parsed.problem}`);
  if (parsed.minor === 0n) return refuse('invalid_amount', 'The figure must be more than zero');

  const last = record.rounds.at(-1);
  const continuing = last !== undefined && last.resolvedAt === null;
  const round: BlindBidRound = continuing ? last : { number: record.rounds.length + 1, claimant: null, respondent: null, resolvedAt: null, settled: null, settlementAmount: null };
  const slot = bid.side === record.claimantSide ? 'claimant' : 'respondent';
  const mine = round[slot];
  if (mine) return refuse('already_submitted', `Your side already submitted its figure for round ${round.number}`);
  const other = round[slot === 'claimant' ? 'respondent' : 'claimant'];
  if (other && at.getTime() < other.submittedAt.getTime()) return refuse('out_of_order', 'This figure is dated before the other side’s');

  const sealed: SealedBid = { amount: formatMinorUnits(parsed.minor, record.currency), submittedBy: bid.submittedBy, submittedAt: at };
  let next: BlindBidRound = { ...round, [slot]: sealed };
  let resolution: BlindBidResolution | undefined;
  if (next.claimant && next.respondent) {
    resolution = resolveBlindBids({
      claimantMinimum: next.claimant.amount,
      respondentMaximum: next.respondent.amount,
      currency: record.currency,
      gap: record.gap,
      rounding: record.rounding,
    });
    next = { ...next, resolvedAt: at, settled: resolution.settled, settlementAmount: resolution.settled ? resolution.amount : null };
  }
  const rounds = continuing ? [...record.rounds.slice(0, -1), next] : [...record.rounds, next];
  return { ok: true, record: { ...record, rounds }, round: next.number, ...(resolution ? { resolution } : {}) };
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────

export type RoundOutcome = 'pending' | 'settled' | 'not_settled';

/** One round as anyone but the storage may see it: no figures. */
export interface RoundSummary {
  number: number;
  outcome: RoundOutcome;
  resolvedAt: Date | null;
}

export type SideViewState =
  | 'awaiting_your_figure'
  | 'awaiting_other_side'
  | 'settled'
  /** No round settled and none is left. */
  | 'exhausted';

/** What one side may see: its own figures, whether the other side has bid, and outcomes. */
export interface BlindBidSideView {
  biddingId: string;
  side: PartySide;
  /** Whether this side's figure is a minimum (claimant) or a maximum (respondent). */
  role: 'claimant' | 'respondent';
  currency: string;
  state: SideViewState;
  maxRounds: number;
  roundsLeft: number;
  /** The round a figure would go into now; null when bidding is over. */
  currentRound: number | null;
  otherSideHasSubmittedCurrentRound: boolean;
  ownFigures: readonly { round: number; amount: string; submittedAt: Date }[];
  rounds: readonly RoundSummary[];
  settlementAmount: string | null;
}

/** What the mediator sees: progress and the settlement amount, neither side's figure. */
export interface BlindBidMediatorView {
  biddingId: string;
  currency: string;
  /** The side receiving the money (the other pays): the mediator chose it, and drafts the agreement from it. */
  claimantSide: PartySide;
  status: BlindBiddingStatus;
  maxRounds: number;
  roundsLeft: number;
  currentRound: number | null;
  submittedCurrentRound: { claimant: boolean; respondent: boolean };
  rounds: readonly RoundSummary[];
  settlementAmount: string | null;
}

function summaries(record: BlindBiddingRecord): RoundSummary[] {
  return record.rounds.map((r) => ({
    number: r.number,
    outcome: r.settled === null ? 'pending' : r.settled ? 'settled' : 'not_settled',
    resolvedAt: r.resolvedAt,
  }));
}

function progress(record: BlindBiddingRecord) {
  const status = blindBiddingStatus(record);
  const last = record.rounds.at(-1);
  const open = last !== undefined && last.resolvedAt === null ? last : undefined;
  const roundsLeft = status === 'open' ? record.maxRounds - record.rounds.length + (open ? 1 : 0) : 0;
  const currentRound = status !== 'open' ? null : (open?.number ?? record.rounds.length + 1);
  return { status, open, roundsLeft, currentRound, settlementAmount: record.rounds.find((r) => r.settled)?.settlementAmount ?? null };
}

export function blindBidViewFor(record: BlindBiddingRecord, side: PartySide): BlindBidSideView {
  const role = side === record.claimantSide ? 'claimant' : 'respondent';
  const otherRole = role === 'claimant' ? 'respondent' : 'claimant';
  const { status, open, roundsLeft, currentRound, settlementAmount } = progress(record);
  const state: SideViewState = status === 'settled' ? 'settled' : status === 'exhausted' ? 'exhausted' : open?.[role] ? 'awaiting_other_side' : 'awaiting_your_figure';
  const ownFigures = record.rounds.flatMap((r) => {
    const own = r[role];
    return own ? [{ round: r.number, amount: own.amount, submittedAt: own.submittedAt }] : [];
  });
  return {
    biddingId: record.id,
    side,
    role,
    currency: record.currency,
    state,
    maxRounds: record.maxRounds,
    roundsLeft,
    currentRound,
    otherSideHasSubmittedCurrentRound: open?.[otherRole] != null,
    ownFigures,
    rounds: summaries(record),
    settlementAmount,
  };
}

export function blindBidMediatorView(record: BlindBiddingRecord): BlindBidMediatorView {
  const { status, open, roundsLeft, currentRound, settlementAmount } = progress(record);
  return {
    biddingId: record.id,
    currency: record.currency,
    claimantSide: record.claimantSide,
    status,
    maxRounds: record.maxRounds,
    roundsLeft,
    currentRound,
    submittedCurrentRound: { claimant: open?.claimant != null, respondent: open?.respondent != null },
    rounds: summaries(record),
    settlementAmount,
  };
}
