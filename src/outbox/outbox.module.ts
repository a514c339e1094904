import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InlineJobs } from './inline-jobs';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay.service';
import { Outbox } from './outbox.service';

/** `Outbox` and `InlineJobs` for every process; the relay only where workers run. */
@Global()
@Module({})
export class OutboxModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: OutboxModule,
      imports: [TypeOrmModule.forFeature([OutboxMessage])],
      providers: [Outbox, InlineJobs, ...(options.runWorkers ? [OutboxRelay] : [])],
      exports: [Outbox, InlineJobs],
    };
  }
}
