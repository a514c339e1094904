import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction, canSeeMediationContent } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem, NotFoundProblem } from '../../common/errors/problem';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import type { Environment } from '../../config/environment';
import { Clock } from '../../infrastructure/clock/clock';
import { JobName } from '../../infrastructure/queue/queue-names';
import type { SessionTemplateKey } from '../../notifications/notification-templates';
import { Notifier } from '../../notifications/notifier.service';
import { Outbox } from '../../outbox/outbox.service';
import { MediationPush } from '../messages/mediation-push.service';
import { loadRoomPeople, roomUserIds } from '../room-people';
import { MediationAttendance, MediationSession } from './session.entity';
import { confirmersOf, participantsOf, sessionActionRefusal, sidesOf, type SessionAction } from './session-rules';

/** What a session reminder job carries: the session, and the start it was scheduled for. */
export interface SessionReminderJob {
  sessionId: string;
  /** ISO instant; a session moved since makes the job stale. */
  startsAt: string;
}

export interface InSession {
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
 *
 * Each use case is one action in `actions/` (schedule, reschedule, cancel, start, join, mark
 * absent, end, write and confirm the record, acknowledge the warning); this is what they share:
 * the case's lock, the session under it, the chain, who is told, and the live push after commit.
 */
@Injectable()
export class MediationSessions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly notifier: Notifier,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
    private readonly push: MediationPush,
  ) {}

  /** The case, locked for this transaction, if the caller may do this to it (404/403/423 otherwise). */
  async lockedCase(tx: EntityManager, user: AuthUser, caseId: string, action: CaseAction): Promise<{ c: Case; roles: CaseRole[] }> {
    const { roles } = await this.access.require(user, caseId, action, tx);
    await this.events.lockCase(tx, caseId);
    return { c: await tx.findOneByOrFail(Case, { id: caseId }), roles };
  }

  /** Runs a change of one session under the case's lock and the session's; a session you may not see is 404. */
  async inSession(user: AuthUser, caseId: string, sessionId: string, action: CaseAction, work: (ctx: InSession) => Promise<void>): Promise<void> {
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
  async audienceOf(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
    return roomUserIds(await loadRoomPeople(tx, c), sidesOf(s.kind, s.side), c.mediatorId);
  }

  /**
   * After the commit: the session's people who have the room open refresh their sessions (the
   * event names the session only; a caucus's never reaches the other side).
   */
  async announce(caseId: string, sessionId: string, audience: readonly string[]): Promise<void> {
    await this.push.publish(audience, { type: 'sessions', caseId, data: { sessionId } });
  }

  refuse(action: SessionAction, s: MediationSession, c: Case): void {
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
  async participantIds(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
    return participantsOf(s.kind, s.side, await loadRoomPeople(tx, c))
      .filter((p) => p.userId !== null)
      .map((p) => p.userId!);
  }

  async confirmers(tx: EntityManager, c: Case, s: MediationSession): Promise<string[]> {
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
  async scheduleReminder(tx: EntityManager, s: MediationSession): Promise<void> {
    const minutes = this.config.get('SESSION_REMINDER_MINUTES');
    if (minutes === 0) return;
    const at = new Date(s.startsAt.getTime() - minutes * 60_000);
    // Closer than that, the invitation itself is the reminder.
    if (at.getTime() <= this.clock.nowMs()) return;
    await this.outbox.add(tx, { job: JobName.RemindSession, data: { sessionId: s.id, startsAt: s.startsAt.toISOString() } satisfies SessionReminderJob, runAt: at });
  }

  async saveAttendance(tx: EntityManager, row: Partial<MediationAttendance> & Pick<MediationAttendance, 'sessionId' | 'userId' | 'status'>): Promise<void> {
    await tx.save(tx.create(MediationAttendance, row));
  }

  async nameOf(tx: EntityManager, userId: string): Promise<string> {
    const [row] = (await tx.query(`SELECT display_name FROM users WHERE id = $1`, [userId])) as { display_name: string }[];
    return row?.display_name ?? '—';
  }
}
