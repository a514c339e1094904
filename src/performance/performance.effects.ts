import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { Clock } from '../infrastructure/clock/clock';
import { PerformanceTracking } from './performance-tracking';

/** What the case's transitions do to performance tracking (docs/lifecycle.md names each effect). */
@Injectable()
export class PerformanceEffects {
  constructor(
    private readonly tracking: PerformanceTracking,
    private readonly clock: Clock,
  ) {}

  /** The agreement took effect: its obligations are tracked from now. */
  @TransitionEffect('performance.track')
  async trackOnEffect(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.tracking.track(tx, fired.case.id);
  }

  /** The agreement is reopened (mediation resumed after a rejection): its schedule is no longer tracked. */
  @TransitionEffect('performance.stopTracking')
  async stopTracking(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const now = this.clock.now();
    await tx.query(`UPDATE performance_items SET superseded_at = $2 WHERE case_id = $1 AND superseded_at IS NULL`, [fired.case.id, now]);
    await tx.query(
      `UPDATE performance_reminders r SET skipped = 'agreement reopened' FROM performance_items i
       WHERE r.item_id = i.id AND i.case_id = $1 AND r.sent_at IS NULL AND r.skipped IS NULL`,
      [fired.case.id],
    );
  }

  /** Performance finished while the court had the case: it closes once the court is done. */
  @TransitionEffect('performance.closeIfFulfilled')
  async closeOnceCourtIsDone(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    await this.tracking.closeIfFulfilled(tx, fired.case.id);
  }
}
