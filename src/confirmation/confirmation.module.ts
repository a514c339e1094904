import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ServiceOfProcessModule } from '../service-of-process/service-of-process.module';
import { ApplyForConfirmation } from './actions/apply-for-confirmation.action';
import { CloseUnconfirmed } from './actions/close-unconfirmed.action';
import { ConsentToApplication } from './actions/consent-to-application.action';
import { ResumeMediationAfterRejection } from './actions/resume-mediation.action';
import { SupplementApplication } from './actions/supplement-application.action';
import { WithdrawApplication } from './actions/withdraw-application.action';
import { AttestationService } from './attestation.service';
import { ConfirmationApplication, ConfirmationConsentRecord, ConfirmationMaterial, SupplementRequest } from './confirmation-application.entity';
import { ConfirmationController, CourtReviewController } from './confirmation.controller';
import { ConfirmationConsents } from './confirmation-consents';
import { ConfirmationReader } from './confirmation-reader';
import { ConfirmationEffects } from './confirmation.effects';
import { ConfirmationService } from './confirmation.service';
import { CourtReviewService } from './court-review.service';
import { CourtQueueReader } from './court-queue.reader';
import { DocketApplication } from './actions/docket-application.action';
import { DeclineApplication } from './actions/decline-application.action';
import { RequestSupplement } from './actions/request-supplement.action';
import { ExtendDecisionPeriod } from './actions/extend-decision-period.action';
import { RuleOnApplication } from './actions/rule-on-application.action';
import { PreviewRuling } from './actions/preview-ruling.action';
import { FileObjection } from './actions/file-objection.action';
import { FileThirdPartyObjection } from './actions/file-third-party-objection.action';
import { ReviewObjection } from './actions/review-objection.action';
import { SummonParties } from './actions/summon-parties.action';
import { CourtProcedureController } from './court-procedure.controller';
import { CourtProcedureService } from './court-procedure.service';
import { CourtSummons } from './court-summons.entity';
import { RulingObjection } from './ruling-objection.entity';

/** Judicial confirmation: the joint application and the court's side (issue 9; docs/procedural-rules.md D). */
@Module({
  imports: [
    AgreementsModule,
    DocumentsModule,
    NotificationsModule,
    ServiceOfProcessModule,
    TypeOrmModule.forFeature([ConfirmationApplication, ConfirmationConsentRecord, ConfirmationMaterial, SupplementRequest, CourtSummons, RulingObjection]),
  ],
  controllers: [ConfirmationController, CourtReviewController, CourtProcedureController],
  providers: [
    ConfirmationService,
    ConfirmationConsents,
    ConfirmationReader,
    ConfirmationEffects,
    ApplyForConfirmation,
    ConsentToApplication,
    SupplementApplication,
    WithdrawApplication,
    ResumeMediationAfterRejection,
    CloseUnconfirmed,
    CourtReviewService,
    CourtQueueReader,
    DocketApplication,
    DeclineApplication,
    RequestSupplement,
    ExtendDecisionPeriod,
    RuleOnApplication,
    PreviewRuling,
    CourtProcedureService,
    SummonParties,
    FileObjection,
    FileThirdPartyObjection,
    ReviewObjection,
    AttestationService,
  ],
  exports: [ConfirmationService],
})
export class ConfirmationModule {}
