import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { NotFoundProblem } from '../common/errors/problem';
import { decodeCursor, TIME_AND_ID, toPage, wholePage, type Page, type PageQuery } from '../common/pagination';
import { WebhookAttemptView, WebhookDeliveryView, WebhookSubscriptionView, type WebhookDeliveriesQuery, type WebhookSubscriptionsQuery } from './webhook.dto';
import { WebhookAttempt, WebhookDelivery, WebhookSubscription } from './webhook.entity';

/** One page of rows newest first, by the keyset (created_at, id). */
async function newestFirst<T extends { createdAt: Date; id: string }>(qb: SelectQueryBuilder<T>, alias: string, query: PageQuery): Promise<Page<T>> {
  const limit = query.limit ?? 20;
  qb.orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1);
  const after = decodeCursor(query.cursor, TIME_AND_ID);
  if (after) qb.andWhere(`(${alias}.created_at, ${alias}.id) < (:at, :id)`, { at: after[0], id: after[1] });
  return toPage(await qb.getMany(), limit, (r) => [r.createdAt.toISOString(), r.id]);
}

/** Reads subscriptions, deliveries and attempts for administrators and for a court system's own key. */
@Injectable()
export class WebhookReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One subscription; with `courtSystemId` (a court system asking through its key) only its own:
   * another's is a 404, as if it did not exist. `withSecrets` (for a rotation) locks the row and reads its secrets.
   */
  async subscription(id: string, courtSystemId?: string, manager: EntityManager = this.db.manager, withSecrets = false): Promise<WebhookSubscription> {
    const qb = manager.getRepository(WebhookSubscription).createQueryBuilder('s').where('s.id = :id', { id });
    if (withSecrets) qb.addSelect(['s.secret', 's.previousSecret']).setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found || (courtSystemId !== undefined && found.courtSystemId !== courtSystemId)) throw new NotFoundProblem(`No webhook subscription ${id}`);
    return found;
  }

  async subscriptions(query: WebhookSubscriptionsQuery, courtSystemId = query.courtSystemId): Promise<Page<WebhookSubscriptionView>> {
    const qb = this.db.getRepository(WebhookSubscription).createQueryBuilder('s');
    if (courtSystemId) qb.andWhere('s.court_system_id = :courtSystemId', { courtSystemId });
    const page = await newestFirst(qb, 's', query);
    return { items: page.items.map((s) => WebhookSubscriptionView.of(s)), nextCursor: page.nextCursor };
  }

  /** Deliveries, newest first, by subscription, case or status. */
  async deliveries(query: WebhookDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d');
    if (query.subscriptionId) qb.andWhere('d.subscription_id = :subscriptionId', { subscriptionId: query.subscriptionId });
    if (query.caseId) qb.andWhere('d.case_id = :caseId', { caseId: query.caseId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    const page = await newestFirst(qb, 'd', query);
    return { items: page.items.map((d) => WebhookDeliveryView.of(d)), nextCursor: page.nextCursor };
  }

  /** Every attempt of one delivery, first first. */
  async attempts(deliveryId: string): Promise<Page<WebhookAttemptView>> {
    if (!(await this.db.getRepository(WebhookDelivery).existsBy({ id: deliveryId }))) throw new NotFoundProblem(`No webhook delivery ${deliveryId}`);
    const rows = await this.db.getRepository(WebhookAttempt).find({ where: { deliveryId }, order: { attempt: 'ASC' } });
    return wholePage(rows.map((a) => WebhookAttemptView.of(a)));
  }
}
