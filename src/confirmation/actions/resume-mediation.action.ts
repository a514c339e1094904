import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Clock } from '../../infrastructure/clock/clock';
import { effectiveAgreement } from '../case-settlement';

@Injectable()
export class ResumeMediationAfterRejection {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly clock: Clock,
  ) {}

  /**
   * After a rejection the parties amend the agreement through mediation (CPL 206): the rejected
   * agreement stops being the effective one, so that a new version can be frozen and signed.
   */
  async run(user: AuthUser, caseId: string, body: { reason?: string; expectedVersion?: number }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const fired = await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.ResumeMediation,
          actor: { kind: 'user', user },
          expectedVersion: body.expectedVersion,
          payload: { ...(body.reason ? { reason: body.reason } : {}) },
          triggers: ['feature'],
        },
        tx,
      );
      const version = await effectiveAgreement(tx, caseId);
      if (version) {
        await tx.query(`UPDATE agreement_versions SET status = 'void', voided_at = $2, effective_at = NULL, void_reason = $3 WHERE id = $1`, [
          version.id,
          this.clock.now(),
          `Judicial confirmation rejected; mediation resumed to amend it (was in effect from ${version.effectiveAt!.toISOString()})`,
        ]);
        await this.events.append(tx, caseId, fired.case.hashAlgorithm as HashAlgorithm, {
          type: 'agreement_reopened',
          actorId: user.id,
          actorRole: CaseRole.System,
          payload: { agreementVersionId: version.id, effectiveAt: version.effectiveAt!.toISOString() },
        });
      }
    });
  }
}
