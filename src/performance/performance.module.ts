import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PerformanceController } from './performance.controller';
import { PerformanceDefault, PerformanceEventRecord, PerformanceItem, PerformanceReminder } from './performance-item.entity';
import { PerformanceJobs, PerformanceSweep } from './performance.jobs';
import { PerformanceService } from './performance.service';

/** Performance of settlements: tracked obligations, reminders, default (issue 9; docs/procedural-rules.md E). The sweep runs only where workers run. */
@Module({})
export class PerformanceModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: PerformanceModule,
      imports: [AgreementsModule, NotificationsModule, TypeOrmModule.forFeature([PerformanceItem, PerformanceEventRecord, PerformanceReminder, PerformanceDefault])],
      controllers: [PerformanceController],
      providers: [PerformanceService, PerformanceJobs, ...(options.runWorkers ? [PerformanceSweep] : [])],
      exports: [PerformanceService],
    };
  }
}
