import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { ConflictProblem, ValidationProblem } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { loadRoomPeople, roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationAttendance } from '../session.entity';
import { participantsOf } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class MarkAbsent {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** The mediator records that a participant did not come. */
  async run(user: AuthUser, caseId: string, sessionId: string, userId: string): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('mark_absent', s, c);
      const target = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c)).find((p) => p.userId === userId);
      if (!target) throw new ValidationProblem([{ field: 'userId', rule: 'isParticipant', message: 'userId is not a party or agent taking part in this session' }]);
      const existing = await tx.findOne(MediationAttendance, { where: { sessionId: s.id, userId } });
      if (existing?.status === 'joined') throw new ConflictProblem(`${target.name} joined at ${existing.joinedAt!.toISOString()}: not absent`);
      if (existing?.status === 'absent') return;
      await this.sessions.saveAttendance(tx, {
        sessionId: s.id,
        userId,
        status: 'absent',
        joinedAt: null,
        ip: null,
        userAgent: null,
        markedBy: user.id,
        markedAt: this.clock.now(),
      });
      await this.sessions.chain(tx, c, s, 'session_absence_recorded', user.id, roomRoleOf(roles), { userId });
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
