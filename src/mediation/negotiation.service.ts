import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { Case } from '../cases/entities/case.entity';
import type { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { Audience } from '../notifications/lifecycle-notifications';
import { Outbox } from '../outbox/outbox.service';
import { MediationCase, actorRole, refusalProblem, sideAudience } from './mediation-case.service';
import { MediationTemplate } from './mediation-notification-templates';
import { negotiatingSide } from './negotiating-side';
import { NegotiationView, OfferView, type MakeOfferRequest } from './offer.dto';
import { SettlementOfferRecord } from './offer.entity';
import { applyOfferAction, SettlementOfferStatus, otherSide, type SettlementOffer, type OfferAction, type OfferActor, type OfferHistory } from './offers';
import type { SettlementTerms } from './settlement-terms';
import { unknownTermFields } from './terms-shape';

/** What the expiry job carries. */
export interface ExpireOfferJob {
  caseId: string;
  offerId: string;
}

type Answer = 'accept' | 'reject' | 'withdraw';

const toOffer = (r: SettlementOfferRecord): SettlementOffer => ({
  id: r.id,
  negotiationId: r.caseId,
  sequence: r.sequence,
  makerSide: r.makerSide,
  madeBy: { userId: r.madeBy, side: r.makerSide, capacity: r.madeByCapacity },
  terms: r.terms,
  status: r.status,
  madeAt: r.madeAt,
  expiresAt: r.expiresAt,
  countersOfferId: r.countersOfferId,
  closedAt: r.closedAt,
  closedBy: r.closedBy && r.closedBySide && r.closedByCapacity ? { userId: r.closedBy, side: r.closedBySide, capacity: r.closedByCapacity } : null,
  note: r.note,
});

const toRecord = (caseId: string, o: SettlementOffer): SettlementOfferRecord => ({
  id: o.id,
  caseId,
  sequence: o.sequence,
  makerSide: o.makerSide,
  madeBy: o.madeBy.userId,
  madeByCapacity: o.madeBy.capacity,
  terms: o.terms,
  status: o.status,
  madeAt: o.madeAt,
  expiresAt: o.expiresAt,
  countersOfferId: o.countersOfferId,
  closedAt: o.closedAt,
  closedBy: o.closedBy?.userId ?? null,
  closedBySide: o.closedBy?.side ?? null,
  closedByCapacity: o.closedBy?.capacity ?? null,
  note: o.note,
});

/** Who hears that an offer changed, besides the person who changed it (nobody hears the terms). */
function audiencesFor(o: SettlementOffer, isNew: boolean): { template: MediationTemplate; audiences: Audience[] } | undefined {
  const maker = sideAudience(o.makerSide);
  const answering = sideAudience(otherSide(o.makerSide));
  if (isNew) {
    // An offer the mediator put for a side is news to that side too.
    return { template: MediationTemplate.OfferMade, audiences: [answering, Audience.Mediator, ...(o.madeBy.capacity === 'mediator' ? [maker] : [])] };
  }
  switch (o.status) {
    case SettlementOfferStatus.Accepted:
      return { template: MediationTemplate.OfferAccepted, audiences: [maker, Audience.Mediator] };
    case SettlementOfferStatus.Rejected:
      return { template: MediationTemplate.OfferRejected, audiences: [maker, Audience.Mediator] };
    case SettlementOfferStatus.Withdrawn:
      return { template: MediationTemplate.OfferWithdrawn, audiences: [answering, Audience.Mediator] };
    case SettlementOfferStatus.Expired:
      return { template: MediationTemplate.OfferExpired, audiences: [maker, answering, Audience.Mediator] };
    default:
      // Countered: the counter-offer's own notice says it.
      return undefined;
  }
}

/**
 * Offers (issue 8): the HTTP shell around the pure rules of offers.ts. Each request locks the
 * case row, loads the case's negotiation, applies one action at the platform's time and writes
 * back what changed, with an event per change in the case's chain (marked confidential, and
 * carrying ids and metadata only: never terms) and notifications to the other side.
 */
@Injectable()
export class Negotiations {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly room: MediationCase,
    private readonly events: CaseEventLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async view(user: AuthUser, caseId: string): Promise<NegotiationView> {
    await this.access.require(user, caseId, CaseAction.ViewConfidential);
    return NegotiationView.of(await this.history(this.db.manager, caseId), this.clock.now());
  }

  async offer(user: AuthUser, caseId: string, offerId: string): Promise<OfferView> {
    await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const found = (await this.history(this.db.manager, caseId)).offers.find((o) => o.id === offerId);
    if (!found) throw new NotFoundProblem(`There is no offer ${offerId} in this case`);
    return OfferView.of(found, this.clock.now());
  }

  /** A new offer (counterOf: the open offer it counters); a retry with the same Idempotency-Key gets the first one. */
  async make(user: AuthUser, caseId: string, body: MakeOfferRequest, idem: IdempotentRequest | undefined, counterOf?: string): Promise<OfferView> {
    const terms = this.checkedTerms(body.terms);
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
    const id = await this.room.once(idem, 'offer', (record) =>
      this.db.transaction(async (tx) => {
        const offerId = randomUUID();
        await this.act(tx, user, caseId, counterOf ? 'counter' : 'make', { id: counterOf, onBehalfOf: body.onBehalfOf }, (actor) =>
          counterOf ? { type: 'counter', offerId: counterOf, newOfferId: offerId, actor, terms, expiresAt } : { type: 'make', offerId, actor, terms, expiresAt },
        );
        await record(tx, offerId);
        return offerId;
      }),
    );
    return this.offer(user, caseId, id);
  }

  async answer(user: AuthUser, caseId: string, offerId: string, answer: Answer, body: { onBehalfOf?: PartySide; reason?: string }): Promise<OfferView> {
    await this.db.transaction((tx) =>
      this.act(tx, user, caseId, answer, { id: offerId, onBehalfOf: body.onBehalfOf }, (actor): OfferAction =>
        answer === 'reject' ? { type: 'reject', offerId, actor, reason: body.reason ?? null } : { type: answer, offerId, actor },
      ),
    );
    return this.offer(user, caseId, offerId);
  }

  /**
   * The expiry job: records the lapse of every offer whose time has come (at its expiresAt),
   * once. The API already treats a lapsed offer as expired; this puts it in the chain and tells
   * both sides. Too early (another machine's clock), it throws, so the job retries.
   */
  async expire(job: ExpireOfferJob): Promise<'expired' | 'not_open'> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, job.caseId);
      const c = await tx.findOneByOrFail(Case, { id: job.caseId });
      const history = await this.history(tx, job.caseId);
      const decision = applyOfferAction(history, { type: 'expire', offerId: job.offerId }, this.clock.now());
      if (!decision.ok) {
        if (decision.code === 'not_lapsed') throw new Error(`offer ${job.offerId} has not reached its expiry yet`);
        // Answered, withdrawn, already recorded as expired, or the negotiation closed.
        return 'not_open';
      }
      await this.write(tx, c, history, decision.history, null);
      return 'expired';
    });
  }

  private checkedTerms(terms: unknown): SettlementTerms {
    const unknown = unknownTermFields(terms);
    if (unknown.length > 0) throw new ValidationProblem(unknown);
    // Values are checked by the pure rules (validateSettlementTerms), which name each field.
    return terms as unknown as SettlementTerms;
  }

  /** One action under the case lock: who acts for which side, the pure decision, then the write. */
  private async act(
    tx: EntityManager,
    user: AuthUser,
    caseId: string,
    kind: OfferAction['type'],
    target: { id?: string; onBehalfOf?: PartySide },
    build: (actor: OfferActor) => OfferAction,
  ): Promise<void> {
    const { case: c, roles } = await this.room.enter(tx, user, caseId, CaseAction.Negotiate);
    const history = await this.history(tx, caseId);
    const offer = history.offers.find((o) => o.id === target.id);
    if (target.id && !offer) throw new NotFoundProblem(`There is no offer ${target.id} in this case`);
    // Someone who could act for either side (the mediator, a lawyer for both) acts for the side the action implies.
    const implied = offer ? (kind === 'withdraw' ? offer.makerSide : otherSide(offer.makerSide)) : undefined;
    const side = negotiatingSide(roles, { onBehalfOf: target.onBehalfOf, implied, mediatorMayAct: true });
    if (!side.ok) throw refusalProblem({ code: 'side', status: side.status, reason: side.reason }, side.field ?? 'onBehalfOf');
    const actor: OfferActor = { userId: user.id, side: side.side, capacity: side.capacity };
    const decision = applyOfferAction(history, build(actor), this.clock.now());
    if (!decision.ok) throw refusalProblem(decision, 'expiresAt');
    await this.write(tx, c, history, decision.history, actor);
  }

  private async history(manager: EntityManager, caseId: string): Promise<OfferHistory> {
    const rows = await manager.find(SettlementOfferRecord, { where: { caseId }, order: { sequence: 'ASC' } });
    return { negotiationId: caseId, offers: rows.map(toOffer) };
  }

  /** Stores what changed between two histories: rows, chain events, notifications, expiry jobs. */
  private async write(tx: EntityManager, c: Case, before: OfferHistory, after: OfferHistory, actor: OfferActor | null): Promise<void> {
    const previous = new Map(before.offers.map((o) => [o.id, o]));
    // Offers that lapsed first, so the chain reads in the order things happened; then the offer
    // this action closed (a countered one must stop being open before its counter is stored).
    const closed = after.offers
      .filter((o) => previous.has(o.id) && previous.get(o.id)!.status !== o.status)
      .sort((a, b) => Number(b.status === SettlementOfferStatus.Expired) - Number(a.status === SettlementOfferStatus.Expired));
    for (const o of closed) {
      await tx.update(SettlementOfferRecord, { id: o.id }, toRecord(c.id, o));
      await this.room.record(tx, c, {
        type: `settlement_offer_${o.status}`,
        actorId: o.closedBy?.userId ?? null,
        actorRole: o.closedBy ? actorRole(o.closedBy) : CaseRole.System,
        payload: { offerId: o.id, sequence: o.sequence, ...(o.closedBy ? { side: o.closedBy.side, capacity: o.closedBy.capacity } : { lapsedAt: o.expiresAt?.toISOString() }) },
        confidential: true,
      });
      await this.tellAbout(tx, c, o, false, actor);
    }
    for (const o of after.offers.filter((x) => !previous.has(x.id))) {
      await tx.insert(SettlementOfferRecord, toRecord(c.id, o));
      await this.room.record(tx, c, {
        type: 'settlement_offer_made',
        actorId: o.madeBy.userId,
        actorRole: actorRole(o.madeBy),
        payload: {
          offerId: o.id,
          sequence: o.sequence,
          makerSide: o.makerSide,
          capacity: o.madeBy.capacity,
          countersOfferId: o.countersOfferId,
          expiresAt: o.expiresAt?.toISOString() ?? null,
        },
        confidential: true,
      });
      if (o.expiresAt) await this.outbox.add(tx, { job: JobName.ExpireOffer, data: { caseId: c.id, offerId: o.id } satisfies ExpireOfferJob, runAt: o.expiresAt });
      await this.tellAbout(tx, c, o, true, actor);
    }
  }

  private async tellAbout(tx: EntityManager, c: Case, o: SettlementOffer, isNew: boolean, actor: OfferActor | null): Promise<void> {
    const who = audiencesFor(o, isNew);
    if (who) await this.room.tell(tx, c, who.template, who.audiences, actor?.userId ?? null, { offerId: o.id, offerSequence: o.sequence });
  }
}
