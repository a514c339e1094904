import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseAction, canSeeDocument } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem, type FieldError } from '../common/errors/problem';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { actingFor, effectiveAgreement } from '../confirmation/case-settlement';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { loadCaseAudiences } from '../notifications/case-audiences';
import { Audience, resolveRecipients } from '../notifications/lifecycle-notifications';
import {
  OBLIGATION_OVERDUE_TEMPLATE,
  OBLIGATION_REMINDER_TEMPLATE,
  PERFORMANCE_DISPUTED_TEMPLATE,
  PERFORMANCE_REPORTED_TEMPLATE,
  type TemplateKey,
  type ObligationSummary,
} from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { Outbox } from '../outbox/outbox.service';
import {
  allPerformed,
  enforcementWindow,
  obligationStatusAt,
  ObligationStatus,
  performanceEventProblem,
  reminderDates,
  trackObligations,
  type EnforcementWindow,
  type PerformanceEvent,
  type TrackedObligation,
} from './performance-rules';
import { PerformanceDefault, PerformanceEventRecord, PerformanceItem, PerformanceReminder } from './performance-item.entity';

/** States in which an effective agreement is being performed (and so tracked). */
export const PERFORMING: readonly CaseStatus[] = [
  CaseStatus.Settled,
  CaseStatus.ConfirmationRequested,
  CaseStatus.UnderCourtReview,
  CaseStatus.ConfirmationRejected,
  CaseStatus.Confirmed,
];

export interface ItemState {
  item: PerformanceItem;
  events: PerformanceEventRecord[];
  status: ObligationStatus;
}

export interface PerformanceOverview {
  caseId: string;
  caseStatus: CaseStatus;
  items: ItemState[];
  allPerformed: boolean;
  defaultDeclared: PerformanceDefault | null;
}

export type JobOutcome = 'sent' | 'flagged' | 'skipped' | 'not_due' | 'missing' | 'done';

const tracked = (i: PerformanceItem): TrackedObligation => ({
  id: i.itemKey,
  obligationId: i.obligationId,
  instalment: i.instalment,
  kind: i.kind,
  obligorSide: i.obligorSide,
  beneficiarySide: i.beneficiarySide,
  lastDay: i.lastDay,
  dueAt: i.dueAt,
});

const asEvent = (i: PerformanceItem, e: PerformanceEventRecord): PerformanceEvent =>
  e.type === 'reported'
    ? { type: 'reported', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side, documentIds: e.documentIds, note: e.note }
    : e.type === 'confirmed'
      ? { type: 'confirmed', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side }
      : { type: 'disputed', obligationId: i.itemKey, at: e.at, by: e.by, side: e.side, reason: e.reason ?? '' };

/** What a notification names of the item; it is worded and formatted in each reader's language when rendered. */
const describe = (i: PerformanceItem): ObligationSummary =>
  i.kind === 'money' ? { kind: 'money', amount: i.amount ?? '0', currency: i.currency ?? 'CNY', lastDay: i.lastDay } : { kind: 'act', act: i.act ?? '', lastDay: i.lastDay };
const sideAudience = (side: PartySide): Audience => (side === PartySide.Applicant ? Audience.ApplicantSide : Audience.RespondentSide);

/**
 * Performance of a settlement (docs/procedural-rules.md E24-E25). The effective agreement's obligations become
 * tracked items when the agreement takes effect (or, lazily, the first time anyone looks); the
 * obligated side reports performance with proof, the beneficiary confirms or disputes; reminders
 * before the last day and an overdue flag after it are rows with delayed jobs (and a sweep for
 * lost jobs); every item confirmed closes the case as fulfilled; a declared default closes it as
 * defaulted, recording for a confirmed case the window for applying for enforcement.
 */
@Injectable()
export class PerformanceService {
  private readonly logger = new Logger(PerformanceService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly notifier: Notifier,
    private readonly outbox: Outbox,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The agreement took effect: its obligations are tracked from now. */
  @TransitionEffect('performance.track')
  async trackOnEffect(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.track(tx, fired.case.id);
  }

  /** The agreement is reopened (mediation resumed after a rejection): its schedule is no longer tracked. */
  @TransitionEffect('performance.stopTracking')
  async stopTracking(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const now = this.clock.now();
    await tx.query(`UPDATE performance_items SET superseded_at = $2 WHERE case_id = $1 AND superseded_at IS NULL`, [fired.case.id, now]);
    await tx.query(
      `UPDATE performance_reminders r SET skipped = 'agreement reopened' FROM performance_items i
       WHERE r.item_id = i.id AND i.case_id = $1 AND r.sent_at IS NULL AND r.skipped IS NULL`,
      [fired.case.id],
    );
  }

  /** Performance finished while the court had the case: it closes once the court is done. */
  @TransitionEffect('performance.closeIfFulfilled')
  async closeOnceCourtIsDone(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.closeIfFulfilled(tx, fired.case.id);
  }

  // ── Tracking ──────────────────────────────────────────────────────────────────────────────

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
  private async ensureTracked(c: Case): Promise<void> {
    if (!PERFORMING.includes(c.status)) return;
    const count = await this.db.getRepository(PerformanceItem).count({ where: { caseId: c.id, supersededAt: IsNull() } });
    if (count === 0) await this.trackNow(c.id);
  }

  private async states(manager: EntityManager, caseId: string, now = this.clock.now()): Promise<ItemState[]> {
    const items = await manager.find(PerformanceItem, { where: { caseId, supersededAt: IsNull() }, order: { dueAt: 'ASC', itemKey: 'ASC' } });
    const all = items.length ? await manager.find(PerformanceEventRecord, { where: { caseId }, order: { at: 'ASC' } }) : [];
    return items.map((item) => {
      const events = all.filter((e) => e.itemId === item.id);
      return { item, events, status: obligationStatusAt(tracked(item), events.map((e) => asEvent(item, e)), now) };
    });
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────

  async overview(user: AuthUser, caseId: string): Promise<PerformanceOverview> {
    const { case: c } = await this.access.load(user, caseId);
    await this.ensureTracked(c);
    const items = await this.states(this.db.manager, caseId);
    return {
      caseId,
      caseStatus: c.status,
      items,
      allPerformed: allPerformed(items),
      defaultDeclared: await this.db.getRepository(PerformanceDefault).findOneBy({ caseId }),
    };
  }

  // ── The parties' steps ────────────────────────────────────────────────────────────────────

  /** The obligated side reports performance, with proof documents (PerformanceProof uploads). */
  async report(user: AuthUser, caseId: string, itemId: string, body: { documentIds: string[]; note?: string }): Promise<void> {
    await this.step(user, caseId, itemId, 'reported', async (tx, ctx) => {
      const errors = await this.proofProblems(tx, ctx.roles, caseId, body.documentIds, user.id);
      if (errors.length > 0) throw new ValidationProblem(errors);
      return { documentIds: body.documentIds, note: body.note ?? null, notify: [ctx.item.beneficiarySide], template: PERFORMANCE_REPORTED_TEMPLATE };
    });
  }

  /** The beneficiary confirms performance; every item confirmed closes the case as fulfilled. */
  async confirm(user: AuthUser, caseId: string, itemId: string): Promise<void> {
    await this.step(user, caseId, itemId, 'confirmed', async () => ({}), async (tx) => {
      await this.closeIfFulfilled(tx, caseId);
    });
  }

  /** The beneficiary disputes the last report; past the last day the item is flagged overdue at once. */
  async dispute(user: AuthUser, caseId: string, itemId: string, body: { reason: string }): Promise<void> {
    await this.step(
      user,
      caseId,
      itemId,
      'disputed',
      async (_tx, ctx) => ({ reason: body.reason, notify: [ctx.item.obligorSide], template: PERFORMANCE_DISPUTED_TEMPLATE }),
      async (tx, ctx) => {
        if (ctx.item.dueAt.getTime() <= this.clock.nowMs()) await this.flagOverdue(tx, ctx.item, ctx.case);
      },
    );
  }

  /**
   * One performance event, checked by the pure rules, recorded with its side effects in one
   * transaction under the case lock (so two answers to one report cannot both land).
   */
  private async step(
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
    await this.ensureTracked(visible);
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
        throw new ForbiddenProblem(type === 'reported' ? 'Only the obligated party (or its agent) reports performance of this obligation' : 'Only the beneficiary (or its agent) answers a report of this obligation');
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
      const problem = performanceEventProblem(tracked(item), history.map((e) => asEvent(item, e)), candidate);
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
        await this.notifySides(tx, c, extra.notify.map(sideAudience), extra.template, item, user.id, `${extra.template}:${saved.id}`);
      }
      await after?.(tx, { item, case: c });
    });
  }

  private async proofProblems(tx: EntityManager, roles: CaseRole[], caseId: string, documentIds: readonly string[], userId: string): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, id] of documentIds.entries()) {
      const doc = await tx.findOne(CaseDocument, { where: { id, caseId } });
      if (!doc || !canSeeDocument(roles, doc, userId)) errors.push({ field: `documentIds.${i}`, rule: 'isCaseDocument', message: `documentIds.${i} is not a document of this case` });
      else if (doc.kind !== DocumentKind.PerformanceProof) errors.push({ field: `documentIds.${i}`, rule: 'kind', message: `documentIds.${i} must be uploaded as kind performance_proof` });
      else if (doc.visibility === DocumentVisibility.OwnSideAndMediator) {
        errors.push({ field: `documentIds.${i}`, rule: 'visibility', message: `documentIds.${i} is private to your side: the beneficiary must be able to see the proof` });
      }
    }
    return errors;
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

  // ── Default (docs/procedural-rules.md E25) ────────────────────────────────────────────────

  /**
   * The beneficiary of an overdue obligation, or the mediator, declares a default: the case
   * closes (defaulted); for a confirmed case, with the 2-year window for applying to the court
   * for enforcement, counted from the last day of performance (CPL 250).
   */
  async declareDefault(user: AuthUser, caseId: string, body: { reason: string; expectedVersion?: number }): Promise<PerformanceDefault> {
    const { case: visible } = await this.access.load(user, caseId);
    await this.ensureTracked(visible);
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.load(user, caseId, tx);
      if (c.status !== CaseStatus.Settled && c.status !== CaseStatus.Confirmed) {
        throw new ConflictProblem(`A default is declared on a settled or confirmed case; this one is ${c.status}`);
      }
      const states = await this.states(tx, caseId);
      const overdue = states.filter((s) => s.status === ObligationStatus.Overdue);
      if (overdue.length === 0) throw new ConflictProblem('No obligation is overdue: a default is declared only once an obligation is past due without confirmed performance');
      // Who may is asked only now, so that everyone who sees the case learns the state first.
      await this.access.require(user, caseId, CaseAction.DeclareDefault, tx);
      const mediator = roles.includes(CaseRole.Mediator);
      const acting = await actingFor(tx, caseId, user.id, roles);
      const beneficiary = overdue.some((s) => acting.sides.includes(s.item.beneficiarySide));
      // The policy let a party through; only the beneficiary of an overdue obligation declares.
      if (!mediator && !beneficiary) throw new ForbiddenProblem('Only the beneficiary of an overdue obligation (or its agent), or the mediator, declares a default');
      const window: EnforcementWindow | null =
        c.status === CaseStatus.Confirmed ? enforcementWindow(states.map((s) => tracked(s.item)), this.calendar, this.config.get('ENFORCEMENT_WINDOW_YEARS')) : null;
      const court = window && c.confirmingCourtId ? ((await tx.query(`SELECT name FROM organisations WHERE id = $1`, [c.confirmingCourtId])) as { name: string }[])[0] : undefined;
      const record = await tx.save(PerformanceDefault, {
        caseId,
        declaredBy: user.id,
        declaredRole: mediator ? CaseRole.Mediator : beneficiary ? 'beneficiary' : 'party',
        declaredAt: this.clock.now(),
        reason: body.reason,
        overdueItemIds: overdue.map((s) => s.item.id),
        confirmed: c.status === CaseStatus.Confirmed,
        enforcementCourtId: window ? c.confirmingCourtId : null,
        enforcementCountedFrom: window?.countedFrom ?? null,
        enforcementLastDay: window?.lastDay ?? null,
        enforcementEndsAt: window?.endsAt ?? null,
      });
      const years = this.config.get('ENFORCEMENT_WINDOW_YEARS');
      const outcomeReason = window
        ? `Default declared: ${body.reason}. Apply to ${court?.name ?? 'the confirming court'} for enforcement by ${window.lastDay} (${years} years from ${window.countedFrom}, CPL 250)`
        : `Default declared: ${body.reason}`;
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.DeclareDefault,
          actor: { kind: 'user', user },
          expectedVersion: body.expectedVersion,
          payload: {
            reason: body.reason,
            overdueItems: overdue.map((s) => s.item.itemKey),
            enforcementWindow: window ? { courtId: c.confirmingCourtId, countedFrom: window.countedFrom, lastDay: window.lastDay, endsAt: window.endsAt.toISOString() } : null,
          },
          set: { outcomeReason },
          triggers: ['feature'],
        },
        tx,
      );
      return record;
    });
  }

  // ── Reminders and the overdue flag (jobs and the sweep) ──────────────────────────────────

  /** Send one reminder if it is due and still useful; idempotent (the row and a dedupe key). */
  async sendReminder(reminderId: string): Promise<JobOutcome> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOne(PerformanceReminder, { where: { id: reminderId } });
      if (!found) return 'missing';
      const item = await tx.findOneByOrFail(PerformanceItem, { id: found.itemId });
      await this.events.lockCase(tx, item.caseId);
      const r = await tx.findOneOrFail(PerformanceReminder, { where: { id: reminderId }, lock: { mode: 'pessimistic_write' } });
      if (r.sentAt || r.skipped) return 'done';
      const now = this.clock.now();
      if (r.remindAt.getTime() > now.getTime()) return 'not_due';
      const c = await tx.findOneByOrFail(Case, { id: item.caseId });
      const [state] = (await this.states(tx, item.caseId, now)).filter((s) => s.item.id === item.id);
      const skip = !PERFORMING.includes(c.status)
        ? `case ${c.status}`
        : !state
          ? 'no longer tracked'
          : state.status === ObligationStatus.Confirmed || state.status === ObligationStatus.Reported
            ? `obligation ${state.status}`
            : now.getTime() >= item.dueAt.getTime()
              ? 'past due'
              : undefined;
      if (skip) {
        await tx.update(PerformanceReminder, { id: r.id }, { skipped: skip });
        return 'skipped';
      }
      await this.notifySides(tx, c, [sideAudience(item.obligorSide)], OBLIGATION_REMINDER_TEMPLATE, item, null, `obligation-reminder:${r.id}`);
      await tx.update(PerformanceReminder, { id: r.id }, { sentAt: now });
      return 'sent';
    });
  }

  /** Flag an item that is past due without confirmed performance; idempotent. */
  async checkOverdue(itemId: string): Promise<JobOutcome> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOne(PerformanceItem, { where: { id: itemId } });
      if (!found) return 'missing';
      await this.events.lockCase(tx, found.caseId);
      const item = await tx.findOneByOrFail(PerformanceItem, { id: itemId });
      if (item.overdueFlaggedAt || item.supersededAt) return 'done';
      const now = this.clock.now();
      if (item.dueAt.getTime() > now.getTime()) return 'not_due';
      const c = await tx.findOneByOrFail(Case, { id: item.caseId });
      if (!PERFORMING.includes(c.status)) return 'skipped';
      const [state] = (await this.states(tx, item.caseId, now)).filter((s) => s.item.id === item.id);
      if (state?.status !== ObligationStatus.Overdue) return 'skipped';
      return (await this.flagOverdue(tx, item, c)) ? 'flagged' : 'done';
    });
  }

  /** Raise the overdue flag once, in the case's chain, and tell the mediator and both sides. The caller holds the case lock. */
  private async flagOverdue(tx: EntityManager, item: PerformanceItem, c: Case): Promise<boolean> {
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

  /**
   * Performing cases whose effective agreement is not tracked: the agreement took effect in a
   * way the listener did not see (its version was marked effective after the transition). The
   * sweep tracks them, so their reminders and flags never depend on someone looking.
   */
  async untracked(limit = 100): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT c.id FROM cases c JOIN agreement_versions v ON v.case_id = c.id AND v.status = 'effective'
       WHERE c.status = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM performance_items i WHERE i.agreement_version_id = v.id)
       LIMIT $2`,
      [PERFORMING, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Track a case found untracked (idempotent under the case lock); how many items it made. */
  async trackNow(caseId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      return (await this.track(tx, caseId)).length;
    });
  }

  /** Reminders and overdue checks that fell due at least `graceMs` ago and were not handled: their jobs were lost or ran early. */
  async dueWork(graceMs: number, limit = 100): Promise<{ reminders: string[]; items: string[] }> {
    const before = new Date(this.clock.nowMs() - graceMs);
    const reminders = (await this.db.query(
      `SELECT id FROM performance_reminders WHERE sent_at IS NULL AND skipped IS NULL AND remind_at <= $1 ORDER BY remind_at LIMIT $2`,
      [before, limit],
    )) as { id: string }[];
    const items = (await this.db.query(
      `SELECT i.id FROM performance_items i JOIN cases c ON c.id = i.case_id
       WHERE i.overdue_flagged_at IS NULL AND i.superseded_at IS NULL AND i.due_at <= $1 AND c.status = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM performance_events e WHERE e.item_id = i.id AND e.type = 'confirmed')
       ORDER BY i.due_at LIMIT $3`,
      [before, PERFORMING, limit],
    )) as { id: string }[];
    return { reminders: reminders.map((r) => r.id), items: items.map((r) => r.id) };
  }

  private async notifySides(tx: EntityManager, c: Case, audiences: Audience[], template: TemplateKey, item: PerformanceItem, actorId: string | null, dedupeKey: string): Promise<void> {
    const people = await loadCaseAudiences(tx, c, audiences);
    await this.notifier.notify(tx, {
      userIds: resolveRecipients(audiences, people, actorId),
      template,
      caseId: c.id,
      data: { caseId: c.id, caseNumber: c.number, caseTitle: c.title, obligation: describe(item), itemId: item.id, dueAt: item.dueAt.toISOString() },
      dedupeKey,
    });
  }
}
