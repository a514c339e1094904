import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction, canSeeMediationContent } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { NotFoundProblem } from '../../common/errors/problem';
import { loadRoomPeople, type RoomPerson } from '../room-people';
import type { ParticipantView, SessionView, WarningView } from './session.dto';
import { MediationAttendance, MediationSession, RecordConfirmation, WarningAcknowledgement } from './session.entity';
import { awaitingConfirmation, confirmersOf, participantsOf } from './session-rules';
import { SHAM_MEDIATION_WARNING, SHAM_MEDIATION_WARNING_VERSION } from './sham-mediation-warning';

/** Reads of the mediation room's sessions, as the person may see them, and the sham-mediation warning (docs/procedural-rules.md A6). */
@Injectable()
export class SessionReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
  ) {}

  async warning(user: AuthUser, caseId: string): Promise<WarningView> {
    await this.access.require(user, caseId, CaseAction.View);
    const ack = await this.db.getRepository(WarningAcknowledgement).findOne({ where: { caseId, userId: user.id } });
    return {
      version: SHAM_MEDIATION_WARNING_VERSION,
      texts: { ...SHAM_MEDIATION_WARNING },
      acknowledgedAt: ack && ack.warningVersion === SHAM_MEDIATION_WARNING_VERSION ? ack.acknowledgedAt.toISOString() : null,
    };
  }

  /** The sessions you may see: every joint session, your side's caucuses (the mediator: all). */
  async list(user: AuthUser, caseId: string): Promise<SessionView[]> {
    const { case: c, roles } = await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const sessions = await this.db.getRepository(MediationSession).find({ where: { caseId }, order: { startsAt: 'ASC', id: 'ASC' } });
    const people = await loadRoomPeople(this.db.manager, c);
    const views: SessionView[] = [];
    for (const s of sessions.filter((x) => canSeeMediationContent(roles, x.side))) views.push(await this.viewOf(c, s, roles, people));
    return views;
  }

  async get(user: AuthUser, caseId: string, sessionId: string): Promise<SessionView> {
    const { case: c, roles } = await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const s = await this.db.getRepository(MediationSession).findOne({ where: { id: sessionId, caseId } });
    if (!s || !canSeeMediationContent(roles, s.side)) throw new NotFoundProblem(`No session ${sessionId} in this case`);
    return this.viewOf(c, s, roles, await loadRoomPeople(this.db.manager, c));
  }

  private async viewOf(c: Case, s: MediationSession, roles: readonly CaseRole[], people: RoomPerson[]): Promise<SessionView> {
    const attendance = await this.db.getRepository(MediationAttendance).find({ where: { sessionId: s.id } });
    const [mediator] = (await this.db.query(`SELECT display_name, identity_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`, [s.mediatorId])) as {
      display_name: string;
      verified: boolean;
    }[];
    const isMediator = roles.includes(CaseRole.Mediator);
    const attendanceOf = (userId: string | null): Pick<ParticipantView, 'attendance' | 'joinedAt' | 'joinedFromIp'> => {
      const a = attendance.find((x) => x.userId === userId);
      return { attendance: a?.status ?? null, joinedAt: a?.joinedAt?.toISOString() ?? null, ...(isMediator && { joinedFromIp: a?.ip ?? null }) };
    };
    const participants = participantsOf(s.kind, s.side, people);
    const record = s.recordRevision > 0 ? await this.recordView(s, participants, attendance) : null;
    return {
      id: s.id,
      caseId: s.caseId,
      kind: s.kind,
      side: s.side,
      title: s.title,
      status: s.status,
      startsAt: s.startsAt.toISOString(),
      durationMinutes: s.durationMinutes,
      meetingUrl: s.meetingUrl,
      mediatorId: s.mediatorId,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      cancelledAt: s.cancelledAt?.toISOString() ?? null,
      cancelReason: s.cancelReason,
      participants: [
        {
          userId: s.mediatorId,
          name: mediator?.display_name ?? '—',
          side: 'mediator',
          capacity: 'mediator',
          identityVerified: mediator?.verified ?? false,
          warningAcknowledged: null,
          ...attendanceOf(s.mediatorId),
        },
        ...participants.map((p) => ({
          userId: p.userId,
          name: p.name,
          side: p.side,
          capacity: p.capacity,
          identityVerified: p.identityVerified,
          warningAcknowledged: p.warningVersion === SHAM_MEDIATION_WARNING_VERSION,
          ...attendanceOf(p.userId),
        })),
      ],
      record,
    };
  }

  private async recordView(s: MediationSession, participants: RoomPerson[], attendance: MediationAttendance[]): Promise<SessionView['record']> {
    const confirmations = await this.db.getRepository(RecordConfirmation).find({ where: { sessionId: s.id, revision: s.recordRevision }, order: { confirmedAt: 'ASC' } });
    const confirmers = confirmersOf(
      participants.filter((p) => p.userId !== null).map((p) => p.userId!),
      attendance.filter((a) => a.status === 'joined').map((a) => a.userId),
    );
    return {
      revision: s.recordRevision,
      text: s.recordText!,
      hash: s.recordHash!,
      writtenAt: s.recordWrittenAt!.toISOString(),
      confirmations: confirmations.map((r) => ({ userId: r.userId, confirmedAt: r.confirmedAt.toISOString() })),
      awaiting: s.recordFrozenAt
        ? []
        : awaitingConfirmation(
            confirmers,
            confirmations.map((r) => r.userId),
          ),
      frozenAt: s.recordFrozenAt?.toISOString() ?? null,
      documentId: s.recordDocumentId,
    };
  }
}
