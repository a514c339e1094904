import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AdminNotificationsController } from './admin-notifications.controller';
import { DeliverNotification } from './deliver-notification.job';
import { LifecycleNotifier } from './lifecycle-notifier.service';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationPush } from './notification-push.service';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { Notifier } from './notifier.service';
import { PushInAppNotifications } from './push-in-app.job';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTickets } from './stream-tickets.service';

/** Notifications: made in the transaction of what causes them, delivered by workers, read in the inbox. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([Notification, NotificationDelivery])],
  controllers: [NotificationsController, AdminNotificationsController],
  providers: [Notifier, LifecycleNotifier, DeliverNotification, PushInAppNotifications, NotificationPush, NotificationInbox, StreamTickets, StreamAuthGuard],
  // The stream's ticket check, for other live streams (the mediation room's).
  exports: [Notifier, StreamTickets, StreamAuthGuard],
})
export class NotificationsModule {}
