import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import type { Case } from '../../cases/entities/case.entity';
import type { PartySide } from '../../cases/entities/case-party.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { actingFor } from '../../confirmation/case-settlement';
import { Clock } from '../../infrastructure/clock/clock';
import type { TemplateKey } from '../../notifications/notification-templates';
import { performanceEventProblem, type PerformanceEvent } from '../performance-rules';
import { PerformanceEventRecord, PerformanceItem } from '../performance-item.entity';
import { asEvent, PERFORMING, sideAudience, tracked } from '../performance-items';
import { PerformanceTracking } from '../performance-tracking';

/** The step that reporting, confirming and disputing performance share. */
@Injectable()
export class PerformanceStep {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly tracking: PerformanceTracking,
    private readonly clock: Clock,
  ) {}

  /**
   * One performance event, checked by the pure rules, recorded with its side effects in one
   * transaction under the case lock (so two answers to one report cannot both land).
   */
  async run(
    user: AuthUser,
    caseId: string,
    itemId: string,
    type: PerformanceEventRecord['type'],
    prepare: (
      tx: EntityManager,
      ctx: { item: PerformanceItem; roles: CaseRole[] },
    ) => Promise<{ documentIds?: string[]; note?: string | null; reason?: string; notify?: PartySide[]; template?: TemplateKey }>,
    after?: (tx: EntityManager, ctx: { item: PerformanceItem; case: Case }) => Promise<void>,
  ): Promise<void> {
    const { case: visible } = await this.access.load(user, caseId);
    await this.tracking.ensureTracked(visible);
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.load(user, caseId, tx);
      if (!PERFORMING.includes(c.status)) throw new ConflictProblem(`The case is ${c.status}: performance is no longer being tracked`);
      const item = await tx.findOne(PerformanceItem, { where: { id: itemId, caseId, supersededAt: IsNull() } });
      if (!item) throw new NotFoundProblem(`No obligation ${itemId} in this case`);
      // Who may is asked only now, so that everyone who sees the case learns the state first.
      await this.access.require(user, caseId, type === 'reported' ? CaseAction.ReportPerformance : CaseAction.AnswerPerformanceReport, tx);
      const acting = await actingFor(tx, caseId, user.id, roles);
      const wanted = type === 'reported' ? item.obligorSide : item.beneficiarySide;
      const wantedIds = type === 'reported' ? item.obligorPartyIds : item.beneficiaryPartyIds;
      // The policy let a party through; only this obligation's own side (and party) takes this step.
      if (!acting.sides.includes(wanted) || (wantedIds && !acting.partyIds.some((p) => wantedIds.includes(p)))) {
        throw new ForbiddenProblem(
          type === 'reported'
            ? 'Only the obligated party (or its agent) reports performance of this obligation'
            : 'Only the beneficiary (or its agent) answers a report of this obligation',
        );
      }
      const extra = await prepare(tx, { item, roles });
      const now = this.clock.now();
      const history = await tx.find(PerformanceEventRecord, { where: { itemId }, order: { at: 'ASC' } });
      const base = { obligationId: item.itemKey, at: now, by: user.id, side: wanted };
      const candidate: PerformanceEvent =
        type === 'reported'
          ? { ...base, type, documentIds: extra.documentIds ?? [], note: extra.note }
          : type === 'confirmed'
            ? { ...base, type }
            : { ...base, type, reason: extra.reason ?? '' };
      const problem = performanceEventProblem(
        tracked(item),
        history.map((e) => asEvent(item, e)),
        candidate,
      );
      if (problem) throw new ConflictProblem(problem);
      const saved = await tx.save(PerformanceEventRecord, {
        itemId,
        caseId,
        type,
        at: now,
        by: user.id,
        side: wanted,
        documentIds: extra.documentIds ?? [],
        note: extra.note ?? null,
        reason: extra.reason ?? null,
      });
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: `performance_${type}`,
        actorId: user.id,
        actorRole: roles.find((r) => r !== CaseRole.Admin && r !== CaseRole.Intake) ?? roles[0],
        payload: { itemId, itemKey: item.itemKey, eventId: saved.id, documentIds: saved.documentIds, note: saved.note, reason: saved.reason },
      });
      if (extra.template && extra.notify) {
        await this.tracking.notifySides(tx, c, extra.notify.map(sideAudience), extra.template, item, user.id, `${extra.template}:${saved.id}`);
      }
      await after?.(tx, { item, case: c });
    });
  }
}
