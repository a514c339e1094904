import { PartySide } from '../cases/entities/case-party.entity';
import {
  acceptedOffer,
  applyOfferAction,
  expireLapsedOffers,
  newNegotiation,
  offerChain,
  offerStatusAt,
  openOffer,
  SettlementOfferStatus,
  otherSide,
  type OfferAction,
  type OfferActor,
  type OfferDecision,
  type OfferHistory,
  type OfferTerms,
} from './offers';
import { NonMonetaryKind } from './settlement-terms';

const T0 = new Date('2026-04-01T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const applicant: OfferActor = { userId: 'u-applicant', side: PartySide.Applicant, capacity: 'party' };
const applicantAgent: OfferActor = { userId: 'u-lawyer', side: PartySide.Applicant, capacity: 'agent' };
const respondent: OfferActor = { userId: 'u-respondent', side: PartySide.Respondent, capacity: 'party' };
const mediatorForRespondent: OfferActor = { userId: 'u-mediator', side: PartySide.Respondent, capacity: 'mediator' };
const mediatorForApplicant: OfferActor = { userId: 'u-mediator', side: PartySide.Applicant, capacity: 'mediator' };

const money = (amount: string): OfferTerms => ({
  money: { amount, currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } },
  nonMonetary: [{ kind: NonMonetaryKind.StopUse, description: 'Stop selling the X200 charger' }],
});

function ok(decision: OfferDecision): Extract<OfferDecision, { ok: true }> {
  if (!decision.ok) throw new Error(`refused: ${decision.code} ${decision.reason}`);
  return decision;
}

function run(steps: [OfferAction, Date][], start: OfferHistory = newNegotiation('neg-1')): OfferHistory {
  return steps.reduce((h, [action, when]) => ok(applyOfferAction(h, action, when)).history, start);
}

/** Applicant opens at 500k, expiring in an hour. */
const opened = () => run([[{ type: 'make', offerId: 'o1', actor: applicant, terms: money('500000'), expiresAt: at(60) }, at(0)]]);

describe('offers', () => {
  it('opens a negotiation with an offer from either side', () => {
    const decision = ok(applyOfferAction(newNegotiation('neg-1'), { type: 'make', offerId: 'o1', actor: applicant, terms: money('500000') }, T0));
    expect(decision.offer).toEqual({
      id: 'o1',
      negotiationId: 'neg-1',
      sequence: 1,
      makerSide: PartySide.Applicant,
      madeBy: applicant,
      terms: money('500000'),
      status: SettlementOfferStatus.Open,
      madeAt: T0,
      expiresAt: null,
      countersOfferId: null,
      closedAt: null,
      closedBy: null,
      note: null,
    });
    expect(decision.history.offers).toEqual([decision.offer]);
    expect(openOffer(decision.history, T0)).toBe(decision.offer);
  });

  it('lets a mediator make an offer on a side’s behalf', () => {
    const decision = ok(applyOfferAction(newNegotiation('neg-1'), { type: 'make', offerId: 'o1', actor: mediatorForRespondent, terms: money('100000') }, T0));
    expect(decision.offer.makerSide).toBe(PartySide.Respondent);
    expect(decision.offer.madeBy.capacity).toBe('mediator');
  });

  it('walks offer → counter → counter → accept, linking each counter to what it answers', () => {
    const h1 = opened();
    const counter = ok(applyOfferAction(h1, { type: 'counter', offerId: 'o1', newOfferId: 'o2', actor: respondent, terms: money('200000') }, at(10)));
    expect(counter.countered).toMatchObject({ id: 'o1', status: SettlementOfferStatus.Countered, closedAt: at(10), closedBy: respondent });
    expect(counter.offer).toMatchObject({ id: 'o2', sequence: 2, makerSide: PartySide.Respondent, countersOfferId: 'o1', status: SettlementOfferStatus.Open });

    const h3 = ok(applyOfferAction(counter.history, { type: 'counter', offerId: 'o2', newOfferId: 'o3', actor: applicantAgent, terms: money('350000') }, at(20))).history;
    const accept = ok(applyOfferAction(h3, { type: 'accept', offerId: 'o3', actor: respondent }, at(30)));
    expect(accept.offer).toMatchObject({ id: 'o3', status: SettlementOfferStatus.Accepted, closedAt: at(30), closedBy: respondent });
    expect(accept.history.offers.map((o) => [o.id, o.status])).toEqual([
      ['o1', SettlementOfferStatus.Countered],
      ['o2', SettlementOfferStatus.Countered],
      ['o3', SettlementOfferStatus.Accepted],
    ]);
    expect(acceptedOffer(accept.history)?.id).toBe('o3');
    expect(offerChain(accept.history, 'o3').map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect(offerChain(accept.history, 'nope')).toEqual([]);
  });

  it('never modifies the history it is given', () => {
    const h1 = opened();
    const snapshot = structuredClone(h1);
    ok(applyOfferAction(h1, { type: 'accept', offerId: 'o1', actor: respondent }, at(5)));
    expect(h1).toEqual(snapshot);
  });

  describe('after acceptance the negotiation is closed (409)', () => {
    const accepted = () => run([[{ type: 'accept', offerId: 'o1', actor: respondent }, at(5)]], opened());

    it.each<[string, OfferAction]>([
      ['a new offer', { type: 'make', offerId: 'o9', actor: respondent, terms: money('1') }],
      ['a new offer from the acceptor’s opponent', { type: 'make', offerId: 'o9', actor: applicant, terms: money('1') }],
      ['a counter', { type: 'counter', offerId: 'o1', newOfferId: 'o9', actor: respondent, terms: money('1') }],
      ['a second acceptance', { type: 'accept', offerId: 'o1', actor: respondent }],
      ['a rejection', { type: 'reject', offerId: 'o1', actor: respondent }],
      ['a withdrawal', { type: 'withdraw', offerId: 'o1', actor: applicant }],
      ['an expiry', { type: 'expire', offerId: 'o1' }],
    ])('refuses %s', (_label, action) => {
      expect(applyOfferAction(accepted(), action, at(6))).toEqual({
        ok: false,
        code: 'negotiation_closed',
        status: 409,
        reason: 'Offer 1 was accepted: this negotiation takes no further offers or answers',
      });
    });
  });

  describe('only the other side answers', () => {
    it.each<['accept' | 'reject' | 'counter']>([['accept'], ['reject'], ['counter']])('refuses a maker who tries to %s its own offer', (type) => {
      const action: OfferAction =
        type === 'counter' ? { type, offerId: 'o1', newOfferId: 'o2', actor: applicantAgent, terms: money('1') } : { type, offerId: 'o1', actor: applicantAgent };
      expect(applyOfferAction(opened(), action, at(5))).toMatchObject({ ok: false, code: 'own_offer', status: 403 });
    });

    it('refuses a mediator accepting or rejecting for a side, but lets it counter', () => {
      expect(applyOfferAction(opened(), { type: 'accept', offerId: 'o1', actor: mediatorForRespondent }, at(5))).toMatchObject({
        ok: false,
        code: 'answer_needs_the_party',
        status: 403,
      });
      expect(applyOfferAction(opened(), { type: 'reject', offerId: 'o1', actor: mediatorForRespondent }, at(5))).toMatchObject({
        code: 'answer_needs_the_party',
      });
      const counter = ok(applyOfferAction(opened(), { type: 'counter', offerId: 'o1', newOfferId: 'o2', actor: mediatorForRespondent, terms: money('1') }, at(5)));
      expect(counter.offer.makerSide).toBe(PartySide.Respondent);
    });

    it('lets the mediator acting for the maker’s side withdraw, but not answer', () => {
      expect(applyOfferAction(opened(), { type: 'counter', offerId: 'o1', newOfferId: 'o2', actor: mediatorForApplicant, terms: money('1') }, at(5))).toMatchObject({
        code: 'own_offer',
      });
      expect(ok(applyOfferAction(opened(), { type: 'withdraw', offerId: 'o1', actor: mediatorForApplicant }, at(5))).offer.status).toBe(SettlementOfferStatus.Withdrawn);
    });
  });

  it('records a rejection with its reason; the negotiation stays open for a new offer', () => {
    const rejected = ok(applyOfferAction(opened(), { type: 'reject', offerId: 'o1', actor: respondent, reason: '  far above the licence value  ' }, at(5)));
    expect(rejected.offer).toMatchObject({ status: SettlementOfferStatus.Rejected, note: 'far above the licence value', closedBy: respondent });
    const again = ok(applyOfferAction(rejected.history, { type: 'make', offerId: 'o2', actor: respondent, terms: money('150000') }, at(6)));
    expect(again.offer).toMatchObject({ sequence: 2, countersOfferId: null, makerSide: PartySide.Respondent });
    expect(ok(applyOfferAction(opened(), { type: 'reject', offerId: 'o1', actor: respondent, reason: ' ' }, at(5))).offer.note).toBeNull();
  });

  it('lets only the maker’s side withdraw an open offer', () => {
    expect(applyOfferAction(opened(), { type: 'withdraw', offerId: 'o1', actor: respondent }, at(5))).toMatchObject({ code: 'not_maker', status: 403 });
    const withdrawn = ok(applyOfferAction(opened(), { type: 'withdraw', offerId: 'o1', actor: applicantAgent }, at(5)));
    expect(withdrawn.offer).toMatchObject({ status: SettlementOfferStatus.Withdrawn, closedAt: at(5), closedBy: applicantAgent });
    expect(applyOfferAction(withdrawn.history, { type: 'accept', offerId: 'o1', actor: respondent }, at(6))).toMatchObject({
      code: 'not_open',
      status: 409,
      reason: 'Offer 1 is withdrawn, not open',
    });
  });

  it('keeps one open offer at a time', () => {
    expect(applyOfferAction(opened(), { type: 'make', offerId: 'o2', actor: applicant, terms: money('1') }, at(5))).toEqual({
      ok: false,
      code: 'open_offer_exists',
      status: 409,
      reason: 'Offer 1 from your side is still open: withdraw it before making another',
    });
    expect(applyOfferAction(opened(), { type: 'make', offerId: 'o2', actor: respondent, terms: money('1') }, at(5))).toMatchObject({
      code: 'open_offer_exists',
      reason: 'Offer 1 from the other side is open: counter it instead',
    });
  });

  describe('expiry', () => {
    it('refuses to accept, reject or counter an offer at or after its expiry instant', () => {
      const h = opened();
      for (const action of [
        { type: 'accept', offerId: 'o1', actor: respondent },
        { type: 'reject', offerId: 'o1', actor: respondent },
        { type: 'counter', offerId: 'o1', newOfferId: 'o2', actor: respondent, terms: money('1') },
      ] satisfies OfferAction[]) {
        expect(applyOfferAction(h, action, at(60))).toMatchObject({ ok: false, code: 'expired', status: 409 });
      }
      expect(applyOfferAction(h, { type: 'accept', offerId: 'o1', actor: respondent }, at(61))).toMatchObject({
        reason: `Offer 1 expired at ${at(60).toISOString()} and can no longer be accepted`,
      });
      // One millisecond before the expiry it still stands.
      expect(ok(applyOfferAction(h, { type: 'accept', offerId: 'o1', actor: respondent }, new Date(at(60).getTime() - 1))).offer.status).toBe(SettlementOfferStatus.Accepted);
    });

    it('reads a lapsed offer as expired before the timer marks it', () => {
      const h = opened();
      expect(offerStatusAt(h.offers[0], at(59))).toBe(SettlementOfferStatus.Open);
      expect(offerStatusAt(h.offers[0], at(60))).toBe(SettlementOfferStatus.Expired);
      expect(openOffer(h, at(60))).toBeUndefined();
      expect(expireLapsedOffers(h, at(59))).toBe(h);
      expect(expireLapsedOffers(h, at(90)).offers[0]).toMatchObject({ status: SettlementOfferStatus.Expired, closedAt: at(60), closedBy: null });
    });

    it('lets the timer expire a lapsed offer, and only a lapsed open one', () => {
      expect(applyOfferAction(opened(), { type: 'expire', offerId: 'o1' }, at(30))).toMatchObject({ code: 'not_lapsed', status: 409 });
      const expired = ok(applyOfferAction(opened(), { type: 'expire', offerId: 'o1' }, at(61)));
      expect(expired.offer).toMatchObject({ status: SettlementOfferStatus.Expired, closedAt: at(60) });
      expect(applyOfferAction(expired.history, { type: 'expire', offerId: 'o1' }, at(62))).toMatchObject({ code: 'not_open' });
      const noExpiry = run([[{ type: 'make', offerId: 'o1', actor: applicant, terms: money('1') }, T0]]);
      expect(applyOfferAction(noExpiry, { type: 'expire', offerId: 'o1' }, at(10_000))).toMatchObject({ code: 'not_lapsed' });
    });

    it('frees the negotiation for a new offer once the open one lapsed, recording the expiry', () => {
      const decision = ok(applyOfferAction(opened(), { type: 'make', offerId: 'o2', actor: respondent, terms: money('1') }, at(61)));
      expect(decision.history.offers.map((o) => o.status)).toEqual([SettlementOfferStatus.Expired, SettlementOfferStatus.Open]);
    });

    it('refuses an expiry that is not after the moment the offer is made', () => {
      expect(applyOfferAction(newNegotiation('n'), { type: 'make', offerId: 'o1', actor: applicant, terms: money('1'), expiresAt: T0 }, T0)).toMatchObject({
        code: 'invalid_expiry',
        status: 400,
      });
    });
  });

  it('refuses invalid terms with field errors', () => {
    const decision = applyOfferAction(newNegotiation('n'), { type: 'make', offerId: 'o1', actor: applicant, terms: money('12.345') }, T0);
    expect(decision).toMatchObject({ ok: false, code: 'invalid_terms', status: 400 });
    expect(!decision.ok && decision.errors?.map((e) => e.field)).toEqual(['terms.money.amount']);
  });

  it('refuses an unknown offer, a reused id and an action dated before the last event', () => {
    expect(applyOfferAction(opened(), { type: 'accept', offerId: 'nope', actor: respondent }, at(5))).toMatchObject({ code: 'unknown_offer', status: 404 });
    expect(applyOfferAction(opened(), { type: 'counter', offerId: 'o1', newOfferId: 'o1', actor: respondent, terms: money('1') }, at(5))).toMatchObject({
      code: 'duplicate_offer_id',
    });
    const withdrawn = run([[{ type: 'withdraw', offerId: 'o1', actor: applicant }, at(30)]], opened());
    expect(applyOfferAction(withdrawn, { type: 'make', offerId: 'o2', actor: respondent, terms: money('1') }, at(29))).toMatchObject({ code: 'out_of_order' });
  });

  it('names the other side', () => {
    expect(otherSide(PartySide.Applicant)).toBe(PartySide.Respondent);
    expect(otherSide(PartySide.Respondent)).toBe(PartySide.Applicant);
  });
});
