// Over 300 lines on purpose: one template per kind of notification in zh-CN and en, a record typed over
// every kind so a new event cannot compile without its words; data.
import { DateTime } from 'luxon';
import { Language } from '../auth/roles';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { formatDate, formatDateTime, formatMoney, zoneName } from '../common/documents-i18n';
import { DEADLINE_KIND_TERMS, SESSION_KIND_IN_TEXT, term } from '../terms/terms';
import { SessionKind } from '../mediation/sessions/session-rules';
import { MEDIATION_TEMPLATES, type MediationTemplate } from '../mediation/mediation-notification-templates';

/** Every kind of notification: one per lifecycle event, plus the deadline reminder. */
export const REMINDER_TEMPLATE = 'deadline_reminder';
/** A document served on someone (src/service-of-process), with its signed reading link. */
export const SERVICE_TEMPLATE = 'service_notice';
/** Any later document served (agreement, ruling, report…): names the document, carries the link. */
export const DOCUMENT_SERVED_TEMPLATE = 'document_served';
/** To staff: every consented channel of a service was tried without effect (switch to offline service). */
export const SERVICE_FAILED_TEMPLATE = 'service_failed';
/** Mediation sessions (src/mediation/sessions): invitation, change, cancellation, reminder, record to confirm. */
export const SESSION_TEMPLATES = {
  invitation: 'mediation_session_invitation',
  rescheduled: 'mediation_session_rescheduled',
  cancelled: 'mediation_session_cancelled',
  reminder: 'mediation_session_reminder',
  recordToConfirm: 'mediation_session_record_to_confirm',
} as const;
export type SessionTemplateKey = (typeof SESSION_TEMPLATES)[keyof typeof SESSION_TEMPLATES];
/** Judicial confirmation and performance (issue 9): steps that are not lifecycle transitions. */
export const CONFIRMATION_CONSENT_TEMPLATE = 'confirmation_consent_requested';
export const OBLIGATION_REMINDER_TEMPLATE = 'obligation_reminder';
export const OBLIGATION_OVERDUE_TEMPLATE = 'obligation_overdue';
export const PERFORMANCE_REPORTED_TEMPLATE = 'performance_reported';
export const PERFORMANCE_DISPUTED_TEMPLATE = 'performance_disputed';
export type TemplateKey =
  | CaseEvent
  | typeof REMINDER_TEMPLATE
  | typeof SERVICE_TEMPLATE
  | typeof DOCUMENT_SERVED_TEMPLATE
  | typeof CONFIRMATION_CONSENT_TEMPLATE
  | typeof OBLIGATION_REMINDER_TEMPLATE
  | typeof OBLIGATION_OVERDUE_TEMPLATE
  | typeof PERFORMANCE_REPORTED_TEMPLATE
  | typeof PERFORMANCE_DISPUTED_TEMPLATE
  | typeof SERVICE_FAILED_TEMPLATE
  | SessionTemplateKey
  | MediationTemplate;

type Text = Record<Language, string>;

interface Template {
  subject: Text;
  /** One or two sentences; the reason, the due date and a link are added below it when present. */
  body: Text;
  /**
   * Also sent by SMS (to people with a phone number): events that start a period someone must
   * act within, or that end the case. Everything else reaches the inbox and e-mail only.
   */
  sms?: boolean;
}

const t = (zh: string, en: string): Text => ({ [Language.ZhCN]: zh, [Language.En]: en });

/**
 * The texts, in the two languages people choose between. Typed as a full record so that a new
 * lifecycle event cannot ship without its notification texts.
 */
export const TEMPLATES: Readonly<Record<TemplateKey, Template>> = {
  [CaseEvent.Submit]: {
    subject: t('新的调解申请待审查', 'New application to review'),
    body: t('案件 {caseNumber}（{caseTitle}）已提交，等待立案审查。', 'Case {caseNumber} ("{caseTitle}") was submitted and awaits intake review.'),
  },
  [CaseEvent.Accept]: {
    subject: t('调解申请已受理', 'Application accepted'),
    body: t('案件 {caseNumber}（{caseTitle}）已受理，平台正在为案件选定调解员。', 'Case {caseNumber} ("{caseTitle}") was accepted. The platform is now choosing a mediator.'),
    sms: true,
  },
  [CaseEvent.RequestCorrection]: {
    subject: t('请补正调解申请', 'Please correct your application'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的申请需要补正，请在期限内修改并重新提交，逾期未补正的申请将被关闭。',
      'The application in case {caseNumber} ("{caseTitle}") needs corrections. Amend and resubmit it before the deadline, or it will be closed.',
    ),
    sms: true,
  },
  [CaseEvent.Resubmit]: {
    subject: t('补正后的申请待审查', 'Corrected application to review'),
    body: t('案件 {caseNumber}（{caseTitle}）已补正并重新提交，等待立案审查。', 'Case {caseNumber} ("{caseTitle}") was corrected and resubmitted for intake review.'),
  },
  [CaseEvent.CorrectionExpired]: {
    subject: t('补正期限已届满，申请已关闭', 'Correction period over: application closed'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）未在补正期限内重新提交，申请已关闭。',
      'Case {caseNumber} ("{caseTitle}") was not resubmitted within the correction period and has been closed.',
    ),
    sms: true,
  },
  [CaseEvent.Reject]: {
    subject: t('调解申请未予受理', 'Application not accepted'),
    body: t('案件 {caseNumber}（{caseTitle}）的申请未予受理。', 'The application in case {caseNumber} ("{caseTitle}") was not accepted.'),
    sms: true,
  },
  [CaseEvent.Withdraw]: {
    subject: t('案件已撤回', 'Case withdrawn'),
    body: t('案件 {caseNumber}（{caseTitle}）已被撤回，调解程序终结。', 'Case {caseNumber} ("{caseTitle}") was withdrawn; the proceedings have ended.'),
    sms: true,
  },
  [CaseEvent.OfferToMediator]: {
    subject: t('邀请您担任调解员', 'You are invited to mediate a case'),
    body: t(
      '平台邀请您担任案件 {caseNumber}（{caseTitle}）的调解员，请在期限内接受或拒绝，并完成利益冲突披露。',
      'You are invited to mediate case {caseNumber} ("{caseTitle}"). Accept or decline before the deadline, after completing the conflict-of-interest disclosure.',
    ),
    sms: true,
  },
  [CaseEvent.MediatorAccept]: {
    subject: t('调解员已确定', 'Mediator assigned'),
    body: t(
      '调解员已接受案件 {caseNumber}（{caseTitle}）的指派，调解通知将送达各方当事人。',
      'A mediator accepted case {caseNumber} ("{caseTitle}"); the notice of mediation is being served on the parties.',
    ),
    sms: true,
  },
  [CaseEvent.MediatorDecline]: {
    subject: t('调解员拒绝了指派', 'Mediator declined the case'),
    body: t(
      '被邀请的调解员拒绝了案件 {caseNumber}（{caseTitle}），平台将邀请下一位调解员。',
      'The invited mediator declined case {caseNumber} ("{caseTitle}"); the next candidate will be invited.',
    ),
  },
  [CaseEvent.OfferExpired]: {
    subject: t('调解员未在期限内答复', 'Mediator did not answer in time'),
    body: t(
      '被邀请的调解员未在期限内答复案件 {caseNumber}（{caseTitle}），平台将邀请下一位调解员。',
      'The invited mediator did not answer within the period for case {caseNumber} ("{caseTitle}"); the next candidate will be invited.',
    ),
  },
  [CaseEvent.FlagForManualAssignment]: {
    subject: t('案件需要人工指派调解员', 'Case needs a mediator assigned by hand'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）已没有符合条件的调解员可邀请，请人工指派。',
      'No eligible mediator is left for case {caseNumber} ("{caseTitle}"): assign one by hand.',
    ),
  },
  [CaseEvent.NominationWindowClosed]: {
    subject: t('共同选定调解员的期限已过', 'The time to choose a mediator jointly is over'),
    body: t(
      '双方共同选定案件 {caseNumber}（{caseTitle}）调解员的期限已过，由平台指定调解员。',
      'The time for the parties to choose the mediator of case {caseNumber} ("{caseTitle}") jointly is over; the platform designates one.',
    ),
  },
  [CaseEvent.DesignationExpired]: {
    subject: t('指定调解员的期限已过', 'No mediator in place within the designation period'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）在指定期限内没有调解员接受指派，请人工指派。',
      'No mediator accepted case {caseNumber} ("{caseTitle}") within the designation period: assign one by hand.',
    ),
  },
  [CaseEvent.MediatorRecuse]: {
    subject: t('调解员已回避', 'Mediator recused'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的调解员已回避，平台将重新指派调解员。',
      'The mediator of case {caseNumber} ("{caseTitle}") recused; a new mediator will be assigned.',
    ),
    sms: true,
  },
  [CaseEvent.Reassign]: {
    subject: t('案件将重新指派调解员', 'Case being re-assigned'),
    body: t('案件 {caseNumber}（{caseTitle}）将重新指派调解员。', 'Case {caseNumber} ("{caseTitle}") is being re-assigned to another mediator.'),
  },
  [CaseEvent.RespondentAgree]: {
    subject: t('被申请人同意调解', 'A respondent agreed to mediate'),
    body: t('案件 {caseNumber}（{caseTitle}）的一位被申请人同意调解。', 'A respondent in case {caseNumber} ("{caseTitle}") agreed to mediate.'),
  },
  [CaseEvent.StartMediation]: {
    subject: t('调解期限开始计算', 'Mediation has started'),
    body: t('各方均已同意，案件 {caseNumber}（{caseTitle}）的调解期限开始计算。', 'Every party agreed: the mediation period of case {caseNumber} ("{caseTitle}") has started.'),
    sms: true,
  },
  [CaseEvent.RespondentDecline]: {
    subject: t('被申请人拒绝调解', 'A respondent declined to mediate'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的被申请人拒绝调解，调解程序终结。',
      'A respondent in case {caseNumber} ("{caseTitle}") declined to mediate; the proceedings have ended.',
    ),
    sms: true,
  },
  [CaseEvent.RespondentUnreachable]: {
    subject: t('未能联系被申请人，调解终结', 'Respondent unreachable: mediation ended'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）在期限内未能联系到被申请人或未获答复，调解程序终结。',
      'The respondent in case {caseNumber} ("{caseTitle}") could not be reached or did not answer within the period; the proceedings have ended.',
    ),
    sms: true,
  },
  [CaseEvent.PausePeriod]: {
    subject: t('调解期限暂停计算', 'Mediation period paused'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）因鉴定、评估等事项暂停计算调解期限。',
      'The mediation period of case {caseNumber} ("{caseTitle}") is paused for appraisal or valuation.',
    ),
  },
  [CaseEvent.ResumePeriod]: {
    subject: t('调解期限恢复计算', 'Mediation period resumed'),
    body: t('案件 {caseNumber}（{caseTitle}）的调解期限恢复计算。', 'The mediation period of case {caseNumber} ("{caseTitle}") is running again.'),
  },
  [CaseEvent.ExtendPeriod]: {
    subject: t('调解期限已延长', 'Mediation period extended'),
    body: t(
      '经各方同意，案件 {caseNumber}（{caseTitle}）的调解期限已延长。',
      'With every party’s consent, the mediation period of case {caseNumber} ("{caseTitle}") was extended.',
    ),
  },
  [CaseEvent.PeriodExpired]: {
    subject: t('调解期限届满，调解终结', 'Mediation period over: mediation ended'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的调解期限届满且未获延长，调解程序终结。',
      'The mediation period of case {caseNumber} ("{caseTitle}") ended without an agreed extension; the proceedings have ended.',
    ),
    sms: true,
  },
  [CaseEvent.ProposeAgreement]: {
    subject: t('调解协议待签署', 'Settlement agreement ready to sign'),
    body: t('案件 {caseNumber}（{caseTitle}）的调解协议文本已确定，请审阅并签署。', 'The settlement agreement of case {caseNumber} ("{caseTitle}") is final: review and sign it.'),
    sms: true,
  },
  [CaseEvent.Terminate]: {
    subject: t('调解已终结', 'Mediation ended'),
    body: t('调解员终结了案件 {caseNumber}（{caseTitle}）的调解。', 'The mediator ended the mediation of case {caseNumber} ("{caseTitle}").'),
    sms: true,
  },
  [CaseEvent.Sign]: {
    subject: t('调解协议已有新的签署', 'The agreement was signed'),
    body: t('案件 {caseNumber}（{caseTitle}）的调解协议已有一方签署。', 'Someone signed the settlement agreement of case {caseNumber} ("{caseTitle}").'),
  },
  [CaseEvent.AgreementEffective]: {
    subject: t('调解协议已生效', 'Settlement agreement in effect'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的调解协议已由各方签署并生效。如需司法确认，须在生效之日起 30 日内共同申请。',
      'Every party signed the settlement agreement of case {caseNumber} ("{caseTitle}"); it is in effect. To have it judicially confirmed, apply jointly within 30 days.',
    ),
    sms: true,
  },
  [CaseEvent.RefuseToSign]: {
    subject: t('一方拒绝签署调解协议', 'A party refused to sign'),
    body: t('案件 {caseNumber}（{caseTitle}）有一方拒绝签署调解协议。', 'A party refused to sign the settlement agreement of case {caseNumber} ("{caseTitle}").'),
  },
  [CaseEvent.ReviseAgreement]: {
    subject: t('调解协议退回修改', 'Agreement back in mediation'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的调解协议退回修改，已有签署全部作废。',
      'The agreement of case {caseNumber} ("{caseTitle}") went back to mediation for changes; all signatures are void.',
    ),
  },
  [CaseEvent.ApplyConfirmation]: {
    subject: t('司法确认申请已提交', 'Application for judicial confirmation lodged'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的调解协议已向法院申请司法确认。',
      'The settlement agreement of case {caseNumber} ("{caseTitle}") was sent to the court for judicial confirmation.',
    ),
    sms: true,
  },
  [CaseEvent.CourtDocket]: {
    subject: t('法院已受理司法确认申请', 'Court docketed the confirmation'),
    body: t('法院已受理案件 {caseNumber}（{caseTitle}）的司法确认申请。', 'The court docketed the application to confirm case {caseNumber} ("{caseTitle}").'),
  },
  [CaseEvent.CourtDecline]: {
    subject: t('法院未受理司法确认申请', 'Court declined the confirmation application'),
    body: t('法院未受理案件 {caseNumber}（{caseTitle}）的司法确认申请。', 'The court declined to docket the application to confirm case {caseNumber} ("{caseTitle}").'),
    sms: true,
  },
  [CaseEvent.RequestSupplement]: {
    subject: t('法院要求补充材料', 'Court asks for more material'),
    body: t(
      '法院要求就案件 {caseNumber}（{caseTitle}）补充材料，逾期未补充的视为撤回申请。',
      'The court asks for more material in case {caseNumber} ("{caseTitle}"). If it is not supplied in time, the application counts as withdrawn.',
    ),
    sms: true,
  },
  [CaseEvent.SupplementExpired]: {
    subject: t('未按期补充材料，视为撤回申请', 'Material not supplied: application withdrawn'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）未在期限内补充材料，司法确认申请视为撤回。',
      'The material for case {caseNumber} ("{caseTitle}") was not supplied in time; the application for confirmation counts as withdrawn.',
    ),
    sms: true,
  },
  [CaseEvent.WithdrawConfirmation]: {
    subject: t('司法确认申请已撤回', 'Confirmation application withdrawn'),
    body: t('案件 {caseNumber}（{caseTitle}）的司法确认申请已撤回。', 'The application to confirm case {caseNumber} ("{caseTitle}") was withdrawn.'),
  },
  [CaseEvent.Confirm]: {
    subject: t('法院裁定调解协议有效', 'Court confirmed the agreement'),
    body: t(
      '法院已裁定案件 {caseNumber}（{caseTitle}）的调解协议有效，协议具有强制执行力。',
      'The court ruled the settlement agreement of case {caseNumber} ("{caseTitle}") valid; it is now enforceable.',
    ),
    sms: true,
  },
  [CaseEvent.RejectConfirmation]: {
    subject: t('法院驳回司法确认申请', 'Court rejected the confirmation'),
    body: t(
      '法院驳回了案件 {caseNumber}（{caseTitle}）的司法确认申请。当事人可以修改原协议、达成新协议或向法院起诉。',
      'The court rejected the application to confirm case {caseNumber} ("{caseTitle}"). The parties may amend the agreement, make a new one, or sue.',
    ),
    sms: true,
  },
  [CaseEvent.ResumeMediation]: {
    subject: t('案件恢复调解', 'Mediation resumed'),
    body: t('案件 {caseNumber}（{caseTitle}）恢复调解，以修改调解协议。', 'Mediation of case {caseNumber} ("{caseTitle}") resumed to amend the agreement.'),
  },
  [CaseEvent.CloseUnconfirmed]: {
    subject: t('案件未经司法确认结案', 'Case closed without confirmation'),
    body: t('案件 {caseNumber}（{caseTitle}）的当事人放弃司法确认，案件结案。', 'The parties gave up confirmation; case {caseNumber} ("{caseTitle}") is closed.'),
  },
  [CaseEvent.ObligationsFulfilled]: {
    subject: t('协议已履行完毕', 'Agreement fully performed'),
    body: t('案件 {caseNumber}（{caseTitle}）的全部义务已履行完毕，案件结案。', 'Every obligation in case {caseNumber} ("{caseTitle}") was performed; the case is closed.'),
  },
  [CaseEvent.DeclareDefault]: {
    subject: t('已宣布违约', 'Default declared'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）已宣布违约。经司法确认的协议，可在履行期限届满后 2 年内向法院申请强制执行。',
      'Default was declared in case {caseNumber} ("{caseTitle}"). A confirmed agreement can be enforced by the court on application within 2 years of the end of the performance period.',
    ),
    sms: true,
  },
  [CaseEvent.ExtendDecision]: {
    subject: t('法院延长审查期限', 'The court extended its decision period'),
    body: t(
      '法院经批准延长了案件 {caseNumber}（{caseTitle}）司法确认申请的审查期限。',
      'With approval, the court extended its period to decide the application for confirmation in case {caseNumber} ("{caseTitle}").',
    ),
  },
  [CaseEvent.CourtDocketOverdue]: {
    subject: t('司法确认申请立案期限已过', 'The time to docket an application has passed'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的司法确认申请已超过立案审查期限，尚未立案或不予受理，请尽快处理。',
      'The application for confirmation in case {caseNumber} ("{caseTitle}") is past the court’s time to docket it and is neither docketed nor declined: please act on it.',
    ),
  },
  [CaseEvent.CourtDecisionOverdue]: {
    subject: t('司法确认审查期限已过', 'The time to decide an application has passed'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的司法确认申请已超过审查期限，尚未作出裁定，请尽快处理。',
      'The application for confirmation in case {caseNumber} ("{caseTitle}") is past the court’s time to decide it and no ruling is made: please rule on it.',
    ),
  },
  [CaseEvent.SupplementMaterials]: {
    subject: t('当事人已补充材料', 'Material supplied'),
    body: t('案件 {caseNumber}（{caseTitle}）的当事人已按法院要求补充材料。', 'The parties supplied the material the court asked for in case {caseNumber} ("{caseTitle}").'),
  },
  [CaseEvent.Archive]: {
    subject: t('案件已归档', 'Case archived'),
    body: t('案件 {caseNumber}（{caseTitle}）已封存归档。', 'Case {caseNumber} ("{caseTitle}") was sealed into the archive.'),
  },
  [REMINDER_TEMPLATE]: {
    subject: t('期限即将届满', 'Deadline approaching'),
    body: t('案件 {caseNumber}（{caseTitle}）的{deadlineName}即将届满。', 'The {deadlineName} in case {caseNumber} ("{caseTitle}") is about to end.'),
    sms: true,
  },
  [SERVICE_TEMPLATE]: {
    subject: t('调解通知书送达', 'Notice of mediation served on you'),
    body: t(
      '您是案件 {caseNumber}（{caseTitle}）的被申请人。平台向您送达调解通知书，请阅读后在期限内答复是否同意调解。',
      'You are a respondent in case {caseNumber} ("{caseTitle}"). The platform serves on you the notice of mediation: read it and answer, within the period, whether you agree to mediate.',
    ),
    sms: true,
  },
  [DOCUMENT_SERVED_TEMPLATE]: {
    subject: t('文书送达：{documentName}', 'Document served on you: {documentName}'),
    body: t(
      '平台在案件 {caseNumber}（{caseTitle}）中向您送达《{documentName}》，请及时阅读。',
      'In case {caseNumber} ("{caseTitle}") the platform serves on you "{documentName}". Please read it.',
    ),
    sms: true,
  },
  [SERVICE_FAILED_TEMPLATE]: {
    subject: t('电子送达未成功：{recipientName}', 'Electronic service failed: {recipientName}'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中，《{documentName}》经所有同意的电子送达方式均未送达 {recipientName}。请考虑转为线下送达。',
      'In case {caseNumber} ("{caseTitle}"), "{documentName}" could not be served on {recipientName} through any channel it consented to. Consider switching to offline service.',
    ),
  },
  [SESSION_TEMPLATES.invitation]: {
    subject: t('调解会议邀请：{startsAt}', 'Invitation to mediate: {startsAt}'),
    body: t(
      '调解员邀请您参加案件 {caseNumber}（{caseTitle}）的{sessionKind}，时间 {startsAt}，时长 {durationMinutes} 分钟，视频会议链接：{meetingUrl}。开始前请完成实名认证并确认已阅读虚假调解风险告知。',
      'The mediator invites you to a {sessionKind} in case {caseNumber} ("{caseTitle}") at {startsAt} for {durationMinutes} minutes; video meeting: {meetingUrl}. Before it starts, complete real-name verification and acknowledge the warning on sham mediation.',
    ),
    sms: true,
  },
  [SESSION_TEMPLATES.rescheduled]: {
    subject: t('调解会议改期：{startsAt}', 'Mediation session moved: {startsAt}'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的{sessionKind}改在 {startsAt} 举行，时长 {durationMinutes} 分钟，视频会议链接：{meetingUrl}。',
      'The {sessionKind} in case {caseNumber} ("{caseTitle}") now takes place at {startsAt} for {durationMinutes} minutes; video meeting: {meetingUrl}.',
    ),
    sms: true,
  },
  [SESSION_TEMPLATES.cancelled]: {
    subject: t('调解会议取消', 'Mediation session cancelled'),
    body: t('案件 {caseNumber}（{caseTitle}）原定于 {startsAt} 的{sessionKind}已取消。', 'The {sessionKind} in case {caseNumber} ("{caseTitle}") set for {startsAt} is cancelled.'),
    sms: true,
  },
  [SESSION_TEMPLATES.reminder]: {
    subject: t('调解会议即将开始', 'Mediation session soon'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的{sessionKind}将于 {startsAt} 开始，视频会议链接：{meetingUrl}。',
      'The {sessionKind} in case {caseNumber} ("{caseTitle}") starts at {startsAt}; video meeting: {meetingUrl}.',
    ),
    sms: true,
  },
  [SESSION_TEMPLATES.recordToConfirm]: {
    subject: t('请确认调解笔录', 'Please confirm the session record'),
    body: t(
      '调解员已制作案件 {caseNumber}（{caseTitle}）{startsAt} {sessionKind}的笔录，请阅读后在线确认。',
      'The mediator wrote the record of the {sessionKind} of {startsAt} in case {caseNumber} ("{caseTitle}"). Read it and confirm it online.',
    ),
  },
  // Offers, blind bidding, the period's extension (src/mediation): kept beside the feature.
  ...MEDIATION_TEMPLATES,
  [CONFIRMATION_CONSENT_TEMPLATE]: {
    subject: t('请同意共同申请司法确认', 'Consent to the joint application for confirmation'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）的一方当事人发起了向{courtName}申请司法确认的共同申请。司法确认须由全体当事人共同申请，请在期限内登录平台表示同意。',
      'A party to case {caseNumber} ("{caseTitle}") started a joint application to {courtName} for judicial confirmation. Every party must join it: sign in and consent before the deadline.',
    ),
    sms: true,
  },
  [OBLIGATION_REMINDER_TEMPLATE]: {
    subject: t('履行期限即将届满', 'Performance due soon'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）调解协议约定的义务（{obligation}）即将到期，请按期履行并在平台上报告履行情况。',
      'An obligation under the settlement in case {caseNumber} ("{caseTitle}") ({obligation}) falls due soon. Perform it on time and report the performance on the platform.',
    ),
    sms: true,
  },
  [OBLIGATION_OVERDUE_TEMPLATE]: {
    subject: t('义务逾期未履行', 'Obligation overdue'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）调解协议约定的义务（{obligation}）已逾期，尚未确认履行。',
      'An obligation under the settlement in case {caseNumber} ("{caseTitle}") ({obligation}) is overdue without confirmed performance.',
    ),
    sms: true,
  },
  [PERFORMANCE_REPORTED_TEMPLATE]: {
    subject: t('对方已报告履行', 'Performance reported'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中，义务方报告已履行（{obligation}），请核实后确认或提出异议。',
      'In case {caseNumber} ("{caseTitle}") the obligated party reports that it performed ({obligation}). Check it, then confirm or dispute it.',
    ),
  },
  [PERFORMANCE_DISPUTED_TEMPLATE]: {
    subject: t('履行情况有异议', 'Reported performance disputed'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中，权利方对报告的履行（{obligation}）提出异议。',
      'In case {caseNumber} ("{caseTitle}") the beneficiary disputes the reported performance ({obligation}).',
    ),
  },
};

/** What a notification carries for its texts; every field is optional except the case's. */
export interface NotificationData {
  caseId?: string;
  caseNumber?: string;
  caseTitle?: string;
  reason?: string;
  /** ISO instant a period ends. */
  dueAt?: string;
  /** Deadline kind, for reminders. */
  deadlineKind?: string;
  [key: string]: unknown;
}

export interface RenderSettings {
  timeZone: string;
  /** Base URL of the web app; the case link is added when the notification names a case. */
  publicUrl: string;
  /** The signed reading link of a served document, for this notification's recipient (delivery only). */
  documentLink?: string;
}

export interface RenderedNotification {
  title: string;
  /** Plain text: the inbox and the e-mail body. */
  text: string;
  /** Short text for SMS, signed as Chinese carriers require. */
  sms: string;
}

const LABELS = {
  reason: t('理由', 'Reason'),
  due: t('截止时间', 'Deadline'),
  link: t('查看案件', 'View the case'),
  document: t('阅读送达文书（限本人使用，请勿转发）', 'Read the served document (for you only; do not forward)'),
  endOfDay: t('{date} 24:00（{zone}）', 'end of {date} ({zone})'),
  performBy: t('{what}，最后履行日 {date}', '{what}, by {date}'),
  sign: t('【Accord】', '[Accord] '),
};

/**
 * An obligation of a settlement as a notification names it: the sum (in the documents' money
 * format) or the act, and its last day. A plain string is an older notification's own text.
 */
export type ObligationSummary = { kind: 'money'; amount: string; currency: string; lastDay: string } | { kind: 'act'; act: string; lastDay: string };

/** A session's start as documents print it: 2026年12月1日 14:30（北京时间） / 1 December 2026, 14:30 (Beijing time). */
export function formatInstant(at: string, language: Language, timeZone: string): string {
  const local = DateTime.fromISO(at);
  if (!local.isValid) return '—';
  return formatDateTime(local.toJSDate(), language, timeZone);
}

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * A period ends at local midnight after its last day (CPL art. 85); people read "by the end of
 * the last day", so that is what is shown, dated as documents date it.
 */
export function formatDeadline(dueAt: string, language: Language, timeZone: string): string {
  const lastDay = DateTime.fromISO(dueAt, { zone: timeZone }).minus({ milliseconds: 1 });
  if (!lastDay.isValid) return '—';
  return fill(LABELS.endOfDay[language], { date: formatDate(lastDay.toJSDate(), language, timeZone), zone: zoneName(timeZone, language, lastDay.toJSDate()) });
}

/** ¥8,000.00，最后履行日 2026年5月15日 / CNY 8,000.00, by 15 May 2026. */
export function formatObligation(obligation: unknown, language: Language, timeZone: string): string {
  if (typeof obligation === 'string') return obligation;
  if (!obligation || typeof obligation !== 'object') return '—';
  const o = obligation as Partial<ObligationSummary> & Record<string, unknown>;
  const what =
    o.kind === 'money' && typeof o.amount === 'string' && typeof o.currency === 'string' ? formatMoney(o.amount, o.currency, language) : typeof o.act === 'string' ? o.act : '—';
  if (typeof o.lastDay !== 'string' || !DateTime.fromISO(o.lastDay).isValid) return what;
  return fill(LABELS.performBy[language], { what, date: formatDate(o.lastDay, language, timeZone) });
}

/** The texts of a notification in one language. Pure. */
export function renderNotification(template: TemplateKey, language: Language, data: NotificationData, settings: RenderSettings): RenderedNotification {
  const spec = TEMPLATES[template];
  if (!spec) throw new Error(`no notification template "${template}"`);
  const values: Record<string, string> = {
    caseNumber: data.caseNumber ?? '',
    caseTitle: data.caseTitle ?? '',
    deadlineName: data.deadlineKind ? term(DEADLINE_KIND_TERMS, data.deadlineKind, language) : language === Language.ZhCN ? '期限' : 'deadline',
    documentName: typeof data.documentName === 'string' ? data.documentName : language === Language.ZhCN ? '文书' : 'a document',
    recipientName: typeof data.recipientName === 'string' ? data.recipientName : '',
    sessionKind: (SESSION_KIND_IN_TEXT[data.sessionKind as SessionKind] ?? SESSION_KIND_IN_TEXT[SessionKind.Joint])[language],
    startsAt: typeof data.startsAt === 'string' ? formatInstant(data.startsAt, language, settings.timeZone) : '—',
    durationMinutes: typeof data.durationMinutes === 'number' ? String(data.durationMinutes) : '—',
    meetingUrl: typeof data.meetingUrl === 'string' ? data.meetingUrl : '—',
    courtName: typeof data.courtName === 'string' ? data.courtName : language === Language.ZhCN ? '法院' : 'the court',
    obligation: formatObligation(data.obligation, language, settings.timeZone),
  };
  const subject = fill(spec.subject[language], values);
  const title = data.caseNumber ? `${subject} · ${data.caseNumber}` : subject;
  const colon = language === Language.ZhCN ? '：' : ': ';
  const lines = [fill(spec.body[language], values)];
  if (data.reason) lines.push(`${LABELS.reason[language]}${colon}${data.reason}`);
  const due = data.dueAt ? formatDeadline(data.dueAt, language, settings.timeZone) : undefined;
  if (due) lines.push(`${LABELS.due[language]}${colon}${due}`);
  if (settings.documentLink) lines.push(`${LABELS.document[language]}${colon}${settings.documentLink}`);
  if (data.caseId) lines.push(`${LABELS.link[language]}${colon}${settings.publicUrl.replace(/\/$/, '')}/cases/${data.caseId}`);
  const sms = `${LABELS.sign[language]}${subject}${data.caseNumber ? ` (${data.caseNumber})` : ''}${due ? `${language === Language.ZhCN ? '，' : '. '}${LABELS.due[language]}${colon}${due}` : ''}${settings.documentLink ? ` ${settings.documentLink}` : ''}`;
  return { title, text: lines.join('\n'), sms };
}
