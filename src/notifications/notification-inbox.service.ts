import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { NotFoundProblem } from '../common/errors/problem';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import type { Environment } from '../config/environment';
import { NotificationDelivery } from './notification-delivery.entity';
import type { RenderSettings } from './notification-templates';
import { Notification } from './notification.entity';
import { DeliveryView, FailedDeliveryView, NotificationView } from './notification.view';

/** A person's inbox, and the delivery records administrators look into. */
@Injectable()
export class NotificationInbox {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  get renderSettings(): RenderSettings {
    return { timeZone: this.config.get('PLATFORM_TIMEZONE'), publicUrl: this.config.get('PUBLIC_URL') };
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(userId: string, query: { limit?: number; cursor?: string; unread?: boolean }): Promise<Page<NotificationView>> {
    const limit = query.limit ?? 20;
    const qb = this.db
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: after[0], id: after[1] });
    // created_at keeps microseconds; the cursor must too, or rows of the same millisecond are skipped.
    const rows = await qb.addSelect(`to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'n_cursor_at').getRawAndEntities();
    const cursorAt = new Map(rows.raw.map((r: { n_id: string; n_cursor_at: string }) => [r.n_id, r.n_cursor_at]));
    const page = toPage(rows.entities, limit, (n) => [cursorAt.get(n.id) ?? n.createdAt.toISOString(), n.id]);
    return { items: page.items.map((n) => NotificationView.of(n, this.renderSettings)), nextCursor: page.nextCursor };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }] = (await this.db.query(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId])) as { count: number }[];
    return count;
  }

  /** Marks one of the person's notifications read; reading it again keeps the first time. */
  async markRead(userId: string, id: string): Promise<NotificationView> {
    await this.db.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [id, userId]);
    const n = await this.db.getRepository(Notification).findOne({ where: { id, userId } });
    if (!n) throw new NotFoundProblem(`No notification ${id}`);
    return NotificationView.of(n, this.renderSettings);
  }

  /** Every delivery attempt of a notification, oldest first: the evidence of service. */
  async deliveries(notificationId: string): Promise<DeliveryView[]> {
    const exists = await this.db.getRepository(Notification).exists({ where: { id: notificationId } });
    if (!exists) throw new NotFoundProblem(`No notification ${notificationId}`);
    const rows = await this.db.getRepository(NotificationDelivery).find({ where: { notificationId }, order: { channel: 'ASC', attempt: 'ASC' } });
    return rows.map(DeliveryView.of);
  }

  /** Deliveries that failed for good (refused, or out of retries), newest first. */
  async failedDeliveries(query: { limit?: number; cursor?: string }): Promise<Page<FailedDeliveryView>> {
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    const rows = (await this.db.query(
      `SELECT d.id, n.user_id, n.template, n.case_id, to_char(d.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE d.status = 'failed' AND d.will_retry = false
         AND ($2::text IS NULL OR (d.finished_at, d.id) < ($2::timestamptz, $3::uuid))
       ORDER BY d.finished_at DESC, d.id DESC LIMIT $1`,
      [limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    )) as { id: string; user_id: string; template: string; case_id: string | null; cursor_at: string }[];
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    const byId = new Map((await this.db.getRepository(NotificationDelivery).find({ where: { id: In(page.items.map((r) => r.id)) } })).map((d) => [d.id, d]));
    return {
      items: page.items.map((r) => ({ ...DeliveryView.of(byId.get(r.id)!), userId: r.user_id, template: r.template, caseId: r.case_id })),
      nextCursor: page.nextCursor,
    };
  }
}
