import { HttpStatus, Injectable } from '@nestjs/common';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { CaseParty } from '../../../cases/entities/case-party.entity';
import { ProblemException } from '../../../common/errors/problem';
import { Clock } from '../../../infrastructure/clock/clock';
import { loadRoomPeople, roomRoleOf } from '../../room-people';
import type { SessionView } from '../session.dto';
import { MediationSession } from '../session.entity';
import { addressForServiceMissing, describeBlockers, participantsOf, SessionStatus, startBlockers } from '../session-rules';
import { SessionReader } from '../session-reader';
import { MediationSessions, SESSION_NOT_READY } from '../sessions.service';
import type { RequestOrigin } from '../../../common/request-origin';
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
   * have acknowledged the sham-mediation warning for this case, and before the first session of a
   * pre-filing case every party must have confirmed an address for service (docs/procedural-rules.md
   * A6): otherwise 409 naming who lacks what. The mediator who starts it is recorded as joined.
   */
  async run(user: AuthUser, caseId: string, sessionId: string, origin: RequestOrigin): Promise<SessionView> {
    await this.sessions.inSession(user, caseId, sessionId, CaseAction.ConductMediation, async ({ tx, c, roles, s }) => {
      this.sessions.refuse('start', s, c);
      const opened = (await tx.query(`SELECT 1 FROM mediation_sessions WHERE case_id = $1 AND started_at IS NOT NULL LIMIT 1`, [c.id])) as unknown[];
      const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
      const noAddress = addressForServiceMissing(c, parties, opened.length === 0);
      if (noAddress.length > 0) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          SESSION_NOT_READY,
          'Session cannot start',
          `The first session cannot start before every party has confirmed an address for service (OMR 17): ${noAddress.map((p) => `${p.name} (${p.side})`).join('; ')} has not`,
          { missingAddressForService: noAddress.map((p) => ({ partyId: p.id, name: p.name, side: p.side })) },
        );
      }
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
