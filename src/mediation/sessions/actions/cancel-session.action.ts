import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { Clock } from '../../../infrastructure/clock/clock';
import { SESSION_TEMPLATES } from '../../../notifications/notification-templates';
import { roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { SessionStatus } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class CancelSession {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** The mediator cancels a session not yet held, with a reason its participants are told. */
  async run(user: AuthUser, caseId: string, sessionId: string, reason: string): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('cancel', s, c);
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.Cancelled, cancelledAt: this.clock.now(), cancelReason: reason });
      await this.sessions.chain(tx, c, s, 'session_cancelled', user.id, roomRoleOf(roles), {});
      await this.sessions.tell(tx, c, s, SESSION_TEMPLATES.cancelled, await this.sessions.participantIds(tx, c, s), { reason });
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
