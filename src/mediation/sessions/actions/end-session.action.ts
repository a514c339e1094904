import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { Clock } from '../../../infrastructure/clock/clock';
import { roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { SessionStatus } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class EndSession {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** The mediator ends the running session; the record is written next. */
  async run(user: AuthUser, caseId: string, sessionId: string): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('end', s, c);
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.Ended, endedAt: this.clock.now() });
      await this.sessions.chain(tx, c, s, 'session_ended', user.id, roomRoleOf(roles), {});
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
