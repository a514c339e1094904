import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { ANY_PARTY, CaseRole } from '../cases/lifecycle/case-roles';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import type { IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { DeadlineKind } from '../deadlines/deadline-kinds';
import { Deadline } from '../deadlines/deadline.entity';
import { Clock } from '../infrastructure/clock/clock';
import { Audience } from '../notifications/lifecycle-notifications';
import { extensionOutcome } from './extension-consent';
import { MediationCase } from './mediation-case.service';
import { MediationTemplate } from './mediation-notification-templates';
import { PeriodExtension, PeriodExtensionAnswer, PeriodPause } from './mediation-period.entity';
import { ExtensionView, MediationPeriodView, type ExtensionAnswerRequest, type PausePeriodRequest, type ProposeExtensionRequest } from './mediation-period.dto';

const PARTIES = [Audience.ApplicantSide, Audience.RespondentSide];

/**
 * The mediation period (docs/procedural-rules.md B7; OMR 24, 26): the mediator pauses it for appraisal or
 * valuation and resumes it (the deadline keeps the time that was left), and proposes an
 * extension that takes effect only when every party has consented online; one refusal ends the
 * proposal. The period's expiry (a deadline) closes the case; the failure report follows it.
 */
@Injectable()
export class MediationPeriods {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly room: MediationCase,
    private readonly transitions: CaseTransitions,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Leaving mediation (settling, closing, re-assigning) ends a pause and lapses a pending proposal. */
  @TransitionEffect('period.close')
  async closeOnLeaving(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const now = this.clock.now();
    await tx.query(`UPDATE mediation_period_pauses SET ended_at = $2, ended_how = 'closed' WHERE case_id = $1 AND ended_at IS NULL`, [fired.case.id, now]);
    await tx.query(`UPDATE period_extensions SET status = 'lapsed', decided_at = $2 WHERE case_id = $1 AND status = 'pending'`, [fired.case.id, now]);
  }

  async view(user: AuthUser, caseId: string, manager: EntityManager = this.db.manager): Promise<MediationPeriodView> {
    await this.access.require(user, caseId, CaseAction.ViewTimeline, manager);
    const deadline = await manager.findOne(Deadline, { where: { caseId, kind: DeadlineKind.MediationPeriod }, order: { createdAt: 'DESC' } });
    const pauses = await manager.find(PeriodPause, { where: { caseId }, order: { pausedAt: 'ASC' } });
    const extensions = await manager.find(PeriodExtension, { where: { caseId }, order: { proposedAt: 'ASC' } });
    const parties = await this.partyIds(manager, caseId);
    const views: ExtensionView[] = [];
    for (const e of extensions) views.push(ExtensionView.of(e, await manager.find(PeriodExtensionAnswer, { where: { extensionId: e.id }, order: { answeredAt: 'ASC' } }), parties));
    return MediationPeriodView.of(caseId, deadline, pauses, views);
  }

  async pause(user: AuthUser, caseId: string, body: PausePeriodRequest): Promise<MediationPeriodView> {
    return this.db.transaction(async (tx) => {
      await this.room.enter(tx, user, caseId, CaseAction.ConductMediation);
      if (await tx.existsBy(PeriodPause, { caseId, endedAt: IsNull() })) throw new ConflictProblem('The mediation period is already paused');
      const deadline = await this.runningDeadline(tx, caseId);
      if (!deadline) throw new ConflictProblem('The mediation period is not running, so there is nothing to pause');
      const id = randomUUID();
      await this.transitions.fire(
        { caseId, event: CaseEvent.PausePeriod, actor: { kind: 'user', user }, payload: { pauseId: id, ground: body.ground, reason: body.reason }, triggers: ['feature'] },
        tx,
      );
      await tx.insert(PeriodPause, { id, caseId, ground: body.ground, reason: body.reason, pausedBy: user.id, pausedAt: this.clock.now() });
      return this.view(user, caseId, tx);
    });
  }

  async resume(user: AuthUser, caseId: string): Promise<MediationPeriodView> {
    return this.db.transaction(async (tx) => {
      await this.room.enter(tx, user, caseId, CaseAction.ConductMediation);
      const pause = await tx.findOneBy(PeriodPause, { caseId, endedAt: IsNull() });
      if (!pause) throw new ConflictProblem('The mediation period is not paused');
      await this.transitions.fire({ caseId, event: CaseEvent.ResumePeriod, actor: { kind: 'user', user }, payload: { pauseId: pause.id }, triggers: ['feature'] }, tx);
      await tx.update(PeriodPause, { id: pause.id }, { endedAt: this.clock.now(), endedBy: user.id, endedHow: 'resumed' });
      return this.view(user, caseId, tx);
    });
  }

  /** The mediator proposes; every party is asked. One proposal at a time. */
  async propose(user: AuthUser, caseId: string, body: ProposeExtensionRequest, idem: IdempotentRequest | undefined): Promise<ExtensionView> {
    const max = this.config.get('MEDIATION_EXTENSION_MAX_DAYS');
    if (body.days > max) throw new ValidationProblem([{ field: 'days', rule: 'max', message: `days must be at most ${max} (MEDIATION_EXTENSION_MAX_DAYS)` }]);
    const id = await this.room.once(idem, 'period_extension', (record) =>
      this.db.transaction(async (tx) => {
        const { case: c } = await this.room.enter(tx, user, caseId, CaseAction.ConductMediation);
        if (!(await this.runningDeadline(tx, caseId))) throw new ConflictProblem('The mediation period is not running, so there is nothing to extend');
        if (await tx.existsBy(PeriodExtension, { caseId, status: 'pending' })) throw new ConflictProblem('An extension is already waiting for the parties’ answers');
        const extensionId = randomUUID();
        await tx.insert(PeriodExtension, { id: extensionId, caseId, days: body.days, reason: body.reason, proposedBy: user.id, proposedAt: this.clock.now(), status: 'pending' });
        await this.room.record(tx, c, {
          type: 'period_extension_proposed',
          actorId: user.id,
          actorRole: CaseRole.Mediator,
          payload: { extensionId, days: body.days, reason: body.reason },
        });
        await this.room.tell(tx, c, MediationTemplate.ExtensionProposed, PARTIES, user.id, { extensionId, reason: body.reason });
        await record(tx, extensionId);
        return extensionId;
      }),
    );
    return this.extension(caseId, id);
  }

  /**
   * A party (or its agent) answers for its party. A refusal ends the proposal; the last consent
   * fires extend_period, whose deadline effect moves the period's end by the days proposed.
   */
  async answer(user: AuthUser, caseId: string, extensionId: string, body: ExtensionAnswerRequest): Promise<ExtensionView> {
    await this.db.transaction(async (tx) => {
      const { case: c, roles } = await this.room.enter(tx, user, caseId, CaseAction.CommitParty);
      const extension = await tx.findOneBy(PeriodExtension, { id: extensionId, caseId });
      if (!extension) throw new NotFoundProblem(`There is no extension proposal ${extensionId} in this case`);
      if (extension.status !== 'pending') throw new ConflictProblem(`This proposal was ${extension.status}: it takes no more answers`);
      const partyId = await this.partyFor(tx, caseId, user, body.partyId);
      if (await tx.existsBy(PeriodExtensionAnswer, { extensionId, partyId })) throw new ConflictProblem('This party has already answered the proposal');
      const now = this.clock.now();
      await tx.insert(PeriodExtensionAnswer, { extensionId, partyId, userId: user.id, consent: body.consent, reason: body.reason ?? null, answeredAt: now });
      await this.room.record(tx, c, {
        type: body.consent ? 'period_extension_consented' : 'period_extension_declined',
        actorId: user.id,
        actorRole: roles.find((r) => (ANY_PARTY as readonly CaseRole[]).includes(r))!,
        payload: { extensionId, partyId, ...(body.reason ? { reason: body.reason } : {}) },
      });
      const outcome = extensionOutcome(await this.partyIds(tx, caseId), await tx.findBy(PeriodExtensionAnswer, { extensionId }));
      if (outcome.state === 'declined') {
        await tx.update(PeriodExtension, { id: extensionId }, { status: 'declined', decidedAt: now });
        await this.room.tell(tx, c, MediationTemplate.ExtensionDeclined, [...PARTIES, Audience.Mediator], user.id, { extensionId });
      } else if (outcome.state === 'granted') {
        await this.grant(tx, c, extension);
      }
    });
    return this.extension(caseId, extensionId);
  }

  private async grant(tx: EntityManager, c: Case, extension: PeriodExtension): Promise<void> {
    if (!(await this.runningDeadline(tx, c.id))) throw new ConflictProblem('The mediation period is no longer running');
    await this.transitions.fire(
      {
        caseId: c.id,
        event: CaseEvent.ExtendPeriod,
        actor: { kind: 'system', reason: `every party consented to extension ${extension.id}` },
        facts: { allPartiesConsented: true },
        // extendDays is what the table's deadlines.extend effect reads.
        payload: { extensionId: extension.id, extendDays: extension.days, reason: extension.reason },
        triggers: ['feature'],
      },
      tx,
    );
    const moved = (await this.runningDeadline(tx, c.id))!;
    await tx.update(PeriodExtension, { id: extension.id }, { status: 'granted', decidedAt: this.clock.now(), newDueAt: moved.dueAt });
  }

  private async extension(caseId: string, id: string): Promise<ExtensionView> {
    const e = await this.db.getRepository(PeriodExtension).findOneByOrFail({ id, caseId });
    return ExtensionView.of(
      e,
      await this.db.getRepository(PeriodExtensionAnswer).find({ where: { extensionId: id }, order: { answeredAt: 'ASC' } }),
      await this.partyIds(this.db.manager, caseId),
    );
  }

  private runningDeadline(manager: EntityManager, caseId: string): Promise<Deadline | null> {
    return manager.findOne(Deadline, { where: { caseId, kind: DeadlineKind.MediationPeriod, firedAt: IsNull(), cancelledAt: IsNull() } });
  }

  private async partyIds(manager: EntityManager, caseId: string): Promise<string[]> {
    return (await manager.find(CaseParty, { where: { caseId }, select: { id: true }, order: { side: 'ASC', position: 'ASC' } })).map((p) => p.id);
  }

  /** The party this person answers for: its own, or the one it is an agent of; named when there are several. */
  private async partyFor(tx: EntityManager, caseId: string, user: AuthUser, named?: string): Promise<string> {
    const own = (
      (await tx.query(`SELECT id FROM case_parties WHERE case_id = $1 AND user_id = $2 UNION SELECT party_id FROM case_agents WHERE case_id = $1 AND user_id = $2`, [
        caseId,
        user.id,
      ])) as { id: string }[]
    ).map((r) => r.id);
    if (named) {
      if (!own.includes(named)) throw new ForbiddenProblem('You do not act for that party');
      return named;
    }
    if (own.length === 1) return own[0];
    throw new ValidationProblem([{ field: 'partyId', rule: 'required', message: 'partyId is required: you act for more than one party of this case' }]);
  }
}
