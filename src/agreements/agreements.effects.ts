import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { Clock } from '../infrastructure/clock/clock';
import { liveVersion, voidVersion } from './agreement-store';
import { AgreementVersionStatus } from './agreement-version.entity';

/** What lifecycle transitions do to the agreement (named as effects in the transition table). */
@Injectable()
export class AgreementEffects {
  constructor(private readonly clock: Clock) {}

  /**
   * Whatever takes a case out of `signing` other than the last signature (revise_agreement, a
   * termination, a withdrawal) leaves the version being signed without effect: void it and its
   * signatures in the same transaction.
   */
  @TransitionEffect('agreements.voidSigningVersion')
  async voidSigningVersion(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const live = await liveVersion(tx, fired.case.id, true);
    if (!live || live.status !== AgreementVersionStatus.Signing) return;
    const reason = typeof fired.payload.reason === 'string' ? `${fired.transition.event}: ${fired.payload.reason}` : fired.transition.event;
    await voidVersion(tx, live.id, reason, this.clock.now());
  }
}
