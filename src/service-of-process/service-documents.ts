import type { PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import type { ChannelOutcome } from './deemed-served';
import type { Service } from './service.entity';

/** The platform's name on what it issues. */
export const ISSUER: Record<PdfLanguage, string> = { 'zh-CN': 'Accord 在线调解平台', en: 'Accord online mediation platform' };

export interface NoticeInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  statement: string | null;
  claims: { kind: string; amount?: string; currency?: string; description?: string }[];
  applicants: string[];
  respondents: string[];
  mediatorName: string;
  answerWorkingDays: number;
  issuedAt: Date;
}

/** The rows that open a document about a case: its number, title, parties and mediator. */
export function caseHeadingRows(
  input: { caseNumber: string; caseTitle: string; applicants: readonly string[]; respondents: readonly string[]; mediatorName: string },
  lang: PdfLanguage,
): PdfField[] {
  const zh = lang === 'zh-CN';
  return [
    { label: zh ? '案号' : 'Case number', value: input.caseNumber, code: true },
    { label: zh ? '案由' : 'Case', value: input.caseTitle },
    { label: zh ? '申请人' : 'Applicant(s)', value: input.applicants.join('; ') || '—' },
    { label: zh ? '被申请人' : 'Respondent(s)', value: input.respondents.join('; ') || '—' },
    { label: zh ? '调解员' : 'Mediator', value: input.mediatorName },
  ];
}

/** The notice of mediation (调解通知书) served on each respondent, with the application's substance. Pure. */
export function noticeOfMediation(input: NoticeInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const claims = input.claims.map((c) => [c.kind, c.amount && `${c.amount} ${c.currency ?? ''}`.trim(), c.description].filter(Boolean).join(' · ')).join('\n') || '—';
  return {
    documentId: input.documentId,
    title: zh ? '调解通知书' : 'Notice of Mediation',
    subtitle: input.caseNumber,
    issuer: ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [zh ? '调解通知' : 'notice of mediation', input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: caseHeadingRows(input, lang),
      },
      { kind: 'heading', text: zh ? '申请事项' : 'The application' },
      { kind: 'paragraph', text: input.statement ?? '—' },
      { kind: 'paragraph', text: claims },
      { kind: 'heading', text: zh ? '请您答复' : 'Your answer' },
      {
        kind: 'paragraph',
        text: zh
          ? `申请人申请通过本平台进行在线调解，调解员已接受指派。请您在本通知送达之日起 ${input.answerWorkingDays} 个工作日内登录平台，经实名认证后答复是否同意调解。拒绝或逾期未答复的，调解程序终结；法院委派、委托的案件退回法院。`
          : `The applicant asked to mediate this dispute online on this platform, and a mediator accepted the case. Within ${input.answerWorkingDays} working days of service of this notice, sign in to the platform, verify your identity and answer whether you agree to mediate. A refusal or no answer ends the mediation; a case a court referred goes back to that court.`,
      },
    ],
  };
}

const iso = (d: Date | null): string => (d ? d.toISOString() : '—');

/** The electronic service certificate (送达回证, docs/procedural-rules.md F28) of one completed service. Pure. */
export function serviceCertificate(
  input: { certificateId: string; service: Service; caseNumber: string; documentName: string; recipientAccount: string | null; issuedAt: Date },
  lang: PdfLanguage,
): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const s = input.service;
  const channelName = (c: string): string => (zh ? { in_app: '平台站内信', email: '电子邮件', sms: '短信' }[c] : { in_app: 'platform inbox', email: 'e-mail', sms: 'SMS' }[c]) ?? c;
  const ruleName: Record<string, string> = zh
    ? { confirmed_address_delivered: '送达至确认的送达地址（到达受送达人特定系统）', read: '受送达人阅读', acted_upon: '受送达人作出回应', offline: '线下送达' }
    : { confirmed_address_delivered: 'delivered to a confirmed address (reached the recipient’s system)', read: 'read by the recipient', acted_upon: 'acted upon by the recipient', offline: 'served offline' };
  const channelRows: PdfField[] = (s.delivered as ChannelOutcome[]).flatMap((c) => [
    { label: `${channelName(c.channel)} · ${zh ? '地址' : 'address'}`, value: `${c.address} (${c.confirmed ? (zh ? '已确认' : 'confirmed') : zh ? '未确认' : 'unconfirmed'})` },
    { label: `${channelName(c.channel)} · ${zh ? '到达时间' : 'delivered'}`, value: iso(c.deliveredAt ? new Date(c.deliveredAt) : null), code: true },
  ]);
  return {
    documentId: input.certificateId,
    title: zh ? '送达回证' : 'Certificate of Service',
    subtitle: zh ? '电子送达' : 'Electronic service',
    issuer: ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [zh ? '电子送达' : 'electronic service', input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: zh ? '案号' : 'Case number', value: input.caseNumber, code: true },
          { label: zh ? '送达编号' : 'Service ID', value: s.id, code: true },
          { label: zh ? '送达文书' : 'Document served', value: input.documentName },
          { label: zh ? '文书编号' : 'Document ID', value: s.documentId, code: true },
          { label: zh ? '文书SHA-256' : 'Document SHA-256', value: s.documentSha256, code: true },
          { label: zh ? '受送达人' : 'Recipient', value: s.recipientName },
          { label: zh ? '平台账户' : 'Platform account', value: input.recipientAccount ?? '—' },
          { label: zh ? '送达方式' : 'Channels', value: s.channels.map(channelName).join(', ') || '—' },
        ],
      },
      { kind: 'heading', text: zh ? '送达过程' : 'Service record' },
      {
        kind: 'fields',
        rows: [
          { label: zh ? '发送时间' : 'Sent', value: iso(s.sentAt), code: true },
          ...channelRows,
          { label: zh ? '阅读时间' : 'Read', value: iso(s.readAt), code: true },
          // The reader's IP address and user agent stay in the service record: the certificate goes to the other side too.
          ...(s.readAt ? [{ label: zh ? '阅读方式' : 'Read via', value: s.readVia === 'link' ? (zh ? '专属送达链接' : 'the recipient’s signed link') : zh ? '登录平台' : 'signed in to the platform' }] : []),
          { label: zh ? '回应时间' : 'Acted upon', value: iso(s.actedAt), code: true },
          ...(s.offlineAt ? [{ label: zh ? '线下送达' : 'Offline service', value: `${s.offlineMethod ?? ''} ${s.offlineReason ?? ''}`.trim() }] : []),
          { label: zh ? '送达生效时间' : 'Service effective', value: iso(s.effectiveAt), code: true },
          { label: zh ? '生效依据' : 'By the rule', value: s.effectiveRule ? ruleName[s.effectiveRule] : '—' },
        ],
      },
    ],
    attestation: {
      statement: zh
        ? '本回证由平台依据系统自动记录的送达数据生成：所列时间取自邮件服务器、短信服务商及平台的送达记录，全程留痕，可通过送达编号与文书哈希值核验（《人民法院在线诉讼规则》第三十一条）。'
        : 'The platform issues this certificate from the service records it keeps automatically: the times are those recorded by the mail server, the SMS provider and the platform. The whole process is logged and can be checked against the service ID and the document hash (Online Litigation Rules art. 31).',
      signatories: [{ role: zh ? '送达人' : 'Served by', name: ISSUER[lang], signedAt: input.issuedAt }],
    },
  };
}
