import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction, canSeeMediationContent } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ProblemException, ValidationProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { JobName } from '../../infrastructure/queue/queue-names';
import { SESSION_TEMPLATES, type SessionTemplateKey } from '../../notifications/notification-templates';
import { Notifier } from '../../notifications/notifier.service';
import { Outbox } from '../../outbox/outbox.service';
import { MediationPush } from '../messages/mediation-push.service';
import { loadRoomPeople, roomRoleOf, roomUserIds } from '../room-people';
import type { RescheduleSessionRequest, ScheduleSessionRequest, SessionView, WarningView } from './session.dto';
import { MediationAttendance, MediationSession, RecordConfirmation, WarningAcknowledgement } from './session.entity';
import { sessionRecordDocument } from './session-record-document';
import {
  awaitingConfirmation,
  confirmersOf,
  describeBlockers,
  participantsOf,
  recordHash,
  scheduleProblems,
  sessionActionRefusal,
  SessionKind,
  SessionStatus,
  sidesOf,
  startBlockers,
  type SessionAction,
} from './session-rules';
import { SessionReader } from './session-reader';
import { SHAM_MEDIATION_WARNING_VERSION } from './sham-mediation-warning';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** What a session reminder job carries: the session, and the start it was scheduled for. */
export interface SessionReminderJob {
  sessionId: string;
  /** ISO instant; a session moved since makes the job stale. */
  startsAt: string;
}

interface InSession {
  tx: EntityManager;
  c: Case;
  roles: CaseRole[];
  s: MediationSession;
}

export const SESSION_NOT_READY = 'urn:accord:problem:session-not-ready';

/**
 * Joint sessions and caucuses of the mediation room (docs/procedural-rules.md A6, B11): scheduling with
 * invitations and a reminder, the checks before a session starts, attendance, and the record
 * confirmed online by those who attended, then frozen as a confidential PDF. Every change holds
 * the case's lock and is a confidential entry of the case's chain (a caucus's: that side's), so
 * the court and administrators never see the room.
 */
@Injectable()
export class MediationSessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly notifier: Notifier,
    private readonly outbox: Outbox,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly idempotency: Idempotency,
    private readonly config: ConfigService<Environment, true>,
    private readonly push: MediationPush,
    private readonly reader: SessionReader,
  ) {}

  // ── Scheduling ─────────────────────────────────────────────────────────────────────────

  async schedule(user: AuthUser, caseId: string, body: ScheduleSessionRequest, idem?: IdempotentRequest): Promise<SessionView> {
    const previous = await this.idempotency.previous(idem, 'mediation_session');
    if (previous) return this.reader.get(user, caseId, previous);
    const side = body.side ?? null;
    if (body.kind === SessionKind.Caucus && !side)
      throw new ValidationProblem([{ field: 'side', rule: 'isRequiredForCaucus', message: 'side is required for a caucus: applicant or respondent' }]);
    if (body.kind === SessionKind.Joint && side)
      throw new ValidationProblem([{ field: 'side', rule: 'isAbsentForJoint', message: 'a joint session has no side (both sides take part)' }]);
    const startsAt = new Date(body.startsAt);
    try {
      const scheduled = await this.db.transaction(async (tx) => {
        const { c, roles } = await this.lockedCase(tx, user, caseId, CaseAction.ConductMediation);
        if (c.status !== CaseStatus.Mediating) throw new ConflictProblem(`Sessions are held while the case is mediating; it is ${c.status}`);
        const errors = scheduleProblems({ startsAt, durationMinutes: body.durationMinutes, meetingUrl: body.meetingUrl }, this.clock.now());
        if (errors.length > 0) throw new ValidationProblem(errors);
        const invitees = participantsOf(body.kind, side, await loadRoomPeople(tx, c)).filter((p) => p.userId !== null);
        if (side && invitees.length === 0) {
          throw new ValidationProblem([{ field: 'side', rule: 'hasParticipants', message: `nobody of the ${side} side has an account on this case to hold a caucus with` }]);
        }
        const s = await tx.save(
          tx.create(MediationSession, {
            caseId,
            kind: body.kind,
            side,
            title: body.title ?? null,
            status: SessionStatus.Scheduled,
            startsAt,
            durationMinutes: body.durationMinutes,
            meetingUrl: body.meetingUrl,
            mediatorId: user.id,
          }),
        );
        await this.chain(tx, c, s, 'session_scheduled', user.id, roomRoleOf(roles), {
          kind: s.kind,
          side: s.side,
          startsAt: s.startsAt.toISOString(),
          durationMinutes: s.durationMinutes,
        });
        await this.tell(
          tx,
          c,
          s,
          SESSION_TEMPLATES.invitation,
          invitees.map((p) => p.userId!),
        );
        await this.scheduleReminder(tx, s);
        await this.idempotency.record(tx, idem, 'mediation_session', s.id);
        return { id: s.id, audience: await this.audienceOf(tx, c, s) };
      });
      await this.announce(caseId, scheduled.id, scheduled.audience);
      return this.reader.get(user, caseId, scheduled.id);
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) return this.reader.get(user, caseId, (await this.idempotency.previous(idem, 'mediation_session'))!);
      throw error;
    }
  }

  async reschedule(user: AuthUser, caseId: string, sessionId: string, body: RescheduleSessionRequest): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.refuse('reschedule', s, c);
      const change = { startsAt: new Date(body.startsAt), durationMinutes: body.durationMinutes ?? s.durationMinutes, meetingUrl: body.meetingUrl ?? s.meetingUrl };
      const errors = scheduleProblems(change, this.clock.now());
      if (errors.length > 0) throw new ValidationProblem(errors);
      Object.assign(s, change);
      await tx.update(MediationSession, { id: s.id }, change);
      await this.chain(tx, c, s, 'session_rescheduled', user.id, roomRoleOf(roles), { startsAt: s.startsAt.toISOString(), durationMinutes: s.durationMinutes });
      await this.tell(tx, c, s, SESSION_TEMPLATES.rescheduled, await this.participantIds(tx, c, s));
      // The earlier reminder finds the start moved and does nothing.
      await this.scheduleReminder(tx, s);
    });
    return this.reader.get(user, caseId, sessionId);
  }

  async cancel(user: AuthUser, caseId: string, sessionId: string, reason: string): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.refuse('cancel', s, c);
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.Cancelled, cancelledAt: this.clock.now(), cancelReason: reason });
      await this.chain(tx, c, s, 'session_cancelled', user.id, roomRoleOf(roles), {});
      await this.tell(tx, c, s, SESSION_TEMPLATES.cancelled, await this.participantIds(tx, c, s), { reason });
    });
    return this.reader.get(user, caseId, sessionId);
  }

  // ── Holding the session ────────────────────────────────────────────────────────────────

  /**
   * Opens the session. Every party and agent taking part must be verified by real name and
   * have acknowledged the sham-mediation warning for this case (docs/procedural-rules.md A6): otherwise 409
   * naming who lacks what. The mediator who starts it is recorded as joined.
   */
  async start(user: AuthUser, caseId: string, sessionId: string, origin: RequestOrigin): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.refuse('start', s, c);
      const blockers = startBlockers(participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)), SHAM_MEDIATION_WARNING_VERSION);
      if (blockers.length > 0) {
        throw new ProblemException(HttpStatus.CONFLICT, SESSION_NOT_READY, 'Session cannot start', `The session cannot start yet: ${describeBlockers(blockers)}`, {
          missing: blockers,
        });
      }
      const now = this.clock.now();
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.InProgress, startedAt: now });
      await this.saveAttendance(tx, { sessionId: s.id, userId: user.id, status: 'joined', joinedAt: now, ip: origin.ip, userAgent: origin.userAgent });
      await this.chain(tx, c, s, 'session_started', user.id, roomRoleOf(roles), {});
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /** A participant enters the running session: who, when and from where is recorded. Joining twice keeps the first time. */
  async join(user: AuthUser, caseId: string, sessionId: string, origin: RequestOrigin): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.TakePartInMediation, async ({ tx, c, roles, s }) => {
      this.refuse('join', s, c);
      if (!roles.includes(CaseRole.Mediator)) {
        const me = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)).find((p) => p.userId === user.id);
        if (!me) throw new ForbiddenProblem('You do not take part in this session');
        const blockers = startBlockers([me], SHAM_MEDIATION_WARNING_VERSION);
        if (blockers.length > 0)
          throw new ProblemException(HttpStatus.CONFLICT, SESSION_NOT_READY, 'Cannot join yet', `You cannot join yet: ${describeBlockers(blockers)}`, { missing: blockers });
      }
      const existing = await tx.findOne(MediationAttendance, { where: { sessionId: s.id, userId: user.id } });
      if (existing?.status === 'joined') return;
      await this.saveAttendance(tx, {
        sessionId: s.id,
        userId: user.id,
        status: 'joined',
        joinedAt: this.clock.now(),
        ip: origin.ip,
        userAgent: origin.userAgent,
        markedBy: null,
        markedAt: null,
      });
      await this.chain(tx, c, s, 'session_joined', user.id, roomRoleOf(roles), { userId: user.id });
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /** The mediator records that a participant did not come. */
  async markAbsent(user: AuthUser, caseId: string, sessionId: string, userId: string): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.refuse('mark_absent', s, c);
      const target = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)).find((p) => p.userId === userId);
      if (!target) throw new ValidationProblem([{ field: 'userId', rule: 'isParticipant', message: 'userId is not a party or agent taking part in this session' }]);
      const existing = await tx.findOne(MediationAttendance, { where: { sessionId: s.id, userId } });
      if (existing?.status === 'joined') throw new ConflictProblem(`${target.name} joined at ${existing.joinedAt!.toISOString()}: not absent`);
      if (existing?.status === 'absent') return;
      await this.saveAttendance(tx, { sessionId: s.id, userId, status: 'absent', joinedAt: null, ip: null, userAgent: null, markedBy: user.id, markedAt: this.clock.now() });
      await this.chain(tx, c, s, 'session_absence_recorded', user.id, roomRoleOf(roles), { userId });
    });
    return this.reader.get(user, caseId, sessionId);
  }

  async end(user: AuthUser, caseId: string, sessionId: string): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.refuse('end', s, c);
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.Ended, endedAt: this.clock.now() });
      await this.chain(tx, c, s, 'session_ended', user.id, roomRoleOf(roles), {});
    });
    return this.reader.get(user, caseId, sessionId);
  }

  // ── The record (docs/procedural-rules.md B11) ──────────────────────────────────────────

  /** The mediator writes (or rewrites) the record; those who attended are asked to confirm this revision. */
  async writeRecord(user: AuthUser, caseId: string, sessionId: string, text: string): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async (ctx) => {
      const { tx, c, roles, s } = ctx;
      this.refuse('write_record', s, c);
      const revision = s.recordRevision + 1;
      const hash = recordHash({ sessionId: s.id, revision, text });
      Object.assign(s, { recordRevision: revision, recordText: text, recordHash: hash, recordWrittenAt: this.clock.now() });
      await tx.update(MediationSession, { id: s.id }, { recordRevision: revision, recordText: text, recordHash: hash, recordWrittenAt: s.recordWrittenAt });
      await this.chain(tx, c, s, 'session_record_written', user.id, roomRoleOf(roles), { revision, recordHash: hash });
      const confirmers = await this.confirmers(tx, c, s);
      if (confirmers.length === 0) await this.freeze(ctx, user.id);
      else await this.tell(tx, c, s, SESSION_TEMPLATES.recordToConfirm, confirmers);
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /** A participant who attended confirms the revision they read; the last confirmation freezes the record as a PDF. */
  async confirmRecord(user: AuthUser, caseId: string, sessionId: string, revision: number, origin: RequestOrigin): Promise<SessionView> {
    await this.inSession(user, caseId, sessionId, CaseAction.TakePartInMediation, async (ctx) => {
      const { tx, c, roles, s } = ctx;
      this.refuse('confirm_record', s, c);
      if (revision !== s.recordRevision) {
        throw new ConflictProblem(`The record was rewritten meanwhile (it is at revision ${s.recordRevision}): read it again before confirming`, {
          currentRevision: s.recordRevision,
        });
      }
      const confirmers = await this.confirmers(tx, c, s);
      if (!confirmers.includes(user.id)) throw new ForbiddenProblem('The record is confirmed by the parties and agents who attended the session');
      const [, inserted] = (await tx.query(
        `INSERT INTO mediation_record_confirmations (session_id, revision, user_id, record_hash, confirmed_at, ip) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [s.id, revision, user.id, s.recordHash, this.clock.now(), origin.ip],
      )) as [unknown, number];
      if (inserted === 0) return; // confirmed already
      await this.chain(tx, c, s, 'session_record_confirmed', user.id, roomRoleOf(roles), { revision, recordHash: s.recordHash, userId: user.id });
      const confirmed = await tx.find(RecordConfirmation, { where: { sessionId: s.id, revision } });
      if (
        awaitingConfirmation(
          confirmers,
          confirmed.map((r) => r.userId),
        ).length === 0
      )
        await this.freeze(ctx, user.id);
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /**
   * Everyone confirmed: the record becomes a PDF case document, a joint session's for both sides
   * and the mediator only (mediation_confidential), a caucus's for that side and the mediator
   * only (own_side_and_mediator); the court and administrators never see either.
   */
  private async freeze({ tx, c, roles, s }: InSession, actorId: string): Promise<void> {
    const lang: PdfLanguage = c.preferredLanguage === 'en' ? 'en' : 'zh-CN';
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    const people = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c));
    const attendance = await tx.find(MediationAttendance, { where: { sessionId: s.id } });
    const confirmations = await tx.find(RecordConfirmation, { where: { sessionId: s.id, revision: s.recordRevision }, order: { confirmedAt: 'ASC' } });
    const mediatorName = await this.nameOf(tx, s.mediatorId);
    // Only the room's people confirm a record; a user id must never be printed in its place.
    const nameOf = (userId: string): string => people.find((p) => p.userId === userId)?.name ?? '—';
    const frozenAt = this.clock.now();
    const number = `${c.number}-SR-${s.id.slice(0, 8)}-${s.recordRevision}`;
    const pdf = await renderPdf(
      sessionRecordDocument(
        {
          documentId: number,
          caseNumber: c.number,
          caseTitle: c.title,
          kind: s.kind,
          side: s.side,
          startedAt: s.startedAt,
          endedAt: s.endedAt,
          mediatorName,
          attendance: people.map((p) => {
            const a = attendance.find((x) => x.userId === p.userId);
            return { name: p.name, side: p.side, agent: p.capacity === 'agent', joinedAt: a?.joinedAt ?? null, absent: a?.status === 'absent' };
          }),
          text: s.recordText!,
          revision: s.recordRevision,
          recordHash: s.recordHash!,
          writtenAt: s.recordWrittenAt!,
          confirmations: confirmations.map((r) => ({ name: nameOf(r.userId), confirmedAt: r.confirmedAt })),
          frozenAt,
        },
        lang,
        timeZone,
      ),
      lang,
      { timeZone },
    );
    const doc = await this.documents.addGenerated(
      {
        caseId: c.id,
        kind: DocumentKind.SessionRecord,
        visibility: s.side ? DocumentVisibility.OwnSideAndMediator : DocumentVisibility.MediationConfidential,
        side: s.side ?? undefined,
        filename: `${lang === 'zh-CN' ? (s.side ? '背对背调解笔录' : '调解笔录') : s.side ? 'caucus-record' : 'session-record'}-${number}.pdf`,
        contentType: 'application/pdf',
        bytes: pdf,
        actorId,
        actorRole: roomRoleOf(roles),
      },
      tx,
    );
    await tx.update(MediationSession, { id: s.id }, { recordFrozenAt: frozenAt, recordDocumentId: doc.id });
    await this.chain(tx, c, s, 'session_record_frozen', actorId, roomRoleOf(roles), { revision: s.recordRevision, recordHash: s.recordHash, documentId: doc.id });
  }

  // ── The sham-mediation warning (docs/procedural-rules.md A6) ──────────────────────────

  /** A party or agent acknowledges the current warning for this case; once per version. */
  async acknowledgeWarning(user: AuthUser, caseId: string, origin: RequestOrigin): Promise<WarningView> {
    await this.db.transaction(async (tx) => {
      const { c, roles } = await this.lockedCase(tx, user, caseId, CaseAction.AcknowledgeWarning);
      if (c.status === CaseStatus.Closed) throw new ConflictProblem('The case is closed');
      const existing = await tx.findOne(WarningAcknowledgement, { where: { caseId, userId: user.id } });
      if (existing?.warningVersion === SHAM_MEDIATION_WARNING_VERSION) return;
      await tx.save(
        tx.create(WarningAcknowledgement, {
          caseId,
          userId: user.id,
          warningVersion: SHAM_MEDIATION_WARNING_VERSION,
          acknowledgedAt: this.clock.now(),
          ip: origin.ip,
          userAgent: origin.userAgent,
        }),
      );
      // Not mediation content: that the warning was given matters to a court confirming the agreement.
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'sham_mediation_warning_acknowledged',
        actorId: user.id,
        actorRole: roomRoleOf(roles),
        payload: { userId: user.id, warningVersion: SHAM_MEDIATION_WARNING_VERSION },
      });
    });
    return this.reader.warning(user, caseId);
  }

  // ── Plumbing ───────────────────────────────────────────────────────────────────────────

  /** The case, locked for this transaction, if the caller may do this to it (404/403/423 otherwise). */
  private async lockedCase(tx: EntityManager, user: AuthUser, caseId: string, action: CaseAction): Promise<{ c: Case; roles: CaseRole[] }> {
    const { roles } = await this.access.require(user, caseId, action, tx);
    await this.events.lockCase(tx, caseId);
    return { c: await tx.findOneByOrFail(Case, { id: caseId }), roles };
  }

  /** Runs a change of one session under the case's lock and the session's; a session you may not see is 404. */
  private async inSession(user: AuthUser, caseId: string, sessionId: string, action: CaseAction, work: (ctx: InSession) => Promise<void>): Promise<void> {
    const audience = await this.db.transaction(async (tx) => {
      const { c, roles } = await this.lockedCase(tx, user, caseId, action);
      const s = await tx.findOne(MediationSession, { where: { id: sessionId, caseId }, lock: { mode: 'pessimistic_write' } });
      if (!s || !canSeeMediationContent(roles, s.side)) throw new NotFoundProblem(`No session ${sessionId} in this case`);
      await work({ tx, c, roles, s });
      return this.audienceOf(tx, c, s);
    });
    await this.announce(caseId, sessionId, audience);
  }

  /** Who sees the session in the room: its sides' parties and agents, and the mediator. */
  private async audienceOf(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
    return roomUserIds(await loadRoomPeople(tx, c), sidesOf(s.kind, s.side), c.mediatorId);
  }

  /**
   * After the commit: the session's people who have the room open refresh their sessions (the
   * event names the session only; a caucus's never reaches the other side).
   */
  private async announce(caseId: string, sessionId: string, audience: readonly string[]): Promise<void> {
    await this.push.publish(audience, { type: 'sessions', caseId, data: { sessionId } });
  }

  private refuse(action: SessionAction, s: MediationSession, c: Case): void {
    const reason = sessionActionRefusal(action, s, c.status, this.clock.now());
    if (reason) throw new ConflictProblem(`Cannot ${action.replace('_', ' ')}: ${reason}`);
  }

  /** A confidential entry of the case's chain, of that side when a caucus: ids and times, never what was said. */
  async chain(tx: EntityManager, c: Case, s: MediationSession, type: string, actorId: string | null, actorRole: string, payload: Record<string, unknown>): Promise<void> {
    await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
      type,
      actorId,
      actorRole,
      payload: { sessionId: s.id, ...payload },
      confidential: true,
      confidentialSide: s.side ?? undefined,
    });
  }

  /** Parties and agents of the session's sides with an account (the mediator acts; he is not told). */
  private async participantIds(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
    return participantsOf(s.kind, s.side, await loadRoomPeople(tx, c))
      .filter((p) => p.userId !== null)
      .map((p) => p.userId!);
  }

  private async confirmers(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
    const joined = await tx.find(MediationAttendance, { where: { sessionId: s.id, status: 'joined' } });
    return confirmersOf(
      await this.participantIds(tx, c, s),
      joined.map((a) => a.userId),
    );
  }

  async tell(
    tx: EntityManager,
    c: Case,
    s: MediationSession,
    template: SessionTemplateKey,
    userIds: string[],
    extra: Record<string, unknown> = {},
    dedupeKey?: string,
  ): Promise<string[]> {
    return this.notifier.notify(tx, {
      userIds,
      template,
      caseId: c.id,
      dedupeKey,
      data: {
        caseId: c.id,
        caseNumber: c.number,
        caseTitle: c.title,
        sessionId: s.id,
        sessionKind: s.kind,
        startsAt: s.startsAt.toISOString(),
        durationMinutes: s.durationMinutes,
        meetingUrl: s.meetingUrl,
        ...extra,
      },
    });
  }

  /** A delayed job through the outbox: the simplest thing that survives a restart, and a moved session's job is stale. */
  private async scheduleReminder(tx: EntityManager, s: MediationSession): Promise<void> {
    const minutes = this.config.get('SESSION_REMINDER_MINUTES');
    if (minutes === 0) return;
    const at = new Date(s.startsAt.getTime() - minutes * 60_000);
    // Closer than that, the invitation itself is the reminder.
    if (at.getTime() <= this.clock.nowMs()) return;
    await this.outbox.add(tx, { job: JobName.RemindSession, data: { sessionId: s.id, startsAt: s.startsAt.toISOString() } satisfies SessionReminderJob, runAt: at });
  }

  private async saveAttendance(tx: EntityManager, row: Partial<MediationAttendance> & Pick<MediationAttendance, 'sessionId' | 'userId' | 'status'>): Promise<void> {
    await tx.save(tx.create(MediationAttendance, row));
  }

  private async nameOf(tx: EntityManager, userId: string): Promise<string> {
    const [row] = (await tx.query(`SELECT display_name FROM users WHERE id = $1`, [userId])) as { display_name: string }[];
    return row?.display_name ?? '—';
  }
}
