import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { Clock } from '../infrastructure/clock/clock';
import { ApplicationStatus } from './confirmation-application.entity';

/** What lifecycle transitions do to confirmation applications (named as effects in the transition table). */
@Injectable()
export class ConfirmationEffects {
  constructor(private readonly clock: Clock) {}

  /** A timer ended the application (not supplemented in time: treated as withdrawn, Interp. 357). */
  @TransitionEffect('confirmation.expireApplication')
  async expireApplication(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const now = this.clock.now();
    const [rows] = (await tx.query(
      `UPDATE confirmation_applications SET status = $3, withdrawn_at = $2, withdrawal_reason = 'material not supplied in time (Interp. 357)', updated_at = now()
       WHERE case_id = $1 AND status = 'docketed' RETURNING id`,
      [fired.case.id, now, ApplicationStatus.SupplementExpired],
    )) as [{ id: string }[], number];
    for (const { id } of rows) {
      await tx.query(`UPDATE supplement_requests SET expired_at = $2 WHERE application_id = $1 AND supplemented_at IS NULL AND expired_at IS NULL`, [id, now]);
    }
  }
}
