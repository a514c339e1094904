import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
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

  /** The mediator writes (or rewrites) the record; those who attended are asked to confirm this revision. */
  async run(user: AuthUser, caseId: string, sessionId: string, text: string): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async (ctx) => {
      const { tx, c, roles, s } = ctx;
      this.sessions.refuse('write_record', s, c);
      const revision = s.recordRevision + 1;
      const hash = recordHash({ sessionId: s.id, revision, text });
      Object.assign(s, { recordRevision: revision, recordText: text, recordHash: hash, recordWrittenAt: this.clock.now() });
      await tx.update(MediationSession, { id: s.id }, { recordRevision: revision, recordText: text, recordHash: hash, recordWrittenAt: s.recordWrittenAt });
      await this.sessions.chain(tx, c, s, 'session_record_written', user.id, roomRoleOf(roles), { revision, recordHash: hash });
      const confirmers = await this.sessions.confirmers(tx, c, s);
      if (confirmers.length === 0) await this.freezer.freeze(ctx, user.id);
      else await this.sessions.tell(tx, c, s, SESSION_TEMPLATES.recordToConfirm, confirmers);
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
