import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../../cases/transition-effects.service';
import type { WrittenTransition } from '../../cases/written-transition';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { Clock } from '../../infrastructure/clock/clock';
import { MediationSession } from './session.entity';
import { SessionStatus } from './session-rules';
import { MediationSessions } from './sessions.service';

/** What lifecycle transitions do to the room's sessions (named as effects in the transition table). */
@Injectable()
export class SessionEffects {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly clock: Clock,
  ) {}

  /** A case that leaves mediation (closed, re-assigned, to signing) holds no more sessions: scheduled ones are cancelled. */
  @TransitionEffect('sessions.cancelScheduled')
  async cancelScheduled(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const scheduled = await tx.find(MediationSession, { where: { caseId: fired.case.id, status: SessionStatus.Scheduled } });
    for (const s of scheduled) {
      await tx.update(
        MediationSession,
        { id: s.id },
        { status: SessionStatus.Cancelled, cancelledAt: this.clock.now(), cancelReason: `the case left mediation (${fired.transition.event})` },
      );
      await this.sessions.chain(tx, fired.case, s, 'session_cancelled', null, CaseRole.System, { byTransition: fired.transition.event });
    }
  }
}
