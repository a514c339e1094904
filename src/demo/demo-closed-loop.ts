import { Injectable, type Type } from '@nestjs/common';
import { demoEvidencePdf, type DemoEvidence } from './demo-evidence';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { AgreementDraftContent } from '../agreements/agreement-drafting';
import type { AgreementLanguage, Obligation } from '../agreements/agreement-model';
import { CreateDraft } from '../agreements/actions/create-draft.action';
import { ProposeAgreement } from '../agreements/actions/propose-agreement.action';
import { RequestSignatureCode } from '../agreements/actions/request-signature-code.action';
import { SignAgreement } from '../agreements/actions/sign-agreement.action';
import { UpdateDraft } from '../agreements/actions/update-draft.action';
import { deriveSignatureCode } from '../agreements/signature-codes';
import { AcceptOffer } from '../assignment/actions/accept-offer.action';
import { AssignManually } from '../assignment/actions/assign-manually.action';
import type { AuthUser } from '../auth/auth-user';
import { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import type { Environment } from '../config/environment';
import { ApplyForConfirmation } from '../confirmation/actions/apply-for-confirmation.action';
import { ConsentToApplication } from '../confirmation/actions/consent-to-application.action';
import { DocketApplication } from '../confirmation/actions/docket-application.action';
import { RuleOnApplication } from '../confirmation/actions/rule-on-application.action';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { MediationChannel } from '../mediation/messages/channels';
import { MediationMessages } from '../mediation/messages/messages.service';
import { Negotiations } from '../mediation/negotiation.service';
import type { MakeOfferRequest } from '../mediation/offer.dto';
import { SessionKind } from '../mediation/sessions/session-rules';
import { AcknowledgeWarning } from '../mediation/sessions/actions/acknowledge-warning.action';
import { ScheduleSession } from '../mediation/sessions/actions/schedule-session.action';
import type { SettlementTerms } from '../mediation/settlement-terms';
import { ConfirmPerformance } from '../performance/actions/confirm-performance.action';
import { ReportPerformance } from '../performance/actions/report-performance.action';
import { PerformanceReader } from '../performance/performance-reader';
import { AnswerNotice } from '../service-of-process/actions/answer-notice.action';
import { ClaimParty } from '../service-of-process/actions/claim-party.action';
import { ANY_HOLDER, signServiceLink } from '../service-of-process/service-link';
import { ServiceRecord, ServicePurpose } from '../service-of-process/service.entity';

/** The people of one demo case: its two parties and its mediator. */
export interface DemoCast {
  applicant: AuthUser;
  respondent: AuthUser;
  mediator: AuthUser;
}

/** What the demo's people send as their "request": there is no HTTP request behind the seed. */
const ORIGIN = { ip: '127.0.0.1', userAgent: 'accord-demo-seed' };

/**
 * The later stages of the demo (mediation room, offers, agreement and e-signatures, judicial
 * confirmation, performance), each step through the same service method or action its controller calls,
 * as the person who would take it, so every step has its real checks and side effects (chain
 * events, notifications, deadlines, served documents).
 *
 * The feature services are looked up in the running application (ModuleRef, not strict) rather
 * than injected, so the demo needs no feature module to export its internals.
 */
@Injectable()
export class DemoClosedLoop {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly modules: ModuleRef,
    private readonly documents: DocumentsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  private service<T>(type: Type<T>): T {
    return this.modules.get(type, { strict: false });
  }

  /** Assignment: an administrator offers the case to `mediator` (docs/procedural-rules.md A4), who accepts with the disclosure signed. */
  async assign(caseId: string, admin: AuthUser, mediator: AuthUser): Promise<void> {
    // The matcher's own offer job may have run first: a manual offer withdraws it.
    await this.service(AssignManually).run(admin, caseId, mediator.id, 'Demo data: the mediator for this dispute type');
    await this.service(AcceptOffer).run(mediator, caseId, { noConflict: true, statement: 'No relationship with either party (demo).' }, ORIGIN);
  }

  /**
   * The respondent agrees to mediate (docs/procedural-rules.md A3). A respondent named in an online application
   * has no account on the case yet: it takes the party with the link the notice e-mail carried.
   * The demo signs that link as the mail worker does (the same secret and inputs) and hands it
   * to the same claim the link page calls, which verifies it.
   */
  async respondentAgrees(caseId: string, respondent: AuthUser, viaNoticeLink: boolean): Promise<void> {
    if (viaNoticeLink) {
      const notice = await this.db.getRepository(ServiceRecord).findOneByOrFail({ caseId, purpose: ServicePurpose.NoticeOfMediation });
      const secret = this.config.get('SERVICE_LINK_SECRET') ?? this.config.get('JWT_SECRET');
      if (!secret || !notice.linkExpiresAt) throw new Error('the demo needs SERVICE_LINK_SECRET or JWT_SECRET to follow the notice link');
      const token = signServiceLink(secret, { serviceId: notice.id, userId: ANY_HOLDER, expiresAt: Math.floor(notice.linkExpiresAt.getTime() / 1000) });
      await this.service(ClaimParty).run(token, respondent, ORIGIN);
    }
    await this.service(AnswerNotice).run(respondent, caseId, { agree: true, consentOnline: true }, ORIGIN);
  }

  /** Both parties acknowledge the sham-mediation warning (docs/procedural-rules.md A6), as they must before a session starts. */
  async acknowledgeWarnings(caseId: string, cast: DemoCast): Promise<void> {
    const acknowledge = this.service(AcknowledgeWarning);
    for (const party of [cast.applicant, cast.respondent]) await acknowledge.run(party, caseId, ORIGIN);
  }

  /** The mediator schedules a joint session for the next day at 10:00 local time. */
  async scheduleJointSession(caseId: string, mediator: AuthUser, title: string): Promise<void> {
    const startsAt = DateTime.now().setZone(this.config.get('PLATFORM_TIMEZONE')).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    await this.service(ScheduleSession).run(mediator, caseId, {
      kind: SessionKind.Joint,
      startsAt: startsAt.toUTC().toISO()!,
      durationMinutes: 90,
      meetingUrl: 'https://meeting.accord.demo/j/20260001',
      title,
    });
  }

  async post(caseId: string, author: AuthUser, channel: MediationChannel, text: string): Promise<void> {
    await this.service(MediationMessages).post(author, caseId, channel, { text });
  }

  /** One side makes an offer (or counters `counterOf`); returns the new offer's id. */
  async offer(caseId: string, by: AuthUser, terms: SettlementTerms, counterOf?: string): Promise<string> {
    const made = await this.service(Negotiations).make(by, caseId, { terms: terms as unknown as MakeOfferRequest['terms'] }, undefined, counterOf);
    return made.id;
  }

  /**
   * The mediator drafts the agreement from the case, completes what the case does not say (the
   * respondent's registration number, the legal representatives, the result, the schedule) and freezes
   * it for signature: the case goes to `signing`. Returns the version hash people sign.
   */
  async proposeAgreement(
    caseId: string,
    mediator: AuthUser,
    terms: { language: AgreementLanguage; result: string; obligations: Obligation[]; representatives: Record<PartySide, string>; respondentIdNumber: string },
  ): Promise<string> {
    const { draft } = await this.service(CreateDraft).run(mediator, caseId, terms.language);
    const content: AgreementDraftContent = {
      ...draft.content,
      parties: draft.content.parties.map((p) => ({
        ...p,
        idNumber: p.idNumber || terms.respondentIdNumber,
        ...(p.kind === 'organisation' ? { legalRepresentative: p.legalRepresentative || terms.representatives[p.side] } : {}),
      })),
      result: terms.result,
      performance: { obligations: terms.obligations },
      confirmsOwnership: false,
    };
    await this.service(UpdateDraft).run(mediator, caseId, { revision: draft.revision, content });
    return (await this.service(ProposeAgreement).run(mediator, caseId, undefined)).hash;
  }

  /**
   * One e-signature with a one-time code (docs/procedural-rules.md C12). The code is issued as for anyone; the
   * demo derives its digits the way the worker that sends it does (signature-codes.ts, same
   * secret) and enters them, so the code is verified like a typed one.
   */
  async sign(caseId: string, signer: AuthUser, versionHash: string): Promise<void> {
    const issued = await this.service(RequestSignatureCode).run(signer, caseId, { versionHash, channel: 'email' }, ORIGIN);
    const secret = this.config.get('SIGNATURE_CODE_SECRET') ?? this.config.get('JWT_SECRET');
    if (!secret) throw new Error('the demo needs SIGNATURE_CODE_SECRET or JWT_SECRET to sign');
    await this.service(SignAgreement).run(signer, caseId, { versionHash, code: deriveSignatureCode(secret, issued.codeId) }, ORIGIN);
  }

  /**
   * Judicial confirmation (docs/procedural-rules.md D): the applicant applies to the court, the respondent
   * joins, the clerk dockets it and the judge confirms; the ruling is served on the parties.
   */
  async confirmInCourt(caseId: string, cast: DemoCast, court: { id: string; clerk: AuthUser; judge: AuthUser }): Promise<void> {
    const applicationId = await this.service(ApplyForConfirmation).run(cast.applicant, caseId, { courtId: court.id }, ORIGIN, undefined);
    await this.service(ConsentToApplication).run(cast.respondent, applicationId, ORIGIN);
    await this.service(DocketApplication).run(court.clerk, applicationId);
    await this.service(RuleOnApplication).confirm(court.judge, applicationId);
  }

  /** The obligated side reports an obligation performed, with a proof document; the beneficiary confirms it. */
  async perform(caseId: string, itemKey: string, obligor: AuthUser, beneficiary: AuthUser, proof: { filename: string; evidence: DemoEvidence }): Promise<void> {
    const item = (await this.service(PerformanceReader).overview(obligor, caseId)).items.find((i) => i.item.itemKey === itemKey);
    if (!item) throw new Error(`demo case ${caseId} tracks no obligation ${itemKey}`);
    const doc = await this.documents.addGenerated({
      caseId,
      kind: DocumentKind.PerformanceProof,
      visibility: DocumentVisibility.AllParties,
      filename: proof.filename,
      contentType: 'application/pdf',
      bytes: await demoEvidencePdf(proof.evidence, new Date()),
      actorId: obligor.id,
      // Every demo obligation is the respondent's (owed.*).
      actorRole: CaseRole.Respondent,
    });
    await this.service(ReportPerformance).run(obligor, caseId, item.item.id, { documentIds: [doc.id], note: '已履行，凭证见附件。' });
    await this.service(ConfirmPerformance).run(beneficiary, caseId, item.item.id);
  }
}

/** Obligations of the demo agreements: the respondent owes, the applicant receives. */
export const owed = {
  money: (id: string, amount: string, currency: string, days: number, description?: string): Obligation => ({
    id,
    kind: 'money',
    obligorSide: PartySide.Respondent,
    beneficiarySide: PartySide.Applicant,
    amount,
    currency,
    due: { daysAfterEffective: days },
    ...(description ? { description } : {}),
  }),
  act: (id: string, act: string, days: number): Obligation => ({
    id,
    kind: 'act',
    obligorSide: PartySide.Respondent,
    beneficiarySide: PartySide.Applicant,
    act,
    due: { daysAfterEffective: days },
  }),
};
