import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../../access/case-access.policy';
import type { AuthUser } from '../../../auth/auth-user';
import { CaseEventLog } from '../../../cases/case-event-log.service';
import { CaseStatus } from '../../../cases/lifecycle/case-states';
import { ConflictProblem } from '../../../common/errors/problem';
import type { HashAlgorithm } from '../../../common/hashing/hash-algorithm';
import { Clock } from '../../../infrastructure/clock/clock';
import { roomRoleOf } from '../../room-people';
import type { WarningView } from '../session.dto';
import { WarningAcknowledgement } from '../session.entity';
import { SessionReader } from '../session-reader';
import { MediationSessions } from '../sessions.service';
import type { RequestOrigin } from '../../../common/request-origin';
import { SHAM_MEDIATION_WARNING_VERSION } from '../sham-mediation-warning';

@Injectable()
export class AcknowledgeWarning {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: MediationSessions,
    private readonly events: CaseEventLog,
    private readonly reader: SessionReader,
    private readonly clock: Clock,
  ) {}

  /** A party or agent acknowledges the current warning for this case; once per version. */
  async run(user: AuthUser, caseId: string, origin: RequestOrigin): Promise<WarningView> {
    await this.db.transaction(async (tx) => {
      const { c, roles } = await this.sessions.lockedCase(tx, user, caseId, CaseAction.AcknowledgeWarning);
      if (c.status === CaseStatus.Closed) throw new ConflictProblem('The case is closed');
      const existing = await tx.findOne(WarningAcknowledgement, { where: { caseId, userId: user.id } });
      if (existing?.warningVersion === SHAM_MEDIATION_WARNING_VERSION) return;
      await tx.save(
        tx.create(WarningAcknowledgement, {
          caseId,
          userId: user.id,
          warningVersion: SHAM_MEDIATION_WARNING_VERSION,
          acknowledgedAt: this.clock.now(),
          ip: origin.ip,
          userAgent: origin.userAgent,
        }),
      );
      // Not mediation content: that the warning was given matters to a court confirming the agreement.
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'sham_mediation_warning_acknowledged',
        actorId: user.id,
        actorRole: roomRoleOf(roles),
        payload: { userId: user.id, warningVersion: SHAM_MEDIATION_WARNING_VERSION },
      });
    });
    return this.reader.warning(user, caseId);
  }
}
