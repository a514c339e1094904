import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import type { Case } from '../cases/entities/case.entity';
import type { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { ConflictProblem, NotFoundProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { Audience } from '../notifications/lifecycle-notifications';
import {
  blindBidMediatorView,
  blindBidViewFor,
  startBlindBidding,
  submitBlindBid,
  type BlindBidGap,
  type BlindBidMediatorView,
  type BlindBidSideView,
  type BlindBiddingRecord,
  type SealedBid,
} from './blind-bidding';
import type { BlindBidRequest, StartBlindBiddingRequest } from './blind-bidding.dto';
import { BlindBiddingRow, BlindBidRoundRow } from './blind-bidding.entity';
import { MediationCase, actorRole, refusalProblem, sideAudience } from './mediation-case.service';
import { MediationTemplate } from './mediation-notification-templates';
import { negotiatingSide } from './negotiating-side';
import { otherSide } from './offers';

const sealed = (amount: string | null, by: string | null, at: Date | null): SealedBid | null =>
  amount !== null && by !== null && at !== null ? { amount, submittedBy: by, submittedAt: at } : null;

/** The request field an unusable configuration is about (the core says it in words). */
function configField(reason: string): string {
  return /gap/.test(reason) ? 'gap' : /maxRounds/.test(reason) ? 'maxRounds' : /rounding/.test(reason) ? 'rounding' : 'currency';
}

function gapOf(body: StartBlindBiddingRequest['gap']): BlindBidGap | undefined {
  if (!body) return undefined;
  if (body.kind === 'absolute') return { kind: 'absolute', amount: body.amount! };
  if (body.kind === 'percentage') return { kind: 'percentage', percent: body.percent! };
  return { kind: 'none' };
}

/**
 * Double-blind bidding (issue 8): the HTTP shell around blind-bidding.ts. The mediator opens it;
 * each side's party or agent seals one figure per round; the second figure resolves the round.
 * Both figures are stored, and nothing but the core's views ever leaves: a side sees its own
 * figures, the mediator sees progress, nobody sees the other side's figure, and the chain and
 * notifications carry rounds and outcomes only.
 */
@Injectable()
export class BlindBiddings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly room: MediationCase,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async start(user: AuthUser, caseId: string, body: StartBlindBiddingRequest, idem: IdempotentRequest | undefined): Promise<BlindBidMediatorView> {
    await this.room.once(idem, 'blind_bidding', (record) =>
      this.db.transaction(async (tx) => {
        const { case: c } = await this.room.enter(tx, user, caseId, CaseAction.ConductMediation);
        if (await tx.existsBy(BlindBiddingRow, { caseId })) {
          // Fresh rounds would let a side bisect its way to the other's figure.
          throw new ConflictProblem('Blind bidding was already used in this case: a case has one, with its limited rounds');
        }
        const started = startBlindBidding({
          id: randomUUID(),
          currency: body.currency,
          claimantSide: body.claimantSide,
          maxRounds: body.maxRounds ?? this.config.get('BLIND_BIDDING_DEFAULT_ROUNDS'),
          gap: gapOf(body.gap),
          rounding: body.rounding,
        });
        if (!started.ok) throw refusalProblem(started, configField(started.reason));
        const r = started.record;
        await tx.insert(BlindBiddingRow, {
          id: r.id,
          caseId,
          currency: r.currency,
          claimantSide: r.claimantSide,
          maxRounds: r.maxRounds,
          gap: r.gap,
          rounding: r.rounding,
          startedBy: user.id,
          startedAt: this.clock.now(),
        });
        await this.room.record(tx, c, {
          type: 'blind_bidding_started',
          actorId: user.id,
          actorRole: CaseRole.Mediator,
          payload: { biddingId: r.id, currency: r.currency, maxRounds: r.maxRounds },
          confidential: true,
        });
        await this.room.tell(tx, c, MediationTemplate.BlindBiddingStarted, [Audience.ApplicantSide, Audience.RespondentSide], user.id);
        await record(tx, r.id);
        return r.id;
      }),
    );
    return blindBidMediatorView((await this.load(this.db.manager, caseId))!);
  }

  /** A party's own view, or the mediator's; never the record. */
  async view(user: AuthUser, caseId: string): Promise<BlindBidSideView | BlindBidMediatorView> {
    const { roles } = await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const record = await this.load(this.db.manager, caseId);
    if (!record) throw new NotFoundProblem('No blind bidding was started in this case');
    if (roles.includes(CaseRole.Mediator)) return blindBidMediatorView(record);
    return blindBidViewFor(record, this.actorOf(roles).side);
  }

  async bid(user: AuthUser, caseId: string, body: BlindBidRequest, idem: IdempotentRequest | undefined): Promise<BlindBidSideView> {
    await this.room.once(idem, 'blind_bid', (record) =>
      this.db.transaction(async (tx) => {
        const { case: c, roles } = await this.room.enter(tx, user, caseId, CaseAction.CommitParty);
        const actor = this.actorOf(roles, body.onBehalfOf);
        const current = await this.load(tx, caseId);
        if (!current) throw new NotFoundProblem('No blind bidding was started in this case');
        const submitted = submitBlindBid(current, { side: actor.side, amount: body.amount, submittedBy: user.id }, this.clock.now());
        if (!submitted.ok) throw refusalProblem(submitted, 'amount');
        await this.saveRound(tx, submitted.record, submitted.round);
        await this.announce(tx, c, submitted.record.id, submitted.round, submitted.resolution?.settled, { userId: user.id, side: actor.side, role: actorRole(actor) });
        await record(tx, current.id);
        return current.id;
      }),
    );
    // Also the answer to a replayed request: the caller's own view as it is now.
    const { roles } = await this.access.load(user, caseId);
    return blindBidViewFor((await this.load(this.db.manager, caseId))!, this.actorOf(roles, body.onBehalfOf).side);
  }

  private actorOf(roles: readonly CaseRole[], onBehalfOf?: PartySide): { side: PartySide; capacity: 'party' | 'agent' | 'mediator' } {
    const decided = negotiatingSide(roles, { onBehalfOf, mediatorMayAct: false });
    if (!decided.ok) throw refusalProblem({ code: 'side', status: decided.status, reason: decided.reason }, decided.field ?? 'onBehalfOf');
    return decided;
  }

  /** The chain and the people hear that a side bid, and how a round ended: never a figure. */
  private async announce(
    tx: EntityManager,
    c: Case,
    biddingId: string,
    round: number,
    settled: boolean | undefined,
    actor: { userId: string; side: PartySide; role: CaseRole },
  ): Promise<void> {
    await this.room.record(tx, c, {
      type: 'blind_bid_submitted',
      actorId: actor.userId,
      actorRole: actor.role,
      payload: { biddingId, round, side: actor.side },
      confidential: true,
    });
    if (settled === undefined) {
      await this.room.tell(tx, c, MediationTemplate.BlindBidSubmitted, [sideAudience(otherSide(actor.side)), Audience.Mediator], actor.userId, { round });
      return;
    }
    await this.room.record(tx, c, { type: 'blind_bid_round_resolved', actorId: null, actorRole: CaseRole.System, payload: { biddingId, round, settled }, confidential: true });
    const everyone = [Audience.ApplicantSide, Audience.RespondentSide, Audience.Mediator];
    await this.room.tell(tx, c, settled ? MediationTemplate.BlindBiddingSettled : MediationTemplate.BlindBiddingNotSettled, everyone, null, { round });
  }

  private async load(manager: EntityManager, caseId: string): Promise<BlindBiddingRecord | undefined> {
    const row = await manager.findOneBy(BlindBiddingRow, { caseId });
    if (!row) return undefined;
    const rounds = await manager.find(BlindBidRoundRow, { where: { biddingId: row.id }, order: { number: 'ASC' } });
    return {
      id: row.id,
      currency: row.currency,
      claimantSide: row.claimantSide,
      maxRounds: row.maxRounds,
      gap: row.gap,
      rounding: row.rounding,
      rounds: rounds.map((r) => ({
        number: r.number,
        claimant: sealed(r.claimantAmount, r.claimantBy, r.claimantAt),
        respondent: sealed(r.respondentAmount, r.respondentBy, r.respondentAt),
        resolvedAt: r.resolvedAt,
        settled: r.settled,
        settlementAmount: r.settlementAmount,
      })),
    };
  }

  private async saveRound(tx: EntityManager, record: BlindBiddingRecord, number: number): Promise<void> {
    const r = record.rounds.find((x) => x.number === number)!;
    await tx.upsert(
      BlindBidRoundRow,
      {
        biddingId: record.id,
        number,
        claimantAmount: r.claimant?.amount ?? null,
        claimantBy: r.claimant?.submittedBy ?? null,
        claimantAt: r.claimant?.submittedAt ?? null,
        respondentAmount: r.respondent?.amount ?? null,
        respondentBy: r.respondent?.submittedBy ?? null,
        respondentAt: r.respondent?.submittedAt ?? null,
        resolvedAt: r.resolvedAt,
        settled: r.settled,
        settlementAmount: r.settlementAmount,
      },
      ['biddingId', 'number'],
    );
  }
}
