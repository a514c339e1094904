import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../../auth/auth.module';
import { DocumentsModule } from '../../documents/documents.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { ChannelRead, MediationMessage } from './message.entity';
import { MessageTranscripts } from './message-transcripts.service';
import { MessagesController } from './messages.controller';
import { MediationMessages } from './messages.service';
import { MediationPush } from './mediation-push.service';

/** The mediation room's messages: joint and caucus channels, unread counts, live delivery (sessions' changes too), transcripts filed at closing. */
@Module({
  imports: [AuthModule, NotificationsModule, DocumentsModule, TypeOrmModule.forFeature([MediationMessage, ChannelRead])],
  controllers: [MessagesController],
  providers: [MediationMessages, MediationPush, MessageTranscripts],
  exports: [MediationPush],
})
export class MediationMessagesModule {}
