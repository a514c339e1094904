import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueName } from '../infrastructure/queue/queue-names';
import { QueueBoardAuth } from './queue-board-auth.service';
import { QueueBoardController } from './queue-board.controller';

/** Provides QueueBoardAuth to bull-board's factory (which resolves it in its own module). */
@Module({ imports: [AuthModule], providers: [QueueBoardAuth], exports: [QueueBoardAuth] })
class QueueBoardAuthModule {}

/** bull-board at /api/admin/queues, behind the admin check of QueueBoardAuth. */
@Module({
  imports: [
    QueueBoardAuthModule,
    BullBoardModule.forRootAsync({
      imports: [QueueBoardAuthModule],
      inject: [QueueBoardAuth],
      useFactory: (auth: QueueBoardAuth) => ({
        route: '/admin/queues',
        adapter: ExpressAdapter,
        middleware: auth.middleware(),
        boardOptions: { uiConfig: { boardTitle: 'Accord queues' } },
      }),
    }),
    BullBoardModule.forFeature(...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter }))),
  ],
  controllers: [QueueBoardController],
})
export class QueueBoardModule {}
