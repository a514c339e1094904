import { randomUUID } from 'node:crypto';
import { GlobalRole, Language } from '../src/auth/roles';
import { CaseEventRecord } from '../src/cases/entities/case-event.entity';
import { PartySide } from '../src/cases/entities/case-party.entity';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { Clock } from '../src/infrastructure/clock/clock';
import { BlindBiddingRow, BlindBidRoundRow } from '../src/mediation/blind-bidding.entity';
import { SettlementOfferRecord } from '../src/mediation/offer.entity';
import { Notification } from '../src/notifications/notification.entity';
import { OrganisationKind } from '../src/organisations/organisation.entity';
import { caseInState } from './support/case-fixtures';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './support/factories';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** Offer terms with a distinctive amount, so a leak of it anywhere would show. */
const terms = (amount: string) => ({
  money: { amount, currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } },
  nonMonetary: [
    { kind: 'stop_use', description: 'Stop selling the X200 charger' },
    {
      kind: 'licence',
      description: 'Non-exclusive licence of ZL202310012345.6',
      exclusive: false,
      territory: 'Mainland China',
      royalty: { kind: 'running', percent: '3', base: 'net sales of licensed chargers' },
    },
  ],
});

interface OfferBody {
  id: string;
  sequence: number;
  status: string;
  makerSide: string;
  madeBy: { userId: string; side: string; capacity: string };
  countersOfferId: string | null;
  closedAt: string | null;
  note: string | null;
  terms: { money?: { amount: string } };
}

describe('negotiation: offers and double-blind bidding, confidential to the participants', () => {
  let t: TestApp;
  let admin: SignedIn;
  let clock: Clock;

  beforeAll(async () => {
    t = await createTestApp({ env: { QUEUE_PREFIX: `nego${randomUUID().slice(0, 6)}`, OUTBOX_POLL_INTERVAL_MS: '100' } });
    admin = await signedInUser(t, { roles: [GlobalRole.Admin] });
    clock = t.app.get(Clock);
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await t?.close();
  });

  /** A court-referred case in mediation with a party on each side, the applicant's lawyer, the mediator and the referring court's clerk. */
  async function mediating() {
    const applicant = await signedInUser(t);
    const respondent = await signedInUser(t, { language: Language.ZhCN });
    const lawyer = await signedInUser(t);
    const respondentLawyer = await signedInUser(t);
    const mediator = await signedInUser(t, { roles: [GlobalRole.Mediator] });
    const court = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, clerk.user.id, court.id);
    const otherCourt = await createOrganisation(t.db, { kind: OrganisationKind.Court });
    const otherClerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
    await addMembership(t.db, otherClerk.user.id, otherCourt.id);
    const c = await caseInState(t, {
      status: CaseStatus.Mediating,
      createdBy: applicant.user.id,
      applicantUserId: applicant.user.id,
      respondentUserId: respondent.user.id,
      respondentServed: true,
      mediatorId: mediator.user.id,
      referringCourtId: court.id,
      agents: [
        { userId: lawyer.user.id, side: PartySide.Applicant },
        { userId: respondentLawyer.user.id, side: PartySide.Respondent },
      ],
    });
    return { caseId: c.id, applicant, respondent, lawyer, respondentLawyer, mediator, clerk, otherClerk };
  }

  const get = (who: SignedIn, path: string) => t.http.get(`/api/v1${path}`).set('Authorization', who.bearer);
  const post = (who: SignedIn, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set('Authorization', who.bearer).send(body);
  const offers = async (who: SignedIn, caseId: string) =>
    (await get(who, `/cases/${caseId}/offers`).expect(200)).body as { status: string; acceptedOfferId: string | null; offers: OfferBody[] };
  const chain = async (caseId: string) => t.db.getRepository(CaseEventRecord).find({ where: { caseId }, order: { sequence: 'ASC' } });
  const inbox = async (who: SignedIn) => (await get(who, '/notifications').expect(200)).body.items as { template: string; title: string; text: string }[];

  it('offer → counter → counter by the mediator → accept; after acceptance nothing more can be offered or answered (409)', async () => {
    const { caseId, applicant, respondent, lawyer, mediator, clerk } = await mediating();
    const first = await post(applicant, `/cases/${caseId}/offers`, { terms: terms('500000'), expiresAt: new Date(Date.now() + 2 * DAY).toISOString() }).expect(201);
    expect(first.headers.location).toBe(`/api/v1/cases/${caseId}/offers/${first.body.id}`);
    expect(first.body).toMatchObject({
      sequence: 1,
      status: 'open',
      makerSide: 'applicant',
      madeBy: { userId: applicant.user.id, side: 'applicant', capacity: 'party' },
      terms: terms('500000'),
    });

    // The offering side cannot answer its own offer; the other side sees it, terms and all.
    await post(lawyer, `/cases/${caseId}/offers/${first.body.id}/accept`).expect(403);
    expect((await offers(respondent, caseId)).offers[0]).toMatchObject({ id: first.body.id, terms: terms('500000') });

    const counter = await post(respondent, `/cases/${caseId}/offers/${first.body.id}/counter`, { terms: terms('200000') }).expect(201);
    expect(counter.body).toMatchObject({ sequence: 2, status: 'open', makerSide: 'respondent', countersOfferId: first.body.id, madeBy: { capacity: 'party' } });
    // The mediator puts a figure on the applicant's behalf (the side a counter to the respondent implies)…
    const bridging = await post(mediator, `/cases/${caseId}/offers/${counter.body.id}/counter`, { terms: terms('350000') }).expect(201);
    expect(bridging.body).toMatchObject({ sequence: 3, makerSide: 'applicant', madeBy: { userId: mediator.user.id, capacity: 'mediator' } });
    // …but only the party or its agent may commit it by accepting.
    const byMediator = await post(mediator, `/cases/${caseId}/offers/${bridging.body.id}/accept`, { onBehalfOf: 'respondent' }).expect(403);
    expect(byMediator.body.detail).toMatch(/Only the party or its agent may accept/);

    const accepted = await post(respondent, `/cases/${caseId}/offers/${bridging.body.id}/accept`).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', closedBy: { userId: respondent.user.id, side: 'respondent', capacity: 'party' } });
    const after = await offers(applicant, caseId);
    expect(after).toMatchObject({ status: 'agreed', acceptedOfferId: bridging.body.id });
    expect(after.offers.map((o) => o.status)).toEqual(['countered', 'countered', 'accepted']);

    const again = await post(applicant, `/cases/${caseId}/offers`, { terms: terms('360000') }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'negotiation_closed' });
    await post(applicant, `/cases/${caseId}/offers/${bridging.body.id}/counter`, { terms: terms('360000') }).expect(409);
    await post(respondent, `/cases/${caseId}/offers/${bridging.body.id}/reject`).expect(409);
    expect(await t.db.getRepository(SettlementOfferRecord).countBy({ caseId })).toBe(3);

    // The hash chain records each step with ids and metadata only, marked confidential: the court's timeline omits it.
    const events = await chain(caseId);
    const offerEvents = events.filter((e) => e.type.startsWith('settlement_offer_'));
    expect(offerEvents.map((e) => e.type)).toEqual([
      'settlement_offer_made',
      'settlement_offer_countered',
      'settlement_offer_made',
      'settlement_offer_countered',
      'settlement_offer_made',
      'settlement_offer_accepted',
    ]);
    expect(offerEvents.every((e) => e.confidential)).toBe(true);
    const payloads = JSON.stringify(offerEvents.map((e) => e.payload));
    for (const secret of ['500000', '200000', '350000', 'X200', 'terms', 'royalty']) expect(payloads).not.toContain(secret);
    const courtTimeline = JSON.stringify((await get(clerk, `/cases/${caseId}/events`).expect(200)).body);
    expect(courtTimeline).not.toContain('settlement_offer');
    expect(JSON.stringify((await get(applicant, `/cases/${caseId}/events`).expect(200)).body)).toContain('settlement_offer_accepted');
    expect((await get(clerk, `/cases/${caseId}/events/verification`).expect(200)).body).toMatchObject({ ok: true });

    // The other side is told that there is an offer, and the maker that it was accepted: never the terms.
    const told = await eventually(async () => {
      const items = (await inbox(respondent)).filter((n) => n.template === 'settlement_offer_made');
      return items.length >= 2 ? items : undefined;
    });
    expect(told[0].title).toContain('调解方案');
    const toldApplicant = await eventually(async () => (await inbox(applicant)).find((n) => n.template === 'settlement_offer_accepted'));
    expect(JSON.stringify([...told, toldApplicant])).not.toMatch(/350000|500000|200000/);
  }, 60_000);

  it('a rejected offer (with a reason) lets either side make a new one; a retried POST with its Idempotency-Key creates nothing twice', async () => {
    const { caseId, applicant, respondent, lawyer } = await mediating();
    const key = `offer-${randomUUID()}`;
    const body = { terms: terms('480000') };
    const first = await post(lawyer, `/cases/${caseId}/offers`, body).set('Idempotency-Key', key).expect(201);
    expect(first.body.madeBy).toMatchObject({ userId: lawyer.user.id, side: 'applicant', capacity: 'agent' });
    const retried = await post(lawyer, `/cases/${caseId}/offers`, body).set('Idempotency-Key', key).expect(201);
    expect(retried.body.id).toBe(first.body.id);
    expect(await t.db.getRepository(SettlementOfferRecord).countBy({ caseId })).toBe(1);

    // While it is open, the maker's side may not open a second thread; the other side counters instead.
    expect((await post(applicant, `/cases/${caseId}/offers`, { terms: terms('470000') }).expect(409)).body.code).toBe('open_offer_exists');
    const rejected = await post(respondent, `/cases/${caseId}/offers/${first.body.id}/reject`, { reason: 'Far above any licence we pay' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', note: 'Far above any licence we pay', closedBy: { side: 'respondent' } });
    await post(respondent, `/cases/${caseId}/offers/${first.body.id}/accept`).expect(409);
    const next = await post(respondent, `/cases/${caseId}/offers`, { terms: terms('120000') }).expect(201);
    expect(next.body).toMatchObject({ sequence: 2, makerSide: 'respondent', status: 'open' });
    // The maker withdraws it.
    expect((await post(respondent, `/cases/${caseId}/offers/${next.body.id}/withdraw`).expect(200)).body.status).toBe('withdrawn');
    expect((await chain(caseId)).filter((e) => e.type === 'settlement_offer_rejected')[0].payload).not.toHaveProperty('note');
  }, 60_000);

  it('an offer lapses at its expiry: its job records it and tells both sides; a lapsed offer cannot be accepted', async () => {
    const { caseId, applicant, respondent } = await mediating();
    const made = await post(applicant, `/cases/${caseId}/offers`, { terms: terms('410000'), expiresAt: new Date(Date.now() + 1500).toISOString() }).expect(201);
    const lapsed = await eventually(async () => (await chain(caseId)).find((e) => e.type === 'settlement_offer_expired'), 30_000, 'the expiry job');
    expect(lapsed).toMatchObject({ actorId: null, actorRole: 'system', confidential: true, payload: { offerId: made.body.id, sequence: 1 } });
    expect((await t.db.getRepository(SettlementOfferRecord).findOneByOrFail({ id: made.body.id })).status).toBe('expired');
    const refused = await post(respondent, `/cases/${caseId}/offers/${made.body.id}/accept`).expect(409);
    expect(refused.body).toMatchObject({ code: 'expired', detail: expect.stringContaining('can no longer be accepted') });
    await eventually(async () => (await inbox(applicant)).find((n) => n.template === 'settlement_offer_expired'));
    await eventually(async () => (await inbox(respondent)).find((n) => n.template === 'settlement_offer_expired'));

    // Past its expiry an offer is expired at once, even before its job ran (the platform's clock decides).
    const later = await post(respondent, `/cases/${caseId}/offers`, { terms: terms('150000'), expiresAt: new Date(Date.now() + DAY).toISOString() }).expect(201);
    clock.advance(2 * DAY);
    const shown = (await offers(applicant, caseId)).offers.find((o) => o.id === later.body.id)!;
    expect(shown).toMatchObject({ status: 'expired', closedAt: later.body.expiresAt });
    expect((await post(applicant, `/cases/${caseId}/offers/${later.body.id}/accept`).expect(409)).body.code).toBe('expired');
    // A new offer is possible again: the lapsed one no longer blocks the thread.
    await post(applicant, `/cases/${caseId}/offers`, { terms: terms('400000') }).expect(201);
  }, 60_000);

  it('an accept and a reject racing on one offer: exactly one wins, every time', async () => {
    const { caseId, applicant, respondent, respondentLawyer } = await mediating();
    // Until an acceptance wins (which closes the negotiation), each round offers anew.
    for (let i = 0; i < 5; i++) {
      const open = await post(applicant, `/cases/${caseId}/offers`, { terms: terms(`${300000 + i}`) }).expect(201);
      const [accept, reject] = await Promise.all([
        post(respondent, `/cases/${caseId}/offers/${open.body.id}/accept`),
        post(respondentLawyer, `/cases/${caseId}/offers/${open.body.id}/reject`),
      ]);
      expect([accept.status, reject.status].sort()).toEqual([200, 409]);
      const stored = await t.db.getRepository(SettlementOfferRecord).findOneByOrFail({ id: open.body.id });
      expect(stored.status).toBe(accept.status === 200 ? 'accepted' : 'rejected');
      expect((await chain(caseId)).filter((e) => e.payload.offerId === open.body.id && e.type !== 'settlement_offer_made')).toHaveLength(1);
      if (stored.status === 'accepted') return;
    }
  }, 60_000);

  it('bad input is a problem naming the field, and changes nothing', async () => {
    const { caseId, applicant, respondent } = await mediating();
    const before = (await chain(caseId)).length;
    const cases: [object, string][] = [
      [{ terms: { ...terms('1'), money: { amount: '-5', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } } } }, 'terms.money.amount'],
      [{ terms: { ...terms('1'), money: { ammount: '5', amount: '5', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } } } }, 'terms.money.ammount'],
      [{ terms: { nonMonetary: [] } }, 'terms'],
      [{ terms: { nonMonetary: [{ kind: 'licence', description: 'L', exclusive: true }] } }, 'terms.nonMonetary.0.royalty'],
      [{ terms: terms('1'), expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ terms: terms('1'), expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ terms: 'all of it' }, 'terms'],
      [{ terms: terms('1'), onBehalfOf: 'court' }, 'onBehalfOf'],
      [{ terms: terms('1'), secret: true }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await post(applicant, `/cases/${caseId}/offers`, body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({ field, errors: expect.arrayContaining([field]) });
    }
    // A party may not claim to act for the other side.
    await post(respondent, `/cases/${caseId}/offers`, { terms: terms('1'), onBehalfOf: 'applicant' }).expect(403);
    await post(applicant, `/cases/${caseId}/offers/${randomUUID()}/accept`).expect(404);
    expect(await t.db.getRepository(SettlementOfferRecord).countBy({ caseId })).toBe(0);
    expect((await chain(caseId)).length).toBe(before);
  }, 60_000);

  it('the court and administrators get nothing of offers or bids (403 if they see the case, 404 otherwise), and nothing happens outside mediation', async () => {
    const { caseId, applicant, mediator, clerk, otherClerk } = await mediating();
    await post(applicant, `/cases/${caseId}/offers`, { terms: terms('555555') }).expect(201);
    await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'CNY' }).expect(201);
    for (const [who, status] of [
      [clerk, 403],
      [admin, 403],
      [otherClerk, 404],
    ] as const) {
      for (const path of [`/cases/${caseId}/offers`, `/cases/${caseId}/blind-bidding`]) {
        const res = await get(who, path).expect(status);
        expect(JSON.stringify(res.body)).not.toContain('555555');
      }
      await post(who, `/cases/${caseId}/offers`, { terms: terms('1') }).expect(status);
      await post(who, `/cases/${caseId}/blind-bidding/bids`, { amount: '1' }).expect(status);
      await post(who, `/cases/${caseId}/blind-bidding`, { currency: 'USD' }).expect(status);
    }
    // The court still sees the case itself, and nothing of the negotiation in it.
    expect(JSON.stringify((await get(clerk, `/cases/${caseId}`).expect(200)).body)).not.toContain('555555');

    const closed = await caseInState(t, { status: CaseStatus.Closed, createdBy: applicant.user.id, applicantUserId: applicant.user.id, mediatorId: mediator.user.id });
    expect((await post(applicant, `/cases/${closed.id}/offers`, { terms: terms('1') }).expect(409)).body.detail).toMatch(/mediating/);
    await t.db.query(`UPDATE cases SET status = 'archived' WHERE id = $1`, [closed.id]);
    await post(applicant, `/cases/${closed.id}/offers`, { terms: terms('1') }).expect(423);
  }, 60_000);

  it('double-blind bidding: overlapping figures settle at the midpoint, and both sides are told the amount', async () => {
    const { caseId, applicant, respondent, lawyer, mediator } = await mediating();
    await post(applicant, `/cases/${caseId}/blind-bidding`, { currency: 'CNY' }).expect(403);
    const started = await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'CNY', gap: { kind: 'absolute', amount: '10000' } }).expect(201);
    expect(started.body).toMatchObject({ currency: 'CNY', status: 'open', maxRounds: 3, currentRound: 1 });
    await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'CNY' }).expect(409);
    await post(mediator, `/cases/${caseId}/blind-bidding/bids`, { amount: '1' }).expect(403);

    const own = await post(lawyer, `/cases/${caseId}/blind-bidding/bids`, { amount: '300000' }).expect(200);
    expect(own.body).toMatchObject({ side: 'applicant', role: 'claimant', state: 'awaiting_other_side', ownFigures: [{ round: 1, amount: '300000.00' }] });
    await post(applicant, `/cases/${caseId}/blind-bidding/bids`, { amount: '290000' }).expect(409);
    const last = await post(respondent, `/cases/${caseId}/blind-bidding/bids`, { amount: '400000' }).expect(200);
    expect(last.body).toMatchObject({ side: 'respondent', state: 'settled', settlementAmount: '350000.00', ownFigures: [{ round: 1, amount: '400000.00' }] });
    expect(JSON.stringify(last.body)).not.toContain('300000');
    const applicantView = (await get(applicant, `/cases/${caseId}/blind-bidding`).expect(200)).body;
    expect(applicantView).toMatchObject({ state: 'settled', settlementAmount: '350000.00', rounds: [{ number: 1, outcome: 'settled' }] });
    expect(JSON.stringify(applicantView)).not.toContain('400000');
    expect((await get(mediator, `/cases/${caseId}/blind-bidding`).expect(200)).body).toMatchObject({ status: 'settled', settlementAmount: '350000.00', claimantSide: 'applicant' });
    await post(respondent, `/cases/${caseId}/blind-bidding/bids`, { amount: '1' }).expect(409);
    for (const who of [applicant, respondent]) await eventually(async () => (await inbox(who)).find((n) => n.template === 'blind_bidding_settled'));
  }, 60_000);

  it('double-blind bidding: figures that do not meet reveal nothing of either side, to anyone, anywhere', async () => {
    const { caseId, applicant, respondent, lawyer, respondentLawyer, mediator, clerk } = await mediating();
    // Distinctive figures: the claimant's floor far above the respondent's ceiling.
    const CLAIMANT = '918273.64';
    const RESPONDENT = '564738.29';
    const leaks = (body: unknown, figure: string) => JSON.stringify(body).includes(figure.split('.')[0]);
    await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'CNY', maxRounds: 2 }).expect(201);
    const first = await post(applicant, `/cases/${caseId}/blind-bidding/bids`, { amount: CLAIMANT }).expect(200);
    const second = await post(respondent, `/cases/${caseId}/blind-bidding/bids`, { amount: RESPONDENT }).expect(200);
    expect(second.body).toMatchObject({ state: 'awaiting_your_figure', currentRound: 2, roundsLeft: 1, settlementAmount: null, rounds: [{ number: 1, outcome: 'not_settled' }] });
    expect(leaks(first.body, RESPONDENT) || leaks(second.body, CLAIMANT)).toBe(false);
    // Stored, sealed.
    const bidding = await t.db.getRepository(BlindBiddingRow).findOneByOrFail({ caseId });
    const round = await t.db.getRepository(BlindBidRoundRow).findOneByOrFail({ biddingId: bidding.id, number: 1 });
    expect(round).toMatchObject({ claimantAmount: CLAIMANT, respondentAmount: RESPONDENT, settled: false, settlementAmount: null });

    await eventually(async () => ((await inbox(respondent)).some((n) => n.template === 'blind_bidding_not_settled') ? true : undefined));
    await eventually(async () => ((await inbox(applicant)).some((n) => n.template === 'blind_bidding_not_settled') ? true : undefined));
    const everything = async (who: SignedIn) => [
      (await get(who, `/cases/${caseId}/blind-bidding`).expect(200)).body,
      (await get(who, `/cases/${caseId}/offers`).expect(200)).body,
      (await get(who, `/cases/${caseId}`).expect(200)).body,
      (await get(who, `/cases/${caseId}/events`).expect(200)).body,
      (await get(who, `/cases/${caseId}/mediation-period`).expect(200)).body,
      (await get(who, '/notifications').expect(200)).body,
    ];
    for (const who of [applicant, lawyer]) {
      const bodies = await everything(who);
      expect(leaks(bodies, RESPONDENT)).toBe(false);
      expect(leaks(bodies[0], CLAIMANT)).toBe(true); // its own figure, which it may see
    }
    for (const who of [respondent, respondentLawyer]) {
      const bodies = await everything(who);
      expect(leaks(bodies, CLAIMANT)).toBe(false);
      expect(leaks(bodies[0], RESPONDENT)).toBe(true);
    }
    // The mediator sees progress only; the court not even that.
    const mediatorView = (await get(mediator, `/cases/${caseId}/blind-bidding`).expect(200)).body;
    expect(mediatorView).toMatchObject({ status: 'open', currentRound: 2, submittedCurrentRound: { claimant: false, respondent: false } });
    expect(leaks(await everything(mediator), CLAIMANT) || leaks(await everything(mediator), RESPONDENT)).toBe(false);
    const courtBodies = [(await get(clerk, `/cases/${caseId}`).expect(200)).body, (await get(clerk, `/cases/${caseId}/events`).expect(200)).body];
    expect(leaks(courtBodies, CLAIMANT) || leaks(courtBodies, RESPONDENT)).toBe(false);
    const chainJson = JSON.stringify((await chain(caseId)).map((e) => e.payload));
    expect(chainJson.includes('918273') || chainJson.includes('564738')).toBe(false);

    // A side sees that the other bid in the new round, not what.
    await post(respondentLawyer, `/cases/${caseId}/blind-bidding/bids`, { amount: '600000' }).expect(200);
    const waiting = (await get(applicant, `/cases/${caseId}/blind-bidding`).expect(200)).body;
    expect(waiting).toMatchObject({ state: 'awaiting_your_figure', otherSideHasSubmittedCurrentRound: true });
    expect(JSON.stringify(waiting)).not.toContain('600000');
    // The last round fails too: bidding is over, and says so without a figure.
    const exhausted = await post(applicant, `/cases/${caseId}/blind-bidding/bids`, { amount: '900000' }).expect(200);
    expect(exhausted.body).toMatchObject({ state: 'exhausted', roundsLeft: 0, currentRound: null });
    expect(JSON.stringify(exhausted.body)).not.toContain('600000');
    expect((await post(respondent, `/cases/${caseId}/blind-bidding/bids`, { amount: '950000' }).expect(409)).body.code).toBe('rounds_exhausted');
    // Bad figures name the field.
    const bad = await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'cny', maxRounds: 11 }).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['currency', 'maxRounds']);
  }, 60_000);

  it('a bid that is not a valid figure is refused naming amount, and nothing is stored', async () => {
    const { caseId, applicant, mediator } = await mediating();
    await post(applicant, `/cases/${caseId}/blind-bidding/bids`, { amount: '1' }).expect(404);
    await post(mediator, `/cases/${caseId}/blind-bidding`, { currency: 'JPY' }).expect(201);
    for (const amount of ['12.5', '0', '-3', 'lots']) {
      const res = await post(applicant, `/cases/${caseId}/blind-bidding/bids`, { amount }).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'amount' });
    }
    const view = (await get(applicant, `/cases/${caseId}/blind-bidding`).expect(200)).body;
    expect(view).toMatchObject({ ownFigures: [], rounds: [], currentRound: 1 });
    expect(await t.db.getRepository(Notification).countBy({ caseId, template: 'blind_bid_submitted' as never })).toBe(0);
  }, 60_000);
});
