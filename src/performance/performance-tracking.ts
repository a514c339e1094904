import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { effectiveAgreement } from '../confirmation/case-settlement';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { loadCaseAudiences } from '../notifications/case-audiences';
import { Audience, resolveRecipients } from '../notifications/lifecycle-notifications';
import { OBLIGATION_OVERDUE_TEMPLATE, type TemplateKey } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { Outbox } from '../outbox/outbox.service';
import { allPerformed, obligationStatusAt, reminderDates, trackObligations } from './performance-rules';
import { PerformanceEventRecord, PerformanceItem } from './performance-item.entity';
import { asEvent, obligationSummary, PERFORMING, tracked, type ItemState } from './performance-items';

/**
 * Performance of a settlement (docs/procedural-rules.md E24-E25). The effective agreement's obligations become
 * tracked items when the agreement takes effect (or, lazily, the first time anyone looks); the
 * obligated side reports performance with proof, the beneficiary confirms or disputes; reminders
 * before the last day and an overdue flag after it are rows with delayed jobs (and a sweep for
 * lost jobs); every item confirmed closes the case as fulfilled; a declared default closes it as
 * defaulted, recording for a confirmed case the window for applying for enforcement.
 *
 * This provider holds the steps the actions, the reader, the effects and the jobs share: tracking,
 * the items' states, closing once fulfilled, and the overdue flag with its notices.
 */
@Injectable()
export class PerformanceTracking {
  private readonly logger = new Logger(PerformanceTracking.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly notifier: Notifier,
    private readonly outbox: Outbox,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Track the effective agreement's obligations (idempotent): one item per obligation or
   * instalment, its reminders and the job that flags it overdue, in the caller's transaction.
   * Called when the agreement takes effect, and by anyone who finds a settled case untracked.
   */
  async track(tx: EntityManager, caseId: string): Promise<PerformanceItem[]> {
    const version = await effectiveAgreement(tx, caseId);
    if (!version) {
      this.logger.warn({ caseId }, 'no effective agreement version to track');
      return [];
    }
    const now = this.clock.now();
    const created: PerformanceItem[] = [];
    const jobs: Parameters<Outbox['addMany']>[1] = [];
    for (const o of trackObligations(version.content.performance, version.effectiveAt!, this.calendar)) {
      const description = version.content.performance.obligations.find((x) => x.id === o.obligationId)?.description ?? null;
      const [row] = (await tx.query(
        `INSERT INTO performance_items (case_id, agreement_version_id, item_key, obligation_id, instalment, kind, obligor_side, beneficiary_side,
           obligor_party_ids, beneficiary_party_ids, amount, currency, act, description, last_day, due_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (agreement_version_id, item_key) DO NOTHING RETURNING id`,
        [
          caseId,
          version.id,
          o.id,
          o.obligationId,
          o.instalment,
          o.kind,
          o.obligorSide,
          o.beneficiarySide,
          o.obligorPartyIds ?? null,
          o.beneficiaryPartyIds ?? null,
          o.amount ?? null,
          o.currency ?? null,
          o.act ?? null,
          description,
          o.lastDay,
          o.dueAt,
        ],
      )) as { id: string }[];
      if (!row) continue;
      const item = await tx.findOneByOrFail(PerformanceItem, { id: row.id });
      created.push(item);
      const days = this.config.get('OBLIGATION_REMINDER_WORKING_DAYS_BEFORE');
      for (const remindAt of reminderDates(item.dueAt, this.calendar, days, { after: now, localTime: this.config.get('OBLIGATION_REMINDER_TIME') })) {
        const [reminder] = (await tx.query(`INSERT INTO performance_reminders (item_id, remind_at) VALUES ($1, $2) RETURNING id`, [item.id, remindAt])) as { id: string }[];
        jobs.push({ job: JobName.RemindObligation, data: { reminderId: reminder.id }, runAt: remindAt });
      }
      jobs.push({ job: JobName.FlagOverdueObligation, data: { itemId: item.id }, runAt: item.dueAt });
    }
    await this.outbox.addMany(tx, jobs);
    if (created.length > 0) {
      const c = await tx.findOneByOrFail(Case, { id: caseId });
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'performance_tracked',
        actorId: null,
        actorRole: CaseRole.System,
        payload: { agreementVersionId: version.id, items: created.map((i) => ({ id: i.id, key: i.itemKey, lastDay: i.lastDay })) },
      });
    }
    return created;
  }

  /** Lazily track a performing case whose agreement took effect without the listener (or before it existed). */
  async ensureTracked(c: Case): Promise<void> {
    if (!PERFORMING.includes(c.status)) return;
    const count = await this.db.getRepository(PerformanceItem).count({ where: { caseId: c.id, supersededAt: IsNull() } });
    if (count === 0) await this.trackNow(c.id);
  }

  /** Track a case found untracked (idempotent under the case lock); how many items it made. */
  async trackNow(caseId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      return (await this.track(tx, caseId)).length;
    });
  }

  /** Each tracked item of the case with its events and its status at `now`. */
  async states(manager: EntityManager, caseId: string, now = this.clock.now()): Promise<ItemState[]> {
    const items = await manager.find(PerformanceItem, { where: { caseId, supersededAt: IsNull() }, order: { dueAt: 'ASC', itemKey: 'ASC' } });
    const all = items.length ? await manager.find(PerformanceEventRecord, { where: { caseId }, order: { at: 'ASC' } }) : [];
    return items.map((item) => {
      const events = all.filter((e) => e.itemId === item.id);
      return {
        item,
        events,
        status: obligationStatusAt(
          tracked(item),
          events.map((e) => asEvent(item, e)),
          now,
        ),
      };
    });
  }

  /** Every item confirmed, and the case where it can close: closed (fulfilled). */
  async closeIfFulfilled(tx: EntityManager, caseId: string): Promise<boolean> {
    const c = await tx.findOneByOrFail(Case, { id: caseId });
    if (c.status !== CaseStatus.Settled && c.status !== CaseStatus.Confirmed) return false;
    const items = await this.states(tx, caseId);
    if (!allPerformed(items)) return false;
    await this.transitions.fire(
      {
        caseId,
        event: CaseEvent.ObligationsFulfilled,
        actor: { kind: 'system', reason: 'every obligation performed and confirmed' },
        payload: { items: items.map((s) => s.item.itemKey) },
        triggers: ['feature'],
      },
      tx,
    );
    return true;
  }

  /** Raise the overdue flag once, in the case's chain, and tell the mediator and both sides. The caller holds the case lock. */
  async flagOverdue(tx: EntityManager, item: PerformanceItem, c: Case): Promise<boolean> {
    const now = this.clock.now();
    const [rows] = (await tx.query(`UPDATE performance_items SET overdue_flagged_at = $2 WHERE id = $1 AND overdue_flagged_at IS NULL RETURNING id`, [item.id, now])) as [
      { id: string }[],
      number,
    ];
    if (rows.length === 0) return false;
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
      type: 'obligation_overdue',
      actorId: null,
      actorRole: CaseRole.System,
      payload: { itemId: item.id, itemKey: item.itemKey, lastDay: item.lastDay, dueAt: item.dueAt.toISOString() },
    });
    await this.notifySides(tx, c, [Audience.Mediator, Audience.ApplicantSide, Audience.RespondentSide], OBLIGATION_OVERDUE_TEMPLATE, item, null, `obligation-overdue:${item.id}`);
    return true;
  }

  async notifySides(tx: EntityManager, c: Case, audiences: Audience[], template: TemplateKey, item: PerformanceItem, actorId: string | null, dedupeKey: string): Promise<void> {
    const people = await loadCaseAudiences(tx, c, audiences);
    await this.notifier.notify(tx, {
      userIds: resolveRecipients(audiences, people, actorId),
      known: people.contacts,
      template,
      caseId: c.id,
      data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, obligation: obligationSummary(item), itemId: item.id, dueAt: item.dueAt.toISOString() },
      dedupeKey,
    });
  }
}
