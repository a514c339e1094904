import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ServiceOfProcessModule } from '../service-of-process/service-of-process.module';
import { MediationMessagesModule } from './messages/messages.module';
import { MediationSessionsModule } from './sessions/sessions.module';
import { BlindBiddingController } from './blind-bidding.controller';
import { BlindBiddingRow, BlindBidRoundRow } from './blind-bidding.entity';
import { BlindBiddings } from './blind-bidding.service';
import { FailureReportRecord } from './failure-report.entity';
import { FailureReports } from './failure-reports.service';
import { FailureReportDrafts } from './termination/failure-report-drafts';
import { PreviewFailureReport } from './termination/preview-failure-report.action';
import { TerminateMediation } from './termination/terminate-mediation.action';
import { MediationCase } from './mediation-case.service';
import { MediationPeriodController } from './mediation-period.controller';
import { PeriodExtension, PeriodExtensionAnswer, PeriodPause } from './mediation-period.entity';
import { MediationPeriods } from './mediation-period.service';
import { Negotiations } from './negotiation.service';
import { OfferExpiryJob } from './offer-expiry.job';
import { SettlementOfferRecord } from './offer.entity';
import { OffersController } from './offers.controller';
import { TerminationController } from './termination.controller';

/** The online mediation room: sessions, messages, offers, blind bidding, the period, termination (issue 8; docs/procedural-rules.md B). */
@Module({
  imports: [
    MediationSessionsModule,
    MediationMessagesModule,
    NotificationsModule,
    DocumentsModule,
    ServiceOfProcessModule,
    TypeOrmModule.forFeature([SettlementOfferRecord, BlindBiddingRow, BlindBidRoundRow, PeriodPause, PeriodExtension, PeriodExtensionAnswer, FailureReportRecord]),
  ],
  controllers: [OffersController, BlindBiddingController, MediationPeriodController, TerminationController],
  providers: [MediationCase, Negotiations, OfferExpiryJob, BlindBiddings, MediationPeriods, FailureReports, FailureReportDrafts, TerminateMediation, PreviewFailureReport],
})
export class MediationModule {}
