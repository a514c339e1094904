import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictProblem, NotFoundProblem } from '../../common/errors/problem';
import { JobName } from '../../infrastructure/queue/queue-names';
import { Clock } from '../../infrastructure/clock/clock';
import { Outbox } from '../../outbox/outbox.service';
import { WebhookDeliveryView } from '../webhook.dto';
import { WebhookDelivery } from '../webhook.entity';

/**
 * An administrator sends a delivery again (given up, or delivered and lost by the receiver): the
 * same body, the same event id and sequence, signed afresh, with a fresh budget of attempts. It
 * goes in its case's turn like any delivery: while it is pending, later deliveries of the same
 * case to the same subscription wait for it.
 */
@Injectable()
export class ReplayWebhookDelivery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async run(deliveryId: string): Promise<WebhookDeliveryView> {
    return this.db.transaction(async (tx) => {
      const d = await tx.getRepository(WebhookDelivery).findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw new NotFoundProblem(`No webhook delivery ${deliveryId}`);
      if (d.status === 'pending' || d.status === 'sending') throw new ConflictProblem(`This delivery is ${d.status} already: it will be attempted without a replay`);
      await tx.query(
        // Due from now: the sweep, which counts its grace from then, leaves the replay's own job to it.
        `UPDATE webhook_deliveries SET status = 'pending', failures_in_row = 0, next_attempt_at = $2, failed_at = NULL, lease_until = NULL, claimed_by_job = NULL WHERE id = $1`,
        [deliveryId, this.clock.now()],
      );
      await this.outbox.add(tx, { job: JobName.DeliverWebhook, data: { deliveryId, replay: true } });
      return WebhookDeliveryView.of(await tx.getRepository(WebhookDelivery).findOneByOrFail({ id: deliveryId }));
    });
  }
}
