// Over 300 lines on purpose: the whole offer-and-counter-offer rule (statuses, refusals, the chain of counters) as one pure, unit-tested module.
import { PartySide } from '../cases/entities/case-party.entity';
import type { FieldError } from '../common/errors/problem';
import { validateSettlementTerms, type SettlementTerms } from './settlement-terms';

/**
 * Offer negotiation (issue 8): one side offers terms, the other side accepts, rejects or
 * counters; the maker may withdraw; an offer may lapse. A negotiation holds at most one open
 * offer at a time, so its history reads as a single thread. Once an offer is accepted the
 * negotiation is closed: nothing more can be offered or answered in it (409).
 *
 * Pure: the mediation service loads a negotiation's history, calls `applyOfferAction` with the
 * time of the request, and stores the returned history (or turns the refusal into a problem).
 * It also checks, before calling, that the actor really is on the side they claim (a party, its
 * agent, or the case's mediator acting for that side). Offers are mediation content: never
 * shown to the court or to admins (docs/procedural-rules.md B10, DESIGN.md §5).
 */

export type OfferTerms = SettlementTerms;

export enum SettlementOfferStatus {
  Open = 'open',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Countered = 'countered',
  Expired = 'expired',
  Withdrawn = 'withdrawn',
}

/**
 * Who acts, for which side. A mediator may put an offer or a counter-offer on a side's behalf;
 * only the side itself (the party or its agent) may accept or reject, because an answer commits
 * the party.
 */
export interface OfferActor {
  userId: string;
  side: PartySide;
  capacity: 'party' | 'agent' | 'mediator';
}

export interface SettlementOffer {
  id: string;
  negotiationId: string;
  /** 1, 2, 3… in the order the offers were made. */
  sequence: number;
  makerSide: PartySide;
  madeBy: OfferActor;
  terms: OfferTerms;
  status: SettlementOfferStatus;
  madeAt: Date;
  /** After this instant the offer can no longer be accepted; null: open until answered. */
  expiresAt: Date | null;
  /** The offer this one counters; null for an opening offer. */
  countersOfferId: string | null;
  /** When it stopped being open; for a lapsed offer, its expiresAt. */
  closedAt: Date | null;
  /** Who answered or withdrew it; null while open and for a lapsed offer. */
  closedBy: OfferActor | null;
  /** A rejection's reason, if given. */
  note: string | null;
}

export interface OfferHistory {
  negotiationId: string;
  /** In the order made. */
  offers: readonly SettlementOffer[];
}

export type OfferAction =
  | { type: 'make'; offerId: string; actor: OfferActor; terms: OfferTerms; expiresAt?: Date | null }
  | { type: 'counter'; offerId: string; newOfferId: string; actor: OfferActor; terms: OfferTerms; expiresAt?: Date | null }
  | { type: 'accept'; offerId: string; actor: OfferActor }
  | { type: 'reject'; offerId: string; actor: OfferActor; reason?: string | null }
  | { type: 'withdraw'; offerId: string; actor: OfferActor }
  /** The expiry timer: only for an open offer whose expiresAt has passed. */
  | { type: 'expire'; offerId: string };

export type OfferRefusalCode =
  | 'unknown_offer'
  | 'duplicate_offer_id'
  | 'negotiation_closed'
  | 'open_offer_exists'
  | 'not_open'
  | 'expired'
  | 'not_lapsed'
  | 'own_offer'
  | 'not_maker'
  | 'answer_needs_the_party'
  | 'out_of_order'
  | 'invalid_terms'
  | 'invalid_expiry';

/** The HTTP status each refusal maps to: the caller throws the matching problem. */
export const OFFER_REFUSAL_STATUS: Readonly<Record<OfferRefusalCode, 400 | 403 | 404 | 409>> = Object.freeze({
  unknown_offer: 404,
  duplicate_offer_id: 409,
  negotiation_closed: 409,
  open_offer_exists: 409,
  not_open: 409,
  expired: 409,
  not_lapsed: 409,
  own_offer: 403,
  not_maker: 403,
  answer_needs_the_party: 403,
  out_of_order: 409,
  invalid_terms: 400,
  invalid_expiry: 400,
});

export interface OfferRefusal {
  ok: false;
  code: OfferRefusalCode;
  status: 400 | 403 | 404 | 409;
  /** A sentence a person can act on. */
  reason: string;
  /** For invalid_terms: what is wrong, field by field (paths start at `terms`). */
  errors?: FieldError[];
}

export type OfferDecision =
  | {
      ok: true;
      history: OfferHistory;
      /** The offer created (make, counter) or changed (accept, reject, withdraw, expire). */
      offer: SettlementOffer;
      /** For a counter: the offer it answered, now countered. */
      countered?: SettlementOffer;
    }
  | OfferRefusal;

export function otherSide(side: PartySide): PartySide {
  return side === PartySide.Applicant ? PartySide.Respondent : PartySide.Applicant;
}

export function newNegotiation(negotiationId: string): OfferHistory {
  return { negotiationId, offers: [] };
}

/** The status as of `at`: an open offer past its expiry is expired even before the timer runs. */
export function offerStatusAt(offer: SettlementOffer, at: Date): SettlementOfferStatus {
  if (offer.status === SettlementOfferStatus.Open && offer.expiresAt !== null && at.getTime() >= offer.expiresAt.getTime()) {
    return SettlementOfferStatus.Expired;
  }
  return offer.status;
}

/** Marks every open offer whose expiry has passed as expired (at its expiresAt). */
export function expireLapsedOffers(history: OfferHistory, at: Date): OfferHistory {
  let changed = false;
  const offers = history.offers.map((o) => {
    if (offerStatusAt(o, at) === SettlementOfferStatus.Expired && o.status === SettlementOfferStatus.Open) {
      changed = true;
      return { ...o, status: SettlementOfferStatus.Expired, closedAt: o.expiresAt, closedBy: null };
    }
    return o;
  });
  return changed ? { ...history, offers } : history;
}

/** The accepted offer, if the negotiation is closed. */
export function acceptedOffer(history: OfferHistory): SettlementOffer | undefined {
  return history.offers.find((o) => o.status === SettlementOfferStatus.Accepted);
}

/** The offer waiting for an answer at `at`, if any. */
export function openOffer(history: OfferHistory, at: Date): SettlementOffer | undefined {
  return history.offers.find((o) => offerStatusAt(o, at) === SettlementOfferStatus.Open);
}

/** The thread that led to an offer: the opening offer first, this offer last. */
export function offerChain(history: OfferHistory, offerId: string): SettlementOffer[] {
  const byId = new Map(history.offers.map((o) => [o.id, o]));
  const chain: SettlementOffer[] = [];
  const seen = new Set<string>();
  for (let o = byId.get(offerId); o && !seen.has(o.id); o = o.countersOfferId ? byId.get(o.countersOfferId) : undefined) {
    seen.add(o.id);
    chain.unshift(o);
  }
  return chain;
}

function refuse(code: OfferRefusalCode, reason: string, errors?: FieldError[]): OfferRefusal {
  return { ok: false, code, status: OFFER_REFUSAL_STATUS[code], reason, ...(errors ? { errors } : {}) };
}

function lastEventAt(history: OfferHistory): number {
  let last = -Infinity;
  for (const o of history.offers) {
    last = Math.max(last, o.madeAt.getTime(), o.closedAt?.getTime() ?? -Infinity);
  }
  return last;
}

function checkNewOffer(history: OfferHistory, id: string, terms: OfferTerms, expiresAt: Date | null | undefined, at: Date): OfferRefusal | undefined {
  if (history.offers.some((o) => o.id === id)) return refuse('duplicate_offer_id', `An offer with id ${id} already exists`);
  const errors = validateSettlementTerms(terms);
  if (errors.length > 0) return refuse('invalid_terms', 'The offer’s terms are invalid', errors);
  if (expiresAt != null && !(expiresAt.getTime() > at.getTime())) {
    return refuse('invalid_expiry', 'An offer must expire after the moment it is made');
  }
  return undefined;
}

function newOffer(history: OfferHistory, id: string, actor: OfferActor, terms: OfferTerms, at: Date, expiresAt: Date | null | undefined, counters: string | null): SettlementOffer {
  return {
    id,
    negotiationId: history.negotiationId,
    sequence: history.offers.length + 1,
    makerSide: actor.side,
    madeBy: actor,
    terms,
    status: SettlementOfferStatus.Open,
    madeAt: at,
    expiresAt: expiresAt ?? null,
    countersOfferId: counters,
    closedAt: null,
    closedBy: null,
    note: null,
  };
}

function replace(history: OfferHistory, changed: SettlementOffer, appended?: SettlementOffer): OfferHistory {
  const offers = history.offers.map((o) => (o.id === changed.id ? changed : o));
  return { ...history, offers: appended ? [...offers, appended] : offers };
}

/**
 * Applies one action to a negotiation at instant `at`. Returns the new history (the input is
 * never modified; offers that lapsed before `at` come back marked expired) or a refusal with a
 * code, its HTTP status and a reason.
 */
export function applyOfferAction(history: OfferHistory, action: OfferAction, at: Date): OfferDecision {
  if (at.getTime() < lastEventAt(history)) {
    return refuse('out_of_order', 'This action is dated before the last event of the negotiation');
  }
  const accepted = acceptedOffer(history);
  if (accepted) {
    return refuse('negotiation_closed', `Offer ${accepted.sequence} was accepted: this negotiation takes no further offers or answers`);
  }
  const current = expireLapsedOffers(history, at);

  if (action.type === 'make') {
    const open = openOffer(current, at);
    if (open) {
      return refuse(
        'open_offer_exists',
        open.makerSide === action.actor.side
          ? `Offer ${open.sequence} from your side is still open: withdraw it before making another`
          : `Offer ${open.sequence} from the other side is open: counter it instead`,
      );
    }
    const refused = checkNewOffer(current, action.offerId, action.terms, action.expiresAt, at);
    if (refused) return refused;
    const offer = newOffer(current, action.offerId, action.actor, action.terms, at, action.expiresAt, null);
    return { ok: true, history: { ...current, offers: [...current.offers, offer] }, offer };
  }

  const target = current.offers.find((o) => o.id === action.offerId);
  if (!target) return refuse('unknown_offer', `There is no offer ${action.offerId} in this negotiation`);
  const original = history.offers.find((o) => o.id === action.offerId)!;

  if (action.type === 'expire') {
    if (original.status !== SettlementOfferStatus.Open) return refuse('not_open', `Offer ${target.sequence} is ${original.status}, not open`);
    if (target.status !== SettlementOfferStatus.Expired) return refuse('not_lapsed', `Offer ${target.sequence} has not reached its expiry`);
    return { ok: true, history: current, offer: target };
  }

  if (target.status === SettlementOfferStatus.Expired) {
    return refuse('expired', `Offer ${target.sequence} expired at ${target.expiresAt!.toISOString()} and can no longer be ${pastTense(action.type)}`);
  }
  if (target.status !== SettlementOfferStatus.Open) return refuse('not_open', `Offer ${target.sequence} is ${target.status}, not open`);

  const actor = action.actor;
  if (action.type === 'withdraw') {
    if (actor.side !== target.makerSide) return refuse('not_maker', 'Only the side that made an offer may withdraw it');
    const offer: SettlementOffer = { ...target, status: SettlementOfferStatus.Withdrawn, closedAt: at, closedBy: actor };
    return { ok: true, history: replace(current, offer), offer };
  }

  if (actor.side === target.makerSide) {
    return refuse('own_offer', `Only the other side may ${action.type} an offer; your side made offer ${target.sequence}`);
  }

  if (action.type === 'counter') {
    const refused = checkNewOffer(current, action.newOfferId, action.terms, action.expiresAt, at);
    if (refused) return refused;
    const countered: SettlementOffer = { ...target, status: SettlementOfferStatus.Countered, closedAt: at, closedBy: actor };
    const offer = newOffer(current, action.newOfferId, actor, action.terms, at, action.expiresAt, target.id);
    return { ok: true, history: replace(current, countered, offer), offer, countered };
  }

  if (actor.capacity === 'mediator') {
    return refuse('answer_needs_the_party', `Only the party or its agent may ${action.type} an offer; the mediator may counter on its behalf`);
  }
  const offer: SettlementOffer =
    action.type === 'accept'
      ? { ...target, status: SettlementOfferStatus.Accepted, closedAt: at, closedBy: actor }
      : { ...target, status: SettlementOfferStatus.Rejected, closedAt: at, closedBy: actor, note: action.reason?.trim() || null };
  return { ok: true, history: replace(current, offer), offer };
}

function pastTense(type: 'accept' | 'reject' | 'counter' | 'withdraw'): string {
  return { accept: 'accepted', reject: 'rejected', counter: 'countered', withdraw: 'withdrawn' }[type];
}
