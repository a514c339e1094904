import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
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

  /**
   * The court's own deadline passed (docs/procedural-rules.md D20): the open application is marked overdue, to
   * docket while lodged, to decide once docketed. Nothing else changes: the court still acts.
   */
  @TransitionEffect('confirmation.markOverdue')
  async markOverdue(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const docket = fired.transition.event === CaseEvent.CourtDocketOverdue;
    await tx.query(
      docket
        ? `UPDATE confirmation_applications SET docket_overdue_at = $2, updated_at = now() WHERE case_id = $1 AND status = 'lodged' AND docket_overdue_at IS NULL`
        : `UPDATE confirmation_applications SET decision_overdue_at = $2, updated_at = now() WHERE case_id = $1 AND status = 'docketed' AND decision_overdue_at IS NULL`,
      [fired.case.id, this.clock.now()],
    );
  }
}
