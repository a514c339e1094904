import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { Deadlines } from './deadlines.service';
import { PeriodicSweep } from './periodic-sweep';

/**
 * The backstop for lost jobs (Redis lost its data, a job was deleted by hand, a job ran on a
 * machine whose clock was behind): every DEADLINE_SWEEP_INTERVAL_MS, each worker process fires
 * the running deadlines that fell due more than DEADLINE_SWEEP_GRACE_MS ago. Firing is
 * idempotent and locked per case, so several workers sweeping at once fire each deadline once.
 */
@Injectable()
export class DeadlineSweep extends PeriodicSweep {
  protected readonly logger = new Logger(DeadlineSweep.name);

  constructor(
    private readonly deadlines: Deadlines,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    let fired = 0;
    try {
      for (const id of await this.deadlines.overdue(this.config.get('DEADLINE_SWEEP_GRACE_MS'))) {
        if ((await this.deadlines.fire(id, 'sweep')) === 'fired') fired++;
      }
      if (fired > 0) this.logger.warn(`fired ${fired} overdue deadline(s) whose jobs had not`);
    } catch (error) {
      this.logger.error({ err: error }, 'deadline sweep failed');
    }
    return fired;
  }
}
