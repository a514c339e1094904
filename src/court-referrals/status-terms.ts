import type { Bilingual } from '../common/documents-i18n/language';
import { CaseStatus } from '../cases/lifecycle/case-states';

const b = (zh: string, en: string): Bilingual => Object.freeze({ 'zh-CN': zh, en });

/** A case's state as the court's export names it (the web app's words, web/src/i18n). */
export const STATUS_TERMS: Readonly<Record<CaseStatus, Bilingual>> = {
  [CaseStatus.Draft]: b('草稿', 'Draft'),
  [CaseStatus.Submitted]: b('已提交', 'Submitted'),
  [CaseStatus.NeedsCorrection]: b('需要补正', 'Needs correction'),
  [CaseStatus.Assigning]: b('正在选定调解员', 'Finding a mediator'),
  [CaseStatus.AwaitingRespondent]: b('等待对方回应', 'Waiting for the other side'),
  [CaseStatus.Mediating]: b('调解中', 'In mediation'),
  [CaseStatus.Signing]: b('签署协议', 'Signing the agreement'),
  [CaseStatus.Settled]: b('已达成协议', 'Settled'),
  [CaseStatus.ConfirmationRequested]: b('已申请司法确认', 'Sent to court'),
  [CaseStatus.UnderCourtReview]: b('法院审查中', 'Court reviewing'),
  [CaseStatus.ConfirmationRejected]: b('法院不予确认', 'Court refused to confirm'),
  [CaseStatus.Confirmed]: b('已获司法确认', 'Confirmed by the court'),
  [CaseStatus.Closed]: b('已结案', 'Closed'),
  [CaseStatus.Archived]: b('已归档', 'Archived'),
};
