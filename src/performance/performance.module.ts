import { Module } from '@nestjs/common';

/** Performance of settlements: tracked obligations, reminders, default (issue 9; RULES.md E). */
@Module({})
export class PerformanceModule {}
