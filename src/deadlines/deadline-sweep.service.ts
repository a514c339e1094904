import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';
import { Deadlines } from './deadlines.service';

/**
 * The backstop for lost jobs (Redis lost its data, a job was deleted by hand, a job ran on a
 * machine whose clock was behind): every DEADLINE_SWEEP_INTERVAL_MS, one worker fires the running
 * deadlines that fell due more than DEADLINE_SWEEP_GRACE_MS ago. Firing is idempotent and locked
 * per case, so a sweep that overlaps a deadline's own job fires it once.
 */
@Injectable()
export class DeadlineSweep extends PeriodicSweep {
  constructor(
    private readonly deadlines: Deadlines,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  readonly sweepName = 'deadlines';

  intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    let fired = 0;
    for (const id of await this.deadlines.overdue(this.config.get('DEADLINE_SWEEP_GRACE_MS'))) {
      if ((await this.deadlines.fire(id, 'sweep')) === 'fired') fired++;
    }
    if (fired > 0) this.logger.warn(`fired ${fired} overdue deadline(s) whose jobs had not`);
    return fired;
  }
}
