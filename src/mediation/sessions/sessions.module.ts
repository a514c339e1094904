import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../../documents/documents.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { MediationMessagesModule } from '../messages/messages.module';
import { MediationAttendance, MediationSession, RecordConfirmation, WarningAcknowledgement } from './session.entity';
import { SessionsController } from './sessions.controller';
import { SessionReader } from './session-reader';
import { SessionEffects } from './sessions.effects';
import { SessionReminders } from './sessions.job';
import { MediationSessions } from './sessions.service';

/** Joint sessions and caucuses: scheduling, the checks before starting, attendance, confirmed records. */
@Module({
  imports: [
    NotificationsModule,
    DocumentsModule,
    MediationMessagesModule,
    TypeOrmModule.forFeature([MediationSession, MediationAttendance, RecordConfirmation, WarningAcknowledgement]),
  ],
  controllers: [SessionsController],
  providers: [MediationSessions, SessionReader, SessionReminders, SessionEffects],
  exports: [MediationSessions],
})
export class MediationSessionsModule {}
