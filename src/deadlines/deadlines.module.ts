import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeadlineJobs } from './deadline.jobs';
import { Deadline } from './deadline.entity';
import { DeadlineSweep } from './deadline-sweep.service';
import { DeadlinesController } from './deadlines.controller';
import { Deadlines } from './deadlines.service';
import { LifecycleDeadlines } from './lifecycle-deadlines.service';

/** Statutory timers: rows plus delayed jobs; the sweep runs only where workers run. */
@Module({})
export class DeadlinesModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: DeadlinesModule,
      imports: [NotificationsModule, TypeOrmModule.forFeature([Deadline])],
      controllers: [DeadlinesController],
      providers: [Deadlines, LifecycleDeadlines, DeadlineJobs, ...(options.runWorkers ? [DeadlineSweep] : [])],
      exports: [Deadlines],
    };
  }
}
