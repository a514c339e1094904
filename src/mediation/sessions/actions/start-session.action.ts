import { HttpStatus, Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { ProblemException } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { loadRoomPeople, roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { describeBlockers, participantsOf, SessionStatus, startBlockers } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions, SESSION_NOT_READY, type RequestOrigin } from '../sessions.service';
import { SHAM_MEDIATION_WARNING_VERSION } from '../sham-mediation-warning';

@Injectable()
export class StartSession {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens the session. Every party and agent taking part must be verified by real name and
   * have acknowledged the sham-mediation warning for this case (docs/procedural-rules.md A6): otherwise 409
   * naming who lacks what. The mediator who starts it is recorded as joined.
   */
  async run(user: AuthUser, caseId: string, sessionId: string, origin: RequestOrigin): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('start', s, c);
      const blockers = startBlockers(participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)), SHAM_MEDIATION_WARNING_VERSION);
      if (blockers.length > 0) {
        throw new ProblemException(HttpStatus.CONFLICT, SESSION_NOT_READY, 'Session cannot start', `The session cannot start yet: ${describeBlockers(blockers)}`, {
          missing: blockers,
        });
      }
      const now = this.clock.now();
      await tx.update(MediationSession, { id: s.id }, { status: SessionStatus.InProgress, startedAt: now });
      await this.sessions.saveAttendance(tx, { sessionId: s.id, userId: user.id, status: 'joined', joinedAt: now, ip: origin.ip, userAgent: origin.userAgent });
      await this.sessions.chain(tx, c, s, 'session_started', user.id, roomRoleOf(roles), {});
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
