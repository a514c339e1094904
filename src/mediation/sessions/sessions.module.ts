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
import { SessionRecordFreezer } from './session-record-freezer';
import { ScheduleSession } from './actions/schedule-session.action';
import { RescheduleSession } from './actions/reschedule-session.action';
import { CancelSession } from './actions/cancel-session.action';
import { StartSession } from './actions/start-session.action';
import { JoinSession } from './actions/join-session.action';
import { MarkAbsent } from './actions/mark-absent.action';
import { EndSession } from './actions/end-session.action';
import { WriteRecord } from './actions/write-record.action';
import { ConfirmRecord } from './actions/confirm-record.action';
import { AcknowledgeWarning } from './actions/acknowledge-warning.action';

/** Joint sessions and caucuses: scheduling, the checks before starting, attendance, confirmed records. */
@Module({
  imports: [
    NotificationsModule,
    DocumentsModule,
    MediationMessagesModule,
    TypeOrmModule.forFeature([MediationSession, MediationAttendance, RecordConfirmation, WarningAcknowledgement]),
  ],
  controllers: [SessionsController],
  providers: [
    MediationSessions,
    SessionReader,
    SessionReminders,
    SessionEffects,
    SessionRecordFreezer,
    ScheduleSession,
    RescheduleSession,
    CancelSession,
    StartSession,
    JoinSession,
    MarkAbsent,
    EndSession,
    WriteRecord,
    ConfirmRecord,
    AcknowledgeWarning,
  ],
  exports: [MediationSessions, ScheduleSession, AcknowledgeWarning],
})
export class MediationSessionsModule {}
