import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConfirmPerformance } from './actions/confirm-performance.action';
import { DeclareDefault } from './actions/declare-default.action';
import { DisputePerformance } from './actions/dispute-performance.action';
import { PerformanceStep } from './actions/performance-step';
import { ReportPerformance } from './actions/report-performance.action';
import { PerformanceController } from './performance.controller';
import { PerformanceDefault, PerformanceEventRecord, PerformanceItem, PerformanceReminder } from './performance-item.entity';
import { PerformanceJobs, PerformanceSweep } from './performance.jobs';
import { PerformanceEffects } from './performance.effects';
import { PerformanceReader } from './performance-reader';
import { PerformanceTracking } from './performance-tracking';

/** Performance of settlements: tracked obligations, reminders, default (issue 9; docs/procedural-rules.md E). The sweep runs only where workers run. */
@Module({})
export class PerformanceModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: PerformanceModule,
      imports: [AgreementsModule, NotificationsModule, TypeOrmModule.forFeature([PerformanceItem, PerformanceEventRecord, PerformanceReminder, PerformanceDefault])],
      controllers: [PerformanceController],
      providers: [
        PerformanceTracking,
        PerformanceEffects,
        PerformanceReader,
        PerformanceStep,
        ReportPerformance,
        ConfirmPerformance,
        DisputePerformance,
        DeclareDefault,
        PerformanceJobs,
        ...(options.runWorkers ? [PerformanceSweep] : []),
      ],
      exports: [PerformanceTracking, PerformanceReader, ReportPerformance, ConfirmPerformance, PerformanceJobs],
    };
  }
}
