import { PartySide } from '../cases/entities/case-party.entity';
import {
  blindBiddingStatus,
  blindBidGapProblem,
  blindBidMediatorView,
  blindBidViewFor,
  resolveBlindBids,
  startBlindBidding,
  submitBlindBid,
  type BlindBiddingRecord,
  type BlindBidSubmission,
  type StartBlindBidding,
} from './blind-bidding';

const T0 = new Date('2026-04-01T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const A = PartySide.Applicant;
const R = PartySide.Respondent;

describe('resolveBlindBids', () => {
  it('settles overlapping figures at the midpoint', () => {
    expect(resolveBlindBids({ claimantMinimum: '300000', respondentMaximum: '400000', currency: 'CNY', gap: { kind: 'none' } })).toEqual({
      settled: true,
      amount: '350000.00',
      currency: 'CNY',
    });
  });

  it('settles figures that meet exactly at that figure', () => {
    expect(resolveBlindBids({ claimantMinimum: '250000.55', respondentMaximum: '250000.55', currency: 'CNY', gap: { kind: 'none' } })).toEqual({
      settled: true,
      amount: '250000.55',
      currency: 'CNY',
    });
  });

  it('does not settle a gap when none is allowed, and says nothing else', () => {
    const result = resolveBlindBids({ claimantMinimum: '300000.01', respondentMaximum: '300000', currency: 'CNY', gap: { kind: 'none' } });
    expect(result).toStrictEqual({ settled: false });
    expect(Object.keys(result)).toEqual(['settled']);
  });

  describe('absolute gap', () => {
    const gap = { kind: 'absolute', amount: '10000' } as const;
    it('settles at the boundary (difference equal to the gap)', () => {
      expect(resolveBlindBids({ claimantMinimum: '110000', respondentMaximum: '100000', currency: 'CNY', gap })).toEqual({
        settled: true,
        amount: '105000.00',
        currency: 'CNY',
      });
    });
    it('does not settle one fen beyond it', () => {
      expect(resolveBlindBids({ claimantMinimum: '110000.01', respondentMaximum: '100000', currency: 'CNY', gap })).toEqual({ settled: false });
    });
  });

  describe('percentage gap (of the claimant’s minimum)', () => {
    const gap = { kind: 'percentage', percent: '10' } as const;
    it('settles at the boundary', () => {
      // 10 % of 100 000 = 10 000 = the difference.
      expect(resolveBlindBids({ claimantMinimum: '100000', respondentMaximum: '90000', currency: 'CNY', gap })).toEqual({
        settled: true,
        amount: '95000.00',
        currency: 'CNY',
      });
    });
    it('does not settle one fen beyond it', () => {
      expect(resolveBlindBids({ claimantMinimum: '100000', respondentMaximum: '89999.99', currency: 'CNY', gap })).toEqual({ settled: false });
    });
    it('takes fractional percentages exactly', () => {
      const g = { kind: 'percentage', percent: '2.5' } as const;
      // 2.5 % of 1 000.00 = 25.00
      expect(resolveBlindBids({ claimantMinimum: '1000', respondentMaximum: '975', currency: 'CNY', gap: g }).settled).toBe(true);
      expect(resolveBlindBids({ claimantMinimum: '1000', respondentMaximum: '974.99', currency: 'CNY', gap: g }).settled).toBe(false);
    });
  });

  describe('rounding the midpoint to the minor unit', () => {
    it('rounds half a fen up by default and half-even when configured', () => {
      const figures = { claimantMinimum: '100.01', respondentMaximum: '100.02', currency: 'CNY', gap: { kind: 'none' } } as const;
      // Overlap: claimant wants at least 100.01, respondent pays up to 100.02; midpoint 100.015.
      expect(resolveBlindBids(figures)).toMatchObject({ amount: '100.02' });
      expect(resolveBlindBids({ ...figures, rounding: 'half_even' })).toMatchObject({ amount: '100.02' });
      expect(resolveBlindBids({ ...figures, respondentMaximum: '100.04', rounding: 'half_even' })).toMatchObject({ amount: '100.02' }); // 100.025
      expect(resolveBlindBids({ ...figures, respondentMaximum: '100.04' })).toMatchObject({ amount: '100.03' });
      expect(resolveBlindBids({ ...figures, respondentMaximum: '100.04', rounding: 'down' })).toMatchObject({ amount: '100.02' });
    });

    it('rounds to whole yen for JPY and to the fils for KWD', () => {
      expect(resolveBlindBids({ claimantMinimum: '1000', respondentMaximum: '1001', currency: 'JPY', gap: { kind: 'none' } })).toEqual({
        settled: true,
        amount: '1001',
        currency: 'JPY',
      });
      expect(resolveBlindBids({ claimantMinimum: '1.001', respondentMaximum: '1.002', currency: 'KWD', gap: { kind: 'none' } })).toMatchObject({
        amount: '1.002',
      });
    });

    it('stays exact where floats would not', () => {
      // 0.1 + 0.2 in floats is 0.30000000000000004.
      expect(resolveBlindBids({ claimantMinimum: '0.10', respondentMaximum: '0.20', currency: 'USD', gap: { kind: 'none' } })).toMatchObject({ amount: '0.15' });
      expect(resolveBlindBids({ claimantMinimum: '9007199254740993.01', respondentMaximum: '9007199254740993.03', currency: 'USD', gap: { kind: 'none' } })).toMatchObject({
        amount: '9007199254740993.02',
      });
    });
  });

  it('checks gap settings', () => {
    expect(blindBidGapProblem({ kind: 'none' }, 'CNY')).toBeUndefined();
    expect(blindBidGapProblem({ kind: 'absolute', amount: '5000' }, 'CNY')).toBeUndefined();
    expect(blindBidGapProblem({ kind: 'absolute', amount: '50.5' }, 'JPY')).toMatch(/JPY has 0 decimal places/);
    expect(blindBidGapProblem({ kind: 'percentage', percent: '100' }, 'CNY')).toBeUndefined();
    expect(blindBidGapProblem({ kind: 'percentage', percent: '100.1' }, 'CNY')).toMatch(/0 to 100/);
    expect(blindBidGapProblem({ kind: 'percentage', percent: '-5' }, 'CNY')).toMatch(/0 to 100/);
    expect(blindBidGapProblem({ kind: 'wide' } as never, 'CNY')).toMatch(/gap kind/);
  });
});

describe('blind bidding rounds', () => {
  function start(over: Partial<StartBlindBidding> = {}): BlindBiddingRecord {
    const started = startBlindBidding({ id: 'bb-1', currency: 'CNY', ...over });
    if (!started.ok) throw new Error(started.reason);
    return started.record;
  }
  function ok(s: BlindBidSubmission): Extract<BlindBidSubmission, { ok: true }> {
    if (!s.ok) throw new Error(`${s.code}: ${s.reason}`);
    return s;
  }
  const bid = (record: BlindBiddingRecord, side: PartySide, amount: string, minute: number) =>
    submitBlindBid(record, { side, amount, submittedBy: side === A ? 'u-a' : 'u-r' }, at(minute));

  it('starts with defaults: three rounds, no gap, half-up rounding, the applicant claiming', () => {
    expect(start()).toEqual({ id: 'bb-1', currency: 'CNY', claimantSide: A, maxRounds: 3, gap: { kind: 'none' }, rounding: 'half_up', rounds: [] });
  });

  it.each<[Partial<StartBlindBidding>, RegExp]>([
    [{ currency: 'RMB' }, /ISO 4217/],
    [{ maxRounds: 0 }, /maxRounds/],
    [{ maxRounds: 11 }, /maxRounds/],
    [{ maxRounds: 2.5 }, /maxRounds/],
    [{ gap: { kind: 'percentage', percent: 'ten' } }, /gap percent/],
    [{ rounding: 'nearest' as never }, /rounding/],
  ])('refuses an unusable configuration %p', (over, message) => {
    expect(startBlindBidding({ id: 'bb', currency: 'CNY', ...over })).toMatchObject({ ok: false, code: 'invalid_config', status: 400, reason: expect.stringMatching(message) });
  });

  it('resolves a round when the second figure arrives and settles overlapping figures at the midpoint', () => {
    const first = ok(bid(start(), R, '400000', 1));
    expect(first.resolution).toBeUndefined();
    expect(first.round).toBe(1);
    const second = ok(bid(first.record, A, '300000', 2));
    expect(second.resolution).toEqual({ settled: true, amount: '350000.00', currency: 'CNY' });
    expect(second.record.rounds[0]).toMatchObject({ number: 1, settled: true, settlementAmount: '350000.00', resolvedAt: at(2) });
    expect(blindBiddingStatus(second.record)).toBe('settled');
    expect(bid(second.record, A, '1', 3)).toMatchObject({ ok: false, code: 'settled', status: 409 });
  });

  it('takes one figure per side per round', () => {
    const first = ok(bid(start(), A, '500000', 1));
    expect(bid(first.record, A, '450000', 2)).toMatchObject({ ok: false, code: 'already_submitted', status: 409, reason: 'Your side already submitted its figure for round 1' });
  });

  it('refuses invalid figures', () => {
    expect(bid(start(), A, '0', 1)).toMatchObject({ code: 'invalid_amount', status: 400 });
    expect(bid(start(), A, '12.345', 1)).toMatchObject({ code: 'invalid_amount', reason: expect.stringContaining('2 decimal places') });
    expect(bid(start(), A, '-5', 1)).toMatchObject({ code: 'invalid_amount' });
  });

  it('stores figures in canonical form', () => {
    expect(ok(bid(start(), A, '500000.5', 1)).record.rounds[0].claimant?.amount).toBe('500000.50');
  });

  it('uses the configured claimant side', () => {
    const record = start({ claimantSide: R });
    const r1 = ok(bid(record, R, '300000', 1));
    expect(r1.record.rounds[0].claimant?.amount).toBe('300000.00');
    // The applicant pays here: its figure is a maximum.
    expect(ok(bid(r1.record, A, '200000', 2)).resolution).toEqual({ settled: false });
  });

  it('opens a new round after an unsettled one and stops after the last', () => {
    let record = start({ maxRounds: 2 });
    record = ok(bid(record, A, '500000', 1)).record;
    const r1 = ok(bid(record, R, '200000', 2));
    expect(r1.resolution).toEqual({ settled: false });
    expect(blindBiddingStatus(r1.record)).toBe('open');

    const r2a = ok(bid(r1.record, R, '250000', 3));
    expect(r2a.round).toBe(2);
    const r2 = ok(bid(r2a.record, A, '450000', 4));
    expect(r2.resolution).toEqual({ settled: false });
    expect(blindBiddingStatus(r2.record)).toBe('exhausted');
    expect(bid(r2.record, A, '1', 5)).toMatchObject({ ok: false, code: 'rounds_exhausted', reason: 'All 2 rounds of blind bidding have been used' });
  });

  it('settles in a later round within the gap', () => {
    let record = start({ gap: { kind: 'absolute', amount: '20000' } });
    record = ok(bid(record, A, '500000', 1)).record;
    record = ok(bid(record, R, '200000', 2)).record;
    record = ok(bid(record, A, '420000', 3)).record;
    const last = ok(bid(record, R, '400000', 4));
    expect(last.resolution).toEqual({ settled: true, amount: '410000.00', currency: 'CNY' });
    expect(last.record.rounds.map((r) => r.settled)).toEqual([false, true]);
  });

  it('refuses a figure dated before the other side’s in the same round', () => {
    const first = ok(bid(start(), A, '500000', 10));
    expect(bid(first.record, R, '1', 9)).toMatchObject({ code: 'out_of_order' });
  });

  describe('views reveal nothing of the other side’s figure', () => {
    // Distinctive figures, so that a leak anywhere in a view would show up in its JSON.
    const CLAIMANT = '777777.77';
    const RESPONDENT = '123456.78';

    function unsettled() {
      let record = start();
      record = ok(bid(record, A, CLAIMANT, 1)).record;
      return ok(bid(record, R, RESPONDENT, 2)).record;
    }

    it('shows each side only its own figure after an unsettled round', () => {
      const record = unsettled();
      const applicantView = blindBidViewFor(record, A);
      const respondentView = blindBidViewFor(record, R);
      expect(JSON.stringify(applicantView)).not.toContain(RESPONDENT.split('.')[0]);
      expect(JSON.stringify(respondentView)).not.toContain(CLAIMANT.split('.')[0]);
      expect(applicantView).toEqual({
        biddingId: 'bb-1',
        side: A,
        role: 'claimant',
        currency: 'CNY',
        state: 'awaiting_your_figure',
        maxRounds: 3,
        roundsLeft: 2,
        currentRound: 2,
        otherSideHasSubmittedCurrentRound: false,
        ownFigures: [{ round: 1, amount: CLAIMANT, submittedAt: at(1) }],
        rounds: [{ number: 1, outcome: 'not_settled', resolvedAt: at(2) }],
        settlementAmount: null,
      });
      expect(respondentView.ownFigures).toEqual([{ round: 1, amount: RESPONDENT, submittedAt: at(2) }]);
      expect(respondentView.role).toBe('respondent');
    });

    it('shows the mediator progress but no figure at all', () => {
      const record = ok(bid(unsettled(), R, '200000.00', 3)).record;
      const view = blindBidMediatorView(record);
      const json = JSON.stringify(view);
      for (const figure of [CLAIMANT, RESPONDENT, '200000']) expect(json).not.toContain(figure.split('.')[0]);
      expect(view).toEqual({
        biddingId: 'bb-1',
        currency: 'CNY',
        claimantSide: A,
        status: 'open',
        maxRounds: 3,
        roundsLeft: 2,
        currentRound: 2,
        submittedCurrentRound: { claimant: false, respondent: true },
        rounds: [
          { number: 1, outcome: 'not_settled', resolvedAt: at(2) },
          { number: 2, outcome: 'pending', resolvedAt: null },
        ],
        settlementAmount: null,
      });
    });

    it('tells a side the other has bid in the current round, not what', () => {
      const record = ok(bid(start(), R, RESPONDENT, 1)).record;
      const view = blindBidViewFor(record, A);
      expect(view).toMatchObject({ state: 'awaiting_your_figure', otherSideHasSubmittedCurrentRound: true, ownFigures: [], currentRound: 1, roundsLeft: 3 });
      expect(JSON.stringify(view)).not.toContain(RESPONDENT.split('.')[0]);
      expect(blindBidViewFor(record, R)).toMatchObject({ state: 'awaiting_other_side', otherSideHasSubmittedCurrentRound: false });
    });

    it('shows both sides and the mediator the settlement amount once settled', () => {
      let record = start();
      record = ok(bid(record, A, '300000', 1)).record;
      record = ok(bid(record, R, '400000', 2)).record;
      for (const view of [blindBidViewFor(record, A), blindBidViewFor(record, R)]) {
        expect(view).toMatchObject({ state: 'settled', settlementAmount: '350000.00', currentRound: null, roundsLeft: 0 });
      }
      expect(blindBidMediatorView(record)).toMatchObject({ status: 'settled', settlementAmount: '350000.00' });
    });

    it('says when the rounds are used up', () => {
      let record = start({ maxRounds: 1 });
      record = ok(bid(record, A, CLAIMANT, 1)).record;
      record = ok(bid(record, R, RESPONDENT, 2)).record;
      expect(blindBidViewFor(record, R)).toMatchObject({ state: 'exhausted', currentRound: null, roundsLeft: 0, settlementAmount: null });
    });
  });
});
