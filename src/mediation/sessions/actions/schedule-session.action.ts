import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { CaseStatus } from '../../../cases/lifecycle/case-states';
import { ConflictProblem, ValidationProblem } from '../../../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../../../common/idempotency/idempotency.service';
import { Clock } from '../../../infrastructure/clock/clock';
import { SESSION_TEMPLATES } from '../../../notifications/notification-templates';
import { loadRoomPeople, roomRoleOf } from '../../room-people';
import type { ScheduleSessionRequest, SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { participantsOf, scheduleProblems, SessionKind, SessionStatus } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';

@Injectable()
export class ScheduleSession {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: MediationSessions,
    private readonly reader: SessionReader,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
  ) {}

  /** The mediator schedules a joint session or a caucus while the case is mediating: invitations, a reminder, idempotent by key. */
  async run(user: AuthUser, caseId: string, body: ScheduleSessionRequest, idem?: IdempotentRequest): Promise<SessionView> {
    const previous = await this.idempotency.previous(idem, 'mediation_session');
    if (previous) return this.reader.get(user, caseId, previous);
    const side = body.side ?? null;
    if (body.kind === SessionKind.Caucus && !side)
      throw new ValidationProblem([{ field: 'side', rule: 'isRequiredForCaucus', message: 'side is required for a caucus: applicant or respondent' }]);
    if (body.kind === SessionKind.Joint && side)
      throw new ValidationProblem([{ field: 'side', rule: 'isAbsentForJoint', message: 'a joint session has no side (both sides take part)' }]);
    const startsAt = new Date(body.startsAt);
    try {
      const scheduled = await this.db.transaction(async (tx) => {
        const { c, roles } = await this.sessions.lockedCase(tx, user, caseId, CaseAction.ConductMediation);
        if (c.status !== CaseStatus.Mediating) throw new ConflictProblem(`Sessions are held while the case is mediating; it is ${c.status}`);
        const errors = scheduleProblems({ startsAt, durationMinutes: body.durationMinutes, meetingUrl: body.meetingUrl }, this.clock.now());
        if (errors.length > 0) throw new ValidationProblem(errors);
        const invitees = participantsOf(body.kind, side, await loadRoomPeople(tx, c)).filter((p) => p.userId !== null);
        if (side && invitees.length === 0) {
          throw new ValidationProblem([{ field: 'side', rule: 'hasParticipants', message: `nobody of the ${side} side has an account on this case to hold a caucus with` }]);
        }
        const s = await tx.save(
          tx.create(MediationSession, {
            caseId,
            kind: body.kind,
            side,
            title: body.title ?? null,
            status: SessionStatus.Scheduled,
            startsAt,
            durationMinutes: body.durationMinutes,
            meetingUrl: body.meetingUrl,
            mediatorId: user.id,
          }),
        );
        await this.sessions.chain(tx, c, s, 'session_scheduled', user.id, roomRoleOf(roles), {
          kind: s.kind,
          side: s.side,
          startsAt: s.startsAt.toISOString(),
          durationMinutes: s.durationMinutes,
        });
        await this.sessions.tell(
          tx,
          c,
          s,
          SESSION_TEMPLATES.invitation,
          invitees.map((p) => p.userId!),
        );
        await this.sessions.scheduleReminder(tx, s);
        await this.idempotency.record(tx, idem, 'mediation_session', s.id);
        return { id: s.id, audience: await this.sessions.audienceOf(tx, c, s) };
      });
      await this.sessions.announce(caseId, scheduled.id, scheduled.audience);
      return this.reader.get(user, caseId, scheduled.id);
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) return this.reader.get(user, caseId, (await this.idempotency.previous(idem, 'mediation_session'))!);
      throw error;
    }
  }
}
