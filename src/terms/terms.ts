// Over 300 lines on purpose: the zh-CN and en words for every value of every enum a document or message
// prints, each a record typed over its enum; data.
import { SignerRole } from '../agreements/signatures';
import { DisputeType, type Claim } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { IpRightKind } from '../cases/entities/ip-right.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { DeadlineKind } from '../deadlines/deadline-kinds';
import { CaseOutcome, CaseSource, ReferralType } from '../cases/lifecycle/case-states';
import { MaterialRole } from '../confirmation/confirmation-application.entity';
import { DocumentKind } from '../documents/document.entity';
import { ID_TYPES } from '../intake/application.dto';
import { NonMonetaryKind } from '../mediation/settlement-terms';
import { SessionKind } from '../mediation/sessions/session-rules';
import { EffectiveRule, type ServiceChannel } from '../service-of-process/deemed-served';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Bilingual, DocumentLanguage } from '../common/documents-i18n/language';

/**
 * The one catalogue of what documents call things, in Chinese and English. Every enum value a
 * document can print has its term here, typed by the enum so a new value does not compile
 * until it is named; `term()` never returns the raw value (an unknown one reads "other").
 */

export type IdType = (typeof ID_TYPES)[number];
export type ClaimKind = Claim['kind'];
export type ServiceMethod = 'post' | 'in_person' | 'court' | 'other';
export type PersonKind = 'person' | 'organisation';

const b = (zh: string, en: string): Bilingual => Object.freeze({ 'zh-CN': zh, en });

export const ID_TYPE_TERMS: Readonly<Record<IdType, Bilingual>> = {
  resident_id_card: b('居民身份证', 'Resident identity card'),
  passport: b('护照', 'Passport'),
  hk_macao_permit: b('港澳居民来往内地通行证', 'Mainland travel permit for Hong Kong and Macao residents'),
  taiwan_permit: b('台湾居民来往大陆通行证', 'Mainland travel permit for Taiwan residents'),
  unified_social_credit_code: b('统一社会信用代码', 'Unified social credit code'),
  business_registration: b('商业登记号码', 'Business registration number'),
  other: b('身份证明文件', 'Identity document'),
};

export const DISPUTE_TYPE_TERMS: Readonly<Record<DisputeType, Bilingual>> = {
  [DisputeType.Patent]: b('发明专利纠纷', 'Patent dispute'),
  [DisputeType.UtilityModel]: b('实用新型专利纠纷', 'Utility model dispute'),
  [DisputeType.Design]: b('外观设计专利纠纷', 'Design patent dispute'),
  [DisputeType.Trademark]: b('商标纠纷', 'Trademark dispute'),
  [DisputeType.Copyright]: b('著作权纠纷', 'Copyright dispute'),
  [DisputeType.TradeSecret]: b('商业秘密纠纷', 'Trade secret dispute'),
  [DisputeType.UnfairCompetition]: b('不正当竞争纠纷', 'Unfair competition dispute'),
  [DisputeType.IpLicenceOrContract]: b('知识产权合同纠纷', 'IP licence or contract dispute'),
  [DisputeType.InternationalCommercial]: b('国际商事纠纷', 'International commercial dispute'),
  [DisputeType.Other]: b('其他纠纷', 'Other dispute'),
};

export const CLAIM_KIND_TERMS: Readonly<Record<ClaimKind, Bilingual>> = {
  monetary: b('请求支付', 'Payment of'),
  stop_infringement: b('请求停止侵权', 'Cessation of the infringement'),
  delist: b('请求删除、下架侵权内容', 'Take-down of the infringing listings'),
  assign: b('请求转让权利', 'Assignment of the right'),
  licence: b('请求许可使用', 'A licence'),
  apology: b('请求赔礼道歉、消除影响', 'An apology and the correction of its effects'),
  other: b('其他请求', 'Other relief'),
};

export const NON_MONETARY_TERMS: Readonly<Record<NonMonetaryKind, Bilingual>> = {
  [NonMonetaryKind.StopUse]: b('停止使用', 'Stop use'),
  [NonMonetaryKind.Delist]: b('删除、下架', 'Take down'),
  [NonMonetaryKind.Assign]: b('转让权利', 'Assign the right'),
  [NonMonetaryKind.Licence]: b('许可使用', 'Grant a licence'),
  [NonMonetaryKind.Apology]: b('赔礼道歉', 'Apologise'),
  [NonMonetaryKind.WithdrawProceedings]: b('撤回相关程序', 'Withdraw proceedings'),
  [NonMonetaryKind.Other]: b('其他', 'Other'),
};

export const IP_RIGHT_TERMS: Readonly<Record<IpRightKind, Bilingual>> = {
  [IpRightKind.Patent]: b('发明专利', 'Invention patent'),
  [IpRightKind.UtilityModel]: b('实用新型专利', 'Utility model patent'),
  [IpRightKind.Design]: b('外观设计专利', 'Design patent'),
  [IpRightKind.Trademark]: b('注册商标', 'Registered trademark'),
  [IpRightKind.Copyright]: b('著作权', 'Copyright'),
  [IpRightKind.TradeSecret]: b('商业秘密', 'Trade secret'),
  [IpRightKind.Other]: b('其他权利', 'Other right'),
};

export const OUTCOME_TERMS: Readonly<Record<CaseOutcome, Bilingual>> = {
  [CaseOutcome.RejectedAtIntake]: b('不予受理', 'Not accepted at intake'),
  [CaseOutcome.NotCorrected]: b('逾期未补正，按撤回申请处理', 'Treated as withdrawn: not corrected in time'),
  [CaseOutcome.Withdrawn]: b('申请人撤回申请', 'Withdrawn by the applicant'),
  [CaseOutcome.RespondentDeclined]: b('被申请人不同意调解', 'The respondent declined to mediate'),
  [CaseOutcome.RespondentUnreachable]: b('无法联系被申请人', 'The respondent could not be reached'),
  [CaseOutcome.MediationFailed]: b('调解不成，终结调解', 'Mediation ended without settlement'),
  [CaseOutcome.SettledWithoutConfirmation]: b('达成调解协议（未经司法确认）', 'Settled (agreement not judicially confirmed)'),
  [CaseOutcome.Fulfilled]: b('调解协议已履行完毕', 'Settled and the agreement performed'),
  [CaseOutcome.Defaulted]: b('调解协议未履行', 'Settled; the agreement was not performed'),
};

export const SOURCE_TERMS: Readonly<Record<CaseSource, Bilingual>> = {
  [CaseSource.OnlineApplication]: b('当事人申请', 'Application by a party'),
  [CaseSource.CourtReferral]: b('人民法院委派／委托', 'Referral by a people’s court'),
};

export const REFERRAL_TERMS: Readonly<Record<ReferralType, Bilingual>> = {
  [ReferralType.PreFiling]: b('诉前委派调解', 'Referred before filing'),
  [ReferralType.PostFilingOrdinary]: b('立案后委托调解（普通程序）', 'Referred after filing (ordinary procedure)'),
  [ReferralType.PostFilingSimplified]: b('立案后委托调解（简易程序）', 'Referred after filing (simplified procedure)'),
};

export const DOCUMENT_KIND_TERMS: Readonly<Record<DocumentKind, Bilingual>> = {
  [DocumentKind.Evidence]: b('证据材料', 'Evidence'),
  [DocumentKind.Application]: b('调解申请书', 'Application for mediation'),
  [DocumentKind.PowerOfAttorney]: b('授权委托书', 'Power of attorney'),
  [DocumentKind.IdentityProof]: b('身份证明材料', 'Proof of identity'),
  [DocumentKind.ReferralLetter]: b('委派／委托调解函', 'Court referral letter'),
  [DocumentKind.CorrectionMaterial]: b('补正材料', 'Correction material'),
  [DocumentKind.Other]: b('其他材料', 'Other material'),
  [DocumentKind.SupplementMaterial]: b('补充材料', 'Supplementary material'),
  [DocumentKind.PerformanceProof]: b('履行凭证', 'Proof of performance'),
  [DocumentKind.NoticeOfMediation]: b('调解通知书', 'Notice of mediation'),
  [DocumentKind.ServiceCertificate]: b('送达回证', 'Certificate of service'),
  [DocumentKind.SessionRecord]: b('调解笔录', 'Record of a mediation session'),
  [DocumentKind.FailureReport]: b('调解终结书', 'Notice of termination of mediation'),
  [DocumentKind.Agreement]: b('调解协议书（待签署文本）', 'Settlement agreement (text for signature)'),
  [DocumentKind.SignedAgreement]: b('调解协议书（已签署）', 'Settlement agreement (signed)'),
  [DocumentKind.ConfirmationApplication]: b('司法确认申请书', 'Application for judicial confirmation'),
  [DocumentKind.Ruling]: b('民事裁定书', 'Civil ruling'),
  [DocumentKind.CourtDecision]: b('法院决定', 'Court decision'),
  [DocumentKind.Attestation]: b('调解机构证明书', 'Attestation of mediated settlement'),
  [DocumentKind.MessageTranscript]: b('调解交流记录', 'Transcript of mediation messages'),
  [DocumentKind.Summons]: b('到场通知书', 'Summons to attend'),
  [DocumentKind.RulingObjection]: b('异议申请书', 'Objection to the ruling'),
};

export const SIDE_TERMS: Readonly<Record<PartySide, Bilingual>> = {
  [PartySide.Applicant]: b('申请人', 'Applicant'),
  [PartySide.Respondent]: b('被申请人', 'Respondent'),
};

export const PERSON_KIND_TERMS: Readonly<Record<PersonKind, Bilingual>> = {
  person: b('自然人', 'natural person'),
  organisation: b('法人或其他组织', 'legal person or organisation'),
};

export const CASE_ROLE_TERMS: Readonly<Record<CaseRole, Bilingual>> = {
  [CaseRole.Applicant]: b('申请人', 'Applicant'),
  [CaseRole.Respondent]: b('被申请人', 'Respondent'),
  [CaseRole.ApplicantAgent]: b('申请人委托代理人', 'Applicant’s agent'),
  [CaseRole.RespondentAgent]: b('被申请人委托代理人', 'Respondent’s agent'),
  [CaseRole.OfferedMediator]: b('受邀调解员', 'Mediator offered the case'),
  [CaseRole.Mediator]: b('调解员', 'Mediator'),
  [CaseRole.ReferringCourt]: b('委派／委托法院', 'Referring court'),
  [CaseRole.ConfirmingCourt]: b('确认法院', 'Confirming court'),
  [CaseRole.ConfirmingJudge]: b('审判员', 'Judge'),
  [CaseRole.Intake]: b('平台立案审查', 'Platform intake'),
  [CaseRole.Admin]: b('平台管理员', 'Platform administrator'),
  [CaseRole.System]: b('平台系统', 'The platform'),
};

export const SIGNER_ROLE_TERMS: Readonly<Record<SignerRole, Bilingual>> = {
  [SignerRole.Party]: b('当事人', 'Party'),
  [SignerRole.Agent]: b('委托代理人', 'Authorised agent'),
  [SignerRole.Mediator]: b('调解员', 'Mediator'),
};

export const SERVICE_CHANNEL_TERMS: Readonly<Record<ServiceChannel, Bilingual>> = {
  in_app: b('平台站内信', 'Platform inbox'),
  email: b('电子邮件', 'E-mail'),
  sms: b('手机短信', 'Text message (SMS)'),
};

export const SERVICE_METHOD_TERMS: Readonly<Record<ServiceMethod, Bilingual>> = {
  post: b('邮寄送达', 'Service by post'),
  in_person: b('直接送达', 'Personal service'),
  court: b('委托人民法院送达', 'Service through a people’s court'),
  other: b('其他方式送达', 'Service by other means'),
};

export const EFFECTIVE_RULE_TERMS: Readonly<Record<EffectiveRule, Bilingual>> = {
  [EffectiveRule.ConfirmedAddressDelivered]: b(
    '送达信息到达受送达人确认的电子送达地址所在系统之日为送达之日（《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百三十五条，《人民法院在线诉讼规则》第三十一条）',
    'Served when the document reached the system of the electronic address the recipient confirmed (SPC Interpretation of the Civil Procedure Law art. 135; Online Litigation Rules art. 31)',
  ),
  [EffectiveRule.Read]: b(
    '受送达人已查阅送达内容，查阅之日为送达之日（《人民法院在线诉讼规则》第三十一条）',
    'Served when the recipient read the document (Online Litigation Rules art. 31)',
  ),
  [EffectiveRule.ActedUpon]: b(
    '受送达人已根据送达内容作出相应行为，视为完成有效送达（《人民法院在线诉讼规则》第三十一条）',
    'Served when the recipient acted upon the document (Online Litigation Rules art. 31)',
  ),
  [EffectiveRule.Offline]: b('以线下方式送达', 'Served offline'),
};

export const MATERIAL_ROLE_TERMS: Readonly<Record<MaterialRole, Bilingual>> = {
  [MaterialRole.SignedAgreement]: b('调解协议书', 'The settlement agreement'),
  [MaterialRole.MediationProof]: b('调解组织主持调解的证明', 'Proof that the mediation was conducted'),
  [MaterialRole.Identity]: b('当事人身份证明', 'Proof of the parties’ identity'),
  [MaterialRole.PartyUpload]: b('当事人提交的其他材料', 'Other material from the parties'),
  [MaterialRole.Supplement]: b('补充材料', 'Supplementary material'),
};

export const SESSION_KIND_TERMS: Readonly<Record<SessionKind, Bilingual>> = {
  [SessionKind.Joint]: b('联席调解', 'Joint session'),
  [SessionKind.Caucus]: b('背对背调解', 'Caucus'),
};

export const HASH_ALGORITHM_TERMS: Readonly<Record<HashAlgorithm, Bilingual>> = {
  sha256: b('SHA-256', 'SHA-256'),
  sm3: b('SM3（GB/T 32905-2016）', 'SM3 (GB/T 32905-2016)'),
};

/** What each event in a case's record means, as the archive's event list prints it. */
export const EVENT_TERMS: Readonly<Record<CaseEvent, Bilingual>> & Readonly<Record<string, Bilingual>> = {
  [CaseEvent.Submit]: b('提交调解申请', 'Application submitted'),
  [CaseEvent.Accept]: b('受理申请', 'Application accepted'),
  [CaseEvent.RequestCorrection]: b('通知补正', 'Correction requested'),
  [CaseEvent.Resubmit]: b('补正后重新提交', 'Application resubmitted'),
  [CaseEvent.CorrectionExpired]: b('补正期限届满', 'Correction period expired'),
  [CaseEvent.Reject]: b('不予受理', 'Application rejected'),
  [CaseEvent.Withdraw]: b('撤回申请', 'Application withdrawn'),
  [CaseEvent.OfferToMediator]: b('向调解员发出指派邀请', 'Case offered to a mediator'),
  [CaseEvent.MediatorAccept]: b('调解员接受指派', 'Mediator accepted the case'),
  [CaseEvent.MediatorDecline]: b('调解员拒绝指派', 'Mediator declined the case'),
  [CaseEvent.OfferExpired]: b('指派邀请逾期', 'Offer to the mediator lapsed'),
  [CaseEvent.FlagForManualAssignment]: b('转人工指派', 'Referred for manual assignment'),
  [CaseEvent.NominationWindowClosed]: b('共同选定调解员期限届满', 'Time to choose a mediator jointly ended'),
  [CaseEvent.DesignationExpired]: b('指定调解员期限届满，转人工指派', 'Designation period passed: referred for manual assignment'),
  [CaseEvent.MediatorRecuse]: b('调解员回避', 'Mediator recused'),
  [CaseEvent.Reassign]: b('重新指派调解员', 'Mediator reassigned'),
  [CaseEvent.RespondentAgree]: b('被申请人同意调解', 'Respondent agreed to mediate'),
  [CaseEvent.StartMediation]: b('调解开始', 'Mediation started'),
  [CaseEvent.RespondentDecline]: b('被申请人不同意调解', 'Respondent declined to mediate'),
  [CaseEvent.RespondentUnreachable]: b('无法联系被申请人', 'Respondent unreachable'),
  [CaseEvent.PausePeriod]: b('调解期限中止', 'Mediation period paused'),
  [CaseEvent.ResumePeriod]: b('调解期限恢复计算', 'Mediation period resumed'),
  [CaseEvent.ExtendPeriod]: b('延长调解期限', 'Mediation period extended'),
  [CaseEvent.PeriodExpired]: b('调解期限届满', 'Mediation period expired'),
  [CaseEvent.ProposeAgreement]: b('提出调解协议文本', 'Settlement agreement proposed'),
  [CaseEvent.Terminate]: b('终结调解', 'Mediation terminated'),
  [CaseEvent.Sign]: b('签署调解协议', 'Agreement signed'),
  [CaseEvent.AgreementEffective]: b('调解协议生效', 'Agreement took effect'),
  [CaseEvent.RefuseToSign]: b('拒绝签署调解协议', 'Signature refused'),
  [CaseEvent.ReviseAgreement]: b('修改调解协议文本', 'Agreement revised'),
  [CaseEvent.ApplyConfirmation]: b('申请司法确认', 'Judicial confirmation applied for'),
  [CaseEvent.CourtDocket]: b('法院立案受理司法确认申请', 'Court docketed the application'),
  [CaseEvent.CourtDecline]: b('法院不予受理司法确认申请', 'Court declined the application'),
  [CaseEvent.RequestSupplement]: b('法院要求补充材料', 'Court asked for more material'),
  [CaseEvent.SupplementExpired]: b('补充材料期限届满', 'Supplement period expired'),
  [CaseEvent.WithdrawConfirmation]: b('撤回司法确认申请', 'Confirmation application withdrawn'),
  [CaseEvent.Confirm]: b('法院裁定调解协议有效', 'Court confirmed the agreement'),
  [CaseEvent.RejectConfirmation]: b('法院裁定驳回司法确认申请', 'Court rejected the application'),
  [CaseEvent.ResumeMediation]: b('恢复调解', 'Mediation resumed'),
  [CaseEvent.CloseUnconfirmed]: b('未经司法确认结案', 'Closed without confirmation'),
  [CaseEvent.SupplementMaterials]: b('提交补充材料', 'Supplementary material lodged'),
  [CaseEvent.ExtendDecision]: b('法院延长审查期限', 'Court extended its decision period'),
  [CaseEvent.CourtDocketOverdue]: b('法院立案期限已过', 'Court’s time to docket passed'),
  [CaseEvent.CourtDecisionOverdue]: b('法院审查期限已过', 'Court’s time to decide passed'),
  [CaseEvent.ObligationsFulfilled]: b('调解协议履行完毕', 'Every obligation performed'),
  [CaseEvent.DeclareDefault]: b('确认未履行调解协议', 'Default declared'),
  [CaseEvent.Archive]: b('归档', 'Archived'),
  case_created: b('创建案件', 'Case created'),
  case_referred: b('法院委派／委托调解', 'Case referred by the court'),
  application_updated: b('修改申请内容', 'Application updated'),
  document_added: b('提交材料', 'Document filed'),
  document_served: b('送达文书', 'Document served'),
  service_sent: b('发出送达', 'Service sent'),
  service_effective: b('送达生效', 'Service took effect'),
  service_failed: b('送达失败', 'Service failed'),
  service_fallback_sent: b('以短信补充送达', 'Service repeated by SMS'),
  service_exhausted: b('电子送达未能完成', 'Electronic service could not be completed'),
  address_for_service_confirmed: b('确认送达地址', 'Address for service confirmed'),
  online_consent_recorded: b('表示是否同意在线调解', 'Consent to online handling recorded'),
  e_service_consent_recorded: b('以行为表示同意电子送达', 'Consent to electronic service shown by conduct'),
  step_switched_offline: b('转为线下办理', 'Step switched to offline handling'),
  party_claimed: b('当事人认领案件', 'Party took up the case'),
  agent_authorised: b('委托代理人', 'Agent authorised'),
  agent_revoked: b('解除委托代理', 'Agent removed'),
  sham_mediation_warning_acknowledged: b('确认虚假调解风险提示', 'Warning against sham mediation acknowledged'),
  session_scheduled: b('安排调解会议', 'Session scheduled'),
  session_rescheduled: b('调解会议改期', 'Session rescheduled'),
  session_cancelled: b('取消调解会议', 'Session cancelled'),
  session_started: b('调解会议开始', 'Session started'),
  session_joined: b('参加调解会议', 'Joined a session'),
  session_absence_recorded: b('记录缺席', 'Absence recorded'),
  session_ended: b('调解会议结束', 'Session ended'),
  session_record_written: b('制作调解笔录', 'Session record written'),
  session_record_confirmed: b('确认调解笔录', 'Session record confirmed'),
  session_record_frozen: b('调解笔录定稿', 'Session record finalised'),
  settlement_offer_made: b('提出调解方案', 'Settlement offer made'),
  blind_bidding_started: b('开始双盲报价', 'Double-blind bidding started'),
  blind_bid_submitted: b('提交双盲报价', 'Blind bid submitted'),
  blind_bid_round_resolved: b('双盲报价轮次结束', 'Blind-bidding round resolved'),
  period_extension_proposed: b('提议延长调解期限', 'Extension of the period proposed'),
  agreement_reopened: b('重新协商调解协议', 'Agreement reopened'),
  failure_report_issued: b('出具调解终结书', 'Termination notice issued'),
  confirmation_consent: b('同意申请司法确认', 'Consent to apply for confirmation'),
  confirmation_application_started: b('发起司法确认申请', 'Confirmation application started'),
  confirmation_application_withdrawn: b('撤回司法确认申请', 'Confirmation application withdrawn'),
  documents_lodged_with_court: b('向法院提交材料', 'Documents lodged with the court'),
  court_decision_extended: b('法院延长审查期限', 'Court extended its decision period'),
  court_summons_issued: b('法院通知当事人到场', 'Court summoned the parties to attend'),
  ruling_objection_filed: b('对司法确认裁定提出异议', 'Objection to the ruling filed'),
  ruling_objection_reviewed: b('法院审查异议人的利害关系', 'Court reviewed the objector’s interest'),
  attestation_issued: b('出具调解机构证明书', 'Attestation issued'),
  performance_tracked: b('开始跟踪履行', 'Performance tracking started'),
  reported: b('报告已履行', 'Performance reported'),
  confirmed: b('确认已履行', 'Performance confirmed'),
  disputed: b('对履行情况提出异议', 'Performance disputed'),
  obligation_overdue: b('义务逾期未履行', 'Obligation overdue'),
};

/** A recorded event of a kind the catalogue does not name yet: still readable, never raw. */
const OTHER_EVENT = b('平台记录的其他事件', 'Other recorded event');
const OTHER = b('其他', 'Other');

/** The term for a value of a catalogue; an unknown or missing value reads "other", never the raw value. */
export function term<K extends string>(catalogue: Readonly<Record<K, Bilingual>>, value: K | string | null | undefined, lang: DocumentLanguage): string {
  const found = value == null ? undefined : (catalogue as Readonly<Record<string, Bilingual>>)[value];
  return (found ?? OTHER)[lang];
}

export function eventTerm(type: string, lang: DocumentLanguage): string {
  return (EVENT_TERMS[type] ?? OTHER_EVENT)[lang];
}

/** A session's kind inside a sentence (notifications: "the joint mediation session in case …"). */
export const SESSION_KIND_IN_TEXT: Readonly<Record<SessionKind, Bilingual>> = {
  [SessionKind.Joint]: b('联席调解会议', 'joint mediation session'),
  [SessionKind.Caucus]: b('背对背调解', 'private caucus'),
};

/** A deadline's kind inside a sentence ("the correction period in case …"). */
export const DEADLINE_KIND_TERMS: Readonly<Record<DeadlineKind, Bilingual>> = {
  [DeadlineKind.Correction]: b('补正期限', 'correction period'),
  [DeadlineKind.MediatorOffer]: b('接受指派期限', 'period to accept the case'),
  [DeadlineKind.JointNomination]: b('共同选定调解员期限', 'period to choose a mediator jointly'),
  [DeadlineKind.Designation]: b('指定调解员期限', 'period to designate a mediator'),
  [DeadlineKind.RespondentConsent]: b('被申请人答复期限', 'period for the respondent to answer'),
  [DeadlineKind.MediationPeriod]: b('调解期限', 'mediation period'),
  [DeadlineKind.Supplement]: b('补充材料期限', 'period to supply material'),
  [DeadlineKind.CourtDocket]: b('法院立案审查期限', 'court’s period to docket the application'),
  [DeadlineKind.CourtDecision]: b('法院审查期限', 'court’s period to decide the application'),
};
