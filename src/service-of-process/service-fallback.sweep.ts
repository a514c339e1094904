import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';
import { ServiceOfProcess } from './service-of-process.service';

/**
 * Tries the next consented channel of services not effective by their next-attempt time (docs/procedural-rules.md
 * F26). A sweep rather than one delayed job per service: the fallback hours are long, exactness to
 * the sweep interval is enough, and nothing is lost with Redis. Runs in worker processes.
 */
@Injectable()
export class ServiceFallbackSweep extends PeriodicSweep {
  constructor(
    private readonly services: ServiceOfProcess,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  readonly sweepName = 'service-fallback';

  intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    let acted = 0;
    for (const id of await this.services.dueForFallback()) if ((await this.services.fallBack(id)) !== 'nothing_to_do') acted++;
    return acted;
  }
}
