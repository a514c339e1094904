import { Module } from '@nestjs/common';
import { MediationMessagesModule } from './messages/messages.module';
import { MediationSessionsModule } from './sessions/sessions.module';

/** The online mediation room: sessions, messages, offers, blind bidding, the period, termination (issue 8; RULES.md B). */
@Module({
  imports: [MediationSessionsModule, MediationMessagesModule],
})
export class MediationModule {}
