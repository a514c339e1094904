import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { JobName } from '../infrastructure/queue/queue-names';
import { PeriodicSweep } from '../infrastructure/sweep/periodic-sweep';
import { Outbox } from '../outbox/outbox.service';

const BATCH = 500;

/**
 * The backstop of webhook deliveries whose job was lost (Redis lost its data, a job used up
 * BullMQ's attempts on the platform's own faults): a delivery in its case's turn, due for longer
 * than DEADLINE_SWEEP_GRACE_MS, or `sending` past its lease by as long, gets a job again. A second
 * job for a delivery that still had one costs nothing: the claim lets one of them through.
 */
@Injectable()
export class WebhookSweep extends PeriodicSweep {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  readonly sweepName = 'webhooks';

  intervalMs(): number {
    return this.config.get('DEADLINE_SWEEP_INTERVAL_MS');
  }

  protected async sweepOnce(): Promise<number> {
    const before = new Date(this.clock.nowMs() - this.config.get('DEADLINE_SWEEP_GRACE_MS'));
    const stuck = (await this.db.query(
      `SELECT d.id FROM webhook_deliveries d
       WHERE ((d.status = 'pending' AND coalesce(d.next_attempt_at, d.created_at) <= $1) OR (d.status = 'sending' AND d.lease_until <= $1))
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                         WHERE p.subscription_id = d.subscription_id AND p.case_id = d.case_id
                           AND p.sequence < d.sequence AND p.status IN ('pending', 'sending'))
       ORDER BY d.created_at LIMIT ${BATCH}`,
      [before],
    )) as { id: string }[];
    if (stuck.length === 0) return 0;
    await this.db.transaction((tx) =>
      this.outbox.addMany(
        tx,
        stuck.map((d) => ({ job: JobName.DeliverWebhook, data: { deliveryId: d.id } })),
      ),
    );
    return stuck.length;
  }
}

/** The sweep, in processes that run workers only. */
@Module({})
export class WebhookSweepModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return { module: WebhookSweepModule, providers: options.runWorkers ? [WebhookSweep] : [] };
  }
}
