import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { retryStaleReads } from '../../../common/stale-read';
import { Clock } from '../../../infrastructure/clock/clock';
import { SESSION_TEMPLATES } from '../../../notifications/notification-templates';
import { roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { recordHash } from '../session-rules';
import { SessionReader } from '../session-reader';
import { SessionRecordFreezer } from '../session-record-freezer';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class WriteRecord {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
    private readonly freezer: SessionRecordFreezer,
  ) {}

  /**
   * The mediator writes (or rewrites) the record; those who attended are asked to confirm this
   * revision. With no one to confirm it the record freezes at once: its PDF is rendered and stored
   * before the transaction opens, from a read without the lock, which is made again if it went stale.
   */
  async run(user: AuthUser, caseId: string, sessionId: string, text: string): Promise<SessionView> {
    await retryStaleReads(async () => {
      const now = this.clock.now();
      const read = await this.freezer.read(user, caseId, sessionId, CaseAction.ConductMediation);
      this.sessions.refuse('write_record', read.s, read.c);
      const freezes = (await this.sessions.confirmers(read.manager, read.c, read.s)).length === 0;
      const prepared = freezes ? await this.freezer.prepare(read, Object.assign(read.s, this.written(read.s, text, now)), now, user.id) : null;
      await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async (ctx) => {
        const { tx, c, roles, s } = ctx;
        this.sessions.refuse('write_record', s, c);
        const written = this.written(s, text, now);
        Object.assign(s, written);
        await tx.update(MediationSession, { id: s.id }, written);
        await this.sessions.chain(tx, c, s, 'session_record_written', user.id, roomRoleOf(roles), { revision: written.recordRevision, recordHash: written.recordHash });
        const confirmers = await this.sessions.confirmers(tx, c, s);
        if (confirmers.length === 0) await this.freezer.freeze(ctx, user.id, prepared);
        else await this.sessions.tell(tx, c, s, SESSION_TEMPLATES.recordToConfirm, confirmers);
      });
    });
    return this.reader.get(user, caseId, sessionId);
  }

  /** The session's record fields once `text` is written as its next revision. */
  private written(s: MediationSession, text: string, at: Date) {
    const recordRevision = s.recordRevision + 1;
    return { recordRevision, recordText: text, recordHash: recordHash({ sessionId: s.id, revision: recordRevision, text }), recordWrittenAt: at };
  }
}
