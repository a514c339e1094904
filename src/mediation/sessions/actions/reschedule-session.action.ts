import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { ValidationProblem } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { SESSION_TEMPLATES } from '../../../notifications/notification-templates';
import { roomRoleOf } from '../../room-people';
import type { RescheduleSessionRequest, SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { scheduleProblems } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class RescheduleSession {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** The mediator moves a session not yet held; its participants are told, and the reminder follows the new start. */
  async run(user: AuthUser, caseId: string, sessionId: string, body: RescheduleSessionRequest): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('reschedule', s, c);
      const change = { startsAt: new Date(body.startsAt), durationMinutes: body.durationMinutes ?? s.durationMinutes, meetingUrl: body.meetingUrl ?? s.meetingUrl };
      const errors = scheduleProblems(change, this.clock.now());
      if (errors.length > 0) throw new ValidationProblem(errors);
      Object.assign(s, change);
      await tx.update(MediationSession, { id: s.id }, change);
      await this.sessions.chain(tx, c, s, 'session_rescheduled', user.id, roomRoleOf(roles), { startsAt: s.startsAt.toISOString(), durationMinutes: s.durationMinutes });
      await this.sessions.tell(tx, c, s, SESSION_TEMPLATES.rescheduled, await this.sessions.participantIds(tx, c, s));
      // The earlier reminder finds the start moved and does nothing.
      await this.sessions.scheduleReminder(tx, s);
    });
    return this.reader.get(user, caseId, sessionId);
  }
}
