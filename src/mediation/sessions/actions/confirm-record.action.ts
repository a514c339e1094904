import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { retryStaleReads } from '../../../common/stale-read';
import { ConflictProblem, ForbiddenProblem } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { RecordConfirmation } from '../session.entity';
import { awaitingConfirmation, sessionActionRefusal } from '../session-rules';
import { SessionReader } from '../session-reader';
import { SessionRecordFreezer, type PreparedRecord } from '../session-record-freezer';
import { MediationSessions } from '../sessions.service';
import type { RequestOrigin } from '../../../common/request-origin';

@Injectable()
export class ConfirmRecord {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
    private readonly freezer: SessionRecordFreezer,
  ) {}

  /**
   * A participant who attended confirms the revision they read; the last confirmation freezes the
   * record as a PDF, rendered and stored before the transaction opens from a read without the
   * lock, which is made again if it went stale.
   */
  async run(user: AuthUser, caseId: string, sessionId: string, revision: number, origin: RequestOrigin): Promise<SessionView> {
    await retryStaleReads(async () => {
      const now = this.clock.now();
      const prepared = await this.prepareIfLast(user, caseId, sessionId, revision, now);
      await this.sessions.inSession(user, caseId, sessionId, CaseAction.TakePartInMediation, async (ctx) => {
        const { tx, c, roles, s } = ctx;
        this.sessions.refuse('confirm_record', s, c);
        if (revision !== s.recordRevision) {
          throw new ConflictProblem(`The record was rewritten meanwhile (it is at revision ${s.recordRevision}): read it again before confirming`, {
            currentRevision: s.recordRevision,
          });
        }
        const confirmers = await this.sessions.confirmers(tx, c, s);
        if (!confirmers.includes(user.id)) throw new ForbiddenProblem('The record is confirmed by the parties and agents who attended the session');
        const [, inserted] = (await tx.query(
          `INSERT INTO mediation_record_confirmations (session_id, revision, user_id, record_hash, confirmed_at, ip) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [s.id, revision, user.id, s.recordHash, now, origin.ip],
        )) as [unknown, number];
        if (inserted === 0) return; // confirmed already
        await this.sessions.chain(tx, c, s, 'session_record_confirmed', user.id, roomRoleOf(roles), { revision, recordHash: s.recordHash, userId: user.id });
        const confirmed = await tx.find(RecordConfirmation, { where: { sessionId: s.id, revision } });
        if (
          awaitingConfirmation(
            confirmers,
            confirmed.map((r) => r.userId),
          ).length === 0
        )
          await this.freezer.freeze(ctx, user.id, prepared);
      });
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /** Read without the lock: when this confirmation will be the last, the frozen record's PDF, rendered and stored now. */
  private async prepareIfLast(user: AuthUser, caseId: string, sessionId: string, revision: number, now: Date): Promise<PreparedRecord | null> {
    const read = await this.freezer.read(user, caseId, sessionId, CaseAction.TakePartInMediation);
    const { manager, c, s } = read;
    if (revision !== s.recordRevision || sessionActionRefusal('confirm_record', s, c.status, now)) return null;
    const confirmers = await this.sessions.confirmers(manager, c, s);
    const given = (await manager.find(RecordConfirmation, { where: { sessionId: s.id, revision } })).map((r) => r.userId);
    if (!confirmers.includes(user.id) || given.includes(user.id) || awaitingConfirmation(confirmers, [...given, user.id]).length > 0) return null;
    return this.freezer.prepare(read, s, now, user.id, { userId: user.id, confirmedAt: now });
  }
}
