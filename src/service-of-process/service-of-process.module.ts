import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AnswerNotice } from './actions/answer-notice.action';
import { ClaimParty } from './actions/claim-party.action';
import { ConfirmAddress } from './actions/confirm-address.action';
import { IssueCertificate } from './actions/issue-certificate.action';
import { OpenByLink } from './actions/open-by-link.action';
import { OpenInPlatform } from './actions/open-in-platform.action';
import { RecordOfflineService } from './actions/record-offline-service.action';
import { NoticeOfMediationEffects } from './notice-of-mediation.effects';
import { ServedDocuments } from './served-documents';
import { ServiceOfProcessController } from './service-of-process.controller';
import { ServiceOfProcess } from './service-of-process.service';
import { ServiceReader } from './service-reader';
import { ServiceRecord } from './service.entity';

/** Electronic service: notices, reading proof, deemed-served rules, certificates, respondents' answers. */
@Module({
  imports: [AuthModule, NotificationsModule, DocumentsModule, TypeOrmModule.forFeature([ServiceRecord])],
  controllers: [ServiceOfProcessController],
  providers: [
    ServiceOfProcess,
    NoticeOfMediationEffects,
    ServedDocuments,
    ServiceReader,
    AnswerNotice,
    ClaimParty,
    ConfirmAddress,
    IssueCertificate,
    OpenByLink,
    OpenInPlatform,
    RecordOfflineService,
  ],
  exports: [ServiceOfProcess],
})
export class ServiceOfProcessModule {}
