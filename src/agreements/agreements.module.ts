import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '../documents/documents.module';
import { ServiceOfProcessModule } from '../service-of-process/service-of-process.module';
import { AgreementDraft } from './agreement-draft.entity';
import { AgreementDraftChecks } from './agreement-draft-checks';
import { AgreementReader } from './agreement-reader.service';
import { AgreementRefusal } from './agreement-refusal.entity';
import { AgreementSignature } from './agreement-signature.entity';
import { AgreementSigning } from './agreement-signing.service';
import { AgreementTakesEffect } from './agreement-takes-effect';
import { CreateDraft } from './actions/create-draft.action';
import { ProposeAgreement } from './actions/propose-agreement.action';
import { RefuseToSign } from './actions/refuse-to-sign.action';
import { RequestSignatureCode } from './actions/request-signature-code.action';
import { ReviseAgreement } from './actions/revise-agreement.action';
import { SignAgreement } from './actions/sign-agreement.action';
import { UpdateDraft } from './actions/update-draft.action';
import { AgreementVersionRecord } from './agreement-version.entity';
import { AgreementsController } from './agreements.controller';
import { AgreementEffects } from './agreements.effects';
import { SendSignatureCode } from './send-signature-code.job';
import { SignatureCode } from './signature-code.entity';

/** Settlement agreements: drafting, frozen versions, e-signatures (issue 8; docs/procedural-rules.md C12-C13). */
@Module({
  imports: [DocumentsModule, ServiceOfProcessModule, TypeOrmModule.forFeature([AgreementVersionRecord, AgreementDraft, SignatureCode, AgreementSignature, AgreementRefusal])],
  controllers: [AgreementsController],
  providers: [
    AgreementDraftChecks,
    AgreementEffects,
    CreateDraft,
    UpdateDraft,
    ProposeAgreement,
    ReviseAgreement,
    AgreementSigning,
    AgreementTakesEffect,
    RequestSignatureCode,
    SignAgreement,
    RefuseToSign,
    AgreementReader,
    SendSignatureCode,
  ],
  exports: [TypeOrmModule, AgreementReader],
})
export class AgreementsModule {}
