import { Module } from '@nestjs/common';

/** The online mediation room: sessions, messages, offers, blind bidding, the period, termination (issue 8; RULES.md B). */
@Module({})
export class MediationModule {}
