import { DynamicModule, Module } from '@nestjs/common';
import { QueueBoardModule } from './admin/queue-board.module';
import { AppConfigModule } from './config/config.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ReportsModule } from './reports/reports.module';
import { AgreementsModule } from './agreements/agreements.module';
import { ArchiveModule } from './archive/archive.module';
import { ConfirmationModule } from './confirmation/confirmation.module';
import { MediationModule } from './mediation/mediation.module';
import { PerformanceModule } from './performance/performance.module';
import { AssignmentModule } from './assignment/assignment.module';
import { DemoModule } from './demo/demo.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DocumentsModule } from './documents/documents.module';
import { IntakeModule } from './intake/intake.module';
import { HealthModule } from './health/health.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { UsersModule } from './users/users.module';
import { ClockModule } from './infrastructure/clock/clock.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { LoggingModule } from './infrastructure/logging/logging.module';
import { MailModule } from './infrastructure/mail/mail.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { RedisModule } from './infrastructure/redis/redis.module';
import { SmsModule } from './infrastructure/sms/sms.module';
import { StorageModule } from './infrastructure/storage/storage.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxModule } from './outbox/outbox.module';
import { ServiceFallbackModule } from './service-of-process/service-fallback.module';
import { OrphanedObjectsModule } from './documents/orphaned-objects.module';
import { OfflineHandlingModule } from './offline-handling/offline-handling.module';
import { ServiceOfProcessModule } from './service-of-process/service-of-process.module';
import { CourtReferralsModule } from './court-referrals/court-referrals.module';
import { CourtSystemsModule } from './court-systems/court-systems.module';
import { WebhookSweepModule } from './court-systems/webhook.sweep';
import { SystemModule } from './system/system.module';
import { WebAppModule } from './web-app/web-app.module';

export interface AppModuleOptions {
  /** Run BullMQ workers, the outbox relay and the deadline sweep in this process (`worker` and `all` modes). */
  runWorkers: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        LoggingModule,
        ClockModule,
        DatabaseModule,
        RedisModule,
        QueueModule.forRoot({ runWorkers: options.runWorkers }),
        OutboxModule.forRoot({ runWorkers: options.runWorkers }),
        AuditModule,
        AuthModule,
        OrganisationsModule,
        UsersModule,
        CasesModule,
        IntakeModule,
        CourtReferralsModule,
        CourtSystemsModule,
        DocumentsModule,
        DemoModule,
        AssignmentModule,
        ArchiveModule,
        ReportsModule,
        StorageModule,
        MailModule,
        SmsModule,
        HealthModule,
        SystemModule,
        NotificationsModule,
        DeadlinesModule.forRoot({ runWorkers: options.runWorkers }),
        OfflineHandlingModule,
        ServiceOfProcessModule,
        ServiceFallbackModule.forRoot({ runWorkers: options.runWorkers }),
        WebhookSweepModule.forRoot({ runWorkers: options.runWorkers }),
        OrphanedObjectsModule.forRoot({ runWorkers: options.runWorkers }),
        MediationModule,
        AgreementsModule,
        ConfirmationModule,
        PerformanceModule.forRoot({ runWorkers: options.runWorkers }),
        QueueBoardModule,
        // Last: its catch-all route must come after every API route.
        WebAppModule,
      ],
    };
  }
}
