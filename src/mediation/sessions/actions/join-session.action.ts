import { HttpStatus, Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { CaseRole } from '../../../cases/lifecycle/case-roles';
import { ForbiddenProblem, ProblemException } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { loadRoomPeople, roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationAttendance } from '../session.entity';
import { describeBlockers, participantsOf, startBlockers } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions, SESSION_NOT_READY } from '../sessions.service';
import type { RequestOrigin } from '../../../common/request-origin';
import { SHAM_MEDIATION_WARNING_VERSION } from '../sham-mediation-warning';

@Injectable()
export class JoinSession {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** A participant enters the running session: who, when and from where is recorded. Joining twice keeps the first time. */
  async run(user: AuthUser, caseId: string, sessionId: string, origin: RequestOrigin): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.TakePartInMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('join', s, c);
      if (!roles.includes(CaseRole.Mediator)) {
        const me = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)).find((p) => p.userId === user.id);
        if (!me) throw new ForbiddenProblem('You do not take part in this session');
        const blockers = startBlockers([me], SHAM_MEDIATION_WARNING_VERSION);
        if (blockers.length > 0)
          throw new ProblemException(HttpStatus.CONFLICT, SESSION_NOT_READY, 'Cannot join yet', `You cannot join yet: ${describeBlockers(blockers)}`, { missing: blockers });
      }
      const existing = await tx.findOne(MediationAttendance, { where: { sessionId: s.id, userId: user.id } });
      if (existing?.status === 'joined') return;
      await this.sessions.saveAttendance(tx, {
        sessionId: s.id,
        userId: user.id,
        status: 'joined',
        joinedAt: this.clock.now(),
        ip: origin.ip,
        userAgent: origin.userAgent,
        markedBy: null,
        markedAt: null,
      });
      await this.sessions.chain(tx, c, s, 'session_joined', user.id, roomRoleOf(roles), { userId: user.id });
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
