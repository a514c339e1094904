import {
  CLAIM_KIND_TERMS,
  closingDate,
  DISPUTE_TYPE_TERMS,
  DOCUMENT_KIND_TERMS,
  EFFECTIVE_RULE_TERMS,
  formatDateTime,
  moneyInLegalText,
  SERVICE_CHANNEL_TERMS,
  SERVICE_METHOD_TERMS,
  term,
  type ClaimKind,
} from '../common/documents-i18n';
import { DEFAULT_TIME_ZONE } from '../deadlines/working-day-calendar';
import type { PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import type { ChannelOutcome } from './deemed-served';
import type { Service } from './service.entity';

/** The platform's name on what it issues. */
export const ISSUER: Record<PdfLanguage, string> = { 'zh-CN': 'Accord 在线调解平台', en: 'Accord online mediation platform' };

export interface NoticeInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  disputeType?: string | null;
  statement: string | null;
  claims: { kind: string; amount?: string; currency?: string; description?: string }[];
  applicants: string[];
  respondents: string[];
  mediatorName: string;
  /** The mediation organisation the mediator acts for; the platform when none. */
  organisation?: string | null;
  answerWorkingDays: number;
  issuedAt: Date;
  timeZone?: string;
}

const list = (names: readonly string[], lang: PdfLanguage): string => names.join(lang === 'zh-CN' ? '、' : '; ') || '—';

/** The rows that open a document about a case: its number, title, parties and mediator. */
export function caseHeadingRows(
  input: { caseNumber: string; caseTitle: string; disputeType?: string | null; applicants: readonly string[]; respondents: readonly string[]; mediatorName: string },
  lang: PdfLanguage,
): PdfField[] {
  const zh = lang === 'zh-CN';
  const several = (n: number): boolean => n > 1;
  return [
    { label: zh ? '案号' : 'Case number', value: input.caseNumber },
    { label: zh ? '案由' : 'Matter', value: input.caseTitle },
    ...(input.disputeType ? [{ label: zh ? '纠纷类型' : 'Type of dispute', value: term(DISPUTE_TYPE_TERMS, input.disputeType, lang) }] : []),
    { label: zh ? '申请人' : several(input.applicants.length) ? 'Applicants' : 'Applicant', value: list(input.applicants, lang) },
    { label: zh ? '被申请人' : several(input.respondents.length) ? 'Respondents' : 'Respondent', value: list(input.respondents, lang) },
    { label: zh ? '调解员' : 'Mediator', value: input.mediatorName },
  ];
}

/** One claim as the notice states it: 请求支付人民币捌拾万元整（¥800,000.00） / Payment of CNY 800,000.00. */
export function claimText(c: NoticeInput['claims'][number], lang: PdfLanguage): string {
  const zh = lang === 'zh-CN';
  const kind = term(CLAIM_KIND_TERMS, c.kind as ClaimKind, lang);
  const money = c.amount && c.currency ? moneyInLegalText(c.amount, c.currency, lang) : null;
  const head = money ? (zh ? `${kind}${money}` : `${kind} ${money}`) : kind;
  return c.description ? `${head}${zh ? '：' : ': '}${c.description}` : head;
}

const RIGHTS: Record<PdfLanguage, string> = {
  'zh-CN':
    '当事人在调解中享有下列权利：自主决定是否接受调解；申请调解员回避；委托代理人参加调解；自主表达意愿、自愿达成调解协议；随时要求终止调解。当事人应当如实陈述纠纷事实、提供真实的证据材料，遵守调解秩序，尊重调解员和对方当事人，自觉履行达成的调解协议。调解过程及调解中的让步、报价依法保密，不得在其后的诉讼中作为对当事人不利的根据。',
  en: 'In the mediation each party may decide freely whether to mediate, ask for the mediator’s recusal, be represented by an agent, state its views freely and settle only of its own will, and end the mediation at any time. Each party shall state the facts truthfully and produce genuine evidence, keep to the procedure, treat the mediator and the other side with respect, and perform any agreement it signs. The mediation and what is offered or conceded in it are confidential and may not be used against a party in later proceedings.',
};

/** The notice of mediation (调解通知书) served on each respondent, with the application's substance. Pure. */
export function noticeOfMediation(input: NoticeInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const organisation = input.organisation ?? ISSUER[lang];
  const claims = input.claims.map((c, i) => `${i + 1}${zh ? '．' : '. '}${claimText(c, lang)}`).join('\n') || '—';
  const applicants = list(input.applicants, lang);
  return {
    documentId: input.documentId,
    authority: organisation,
    title: zh ? '调解通知书' : 'Notice of Mediation',
    subtitle: zh ? `案号：${input.caseNumber}` : `Case number: ${input.caseNumber}`,
    issuer: organisation === ISSUER[lang] ? undefined : ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [zh ? '调解通知' : 'notice of mediation', input.caseNumber],
    blocks: [
      { kind: 'paragraph', text: zh ? `${list(input.respondents, lang)}：` : `To ${list(input.respondents, lang)}:`, flush: true },
      {
        kind: 'paragraph',
        text: zh
          ? `申请人${applicants}就与你方之间的纠纷（${input.caseTitle}）向本平台申请在线调解，调解员${input.mediatorName}已接受指派。现将申请内容及有关事项通知如下。`
          : `${applicants} applied to mediate online on this platform a dispute with you (${input.caseTitle}), and the mediator ${input.mediatorName} accepted the case. The application and what you need to do follow.`,
      },
      { kind: 'fields', rows: caseHeadingRows(input, lang) },
      { kind: 'heading', text: zh ? '一、申请人的请求' : '1. What the applicant asks for' },
      { kind: 'paragraph', text: claims },
      { kind: 'heading', text: zh ? '二、事实和理由' : '2. Facts and grounds' },
      { kind: 'paragraph', text: input.statement ?? '—' },
      { kind: 'heading', text: zh ? '三、请您答复' : '3. Your answer' },
      {
        kind: 'paragraph',
        text: zh
          ? `请您在本通知送达之日起 ${input.answerWorkingDays} 个工作日内登录平台，经实名认证后答复是否同意调解。拒绝或逾期未答复的，调解程序终结；人民法院委派、委托的案件退回人民法院。`
          : `Within ${input.answerWorkingDays} working days of service of this notice, sign in to the platform, verify your identity and answer whether you agree to mediate. A refusal or no answer ends the mediation; a case a people’s court referred goes back to that court.`,
      },
      { kind: 'heading', text: zh ? '四、当事人的权利和义务' : '4. Your rights and duties' },
      { kind: 'paragraph', text: RIGHTS[lang] },
    ],
    closing: { signers: [{ role: '', name: organisation }], date: closingDate(input.issuedAt, lang, zone), seal: zh ? '（印章）' : '(seal)' },
  };
}

export interface CertificateInput {
  certificateId: string;
  service: Service;
  caseNumber: string;
  /** The served document's title as people know it (its file name, e.g. 调解通知书-ACC-2026-000001.pdf). */
  documentName: string;
  /** The served document's kind, which names it (调解通知书, 民事裁定书…). */
  documentKind?: string | null;
  /** The e-mail of the platform account the document was delivered to, for the in-app channel. */
  recipientAccount: string | null;
  issuedAt: Date;
  timeZone?: string;
}

/** The electronic service certificate (送达回证, docs/procedural-rules.md F28) of one completed service. Pure. */
export function serviceCertificate(input: CertificateInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const s = input.service;
  const at = (d: Date | string | null | undefined): string => (d ? formatDateTime(new Date(d), lang, zone, { seconds: true }) : '—');
  const channel = (c: string): string => term(SERVICE_CHANNEL_TERMS, c, lang);
  // The in-app channel's address is an account, stored by its internal id: print whose inbox it is.
  const addressOf = (c: ChannelOutcome): string => {
    if (c.channel !== 'in_app') return c.address;
    const account = input.recipientAccount ? (zh ? `平台账户 ${input.recipientAccount}` : `platform account ${input.recipientAccount}`) : null;
    return account ?? (zh ? `${s.recipientName}的平台账户` : `${s.recipientName}’s platform account`);
  };
  const channelRows: PdfField[] = (s.delivered as ChannelOutcome[]).flatMap((c) => [
    {
      label: zh ? `${channel(c.channel)}送达地址` : `${channel(c.channel)}: address used`,
      value: `${addressOf(c)}${zh ? (c.confirmed ? '（受送达人确认的送达地址）' : '（未经受送达人确认）') : c.confirmed ? ' (confirmed by the recipient)' : ' (not confirmed by the recipient)'}`,
    },
    { label: zh ? `${channel(c.channel)}到达时间` : `${channel(c.channel)}: delivered`, value: c.deliveredAt ? at(c.deliveredAt) : zh ? '未到达' : 'not delivered' },
  ]);
  const offline = s.offlineAt
    ? [{ label: zh ? '线下送达' : 'Served offline', value: [term(SERVICE_METHOD_TERMS, s.offlineMethod, lang), s.offlineServedAt ? at(s.offlineServedAt) : '', s.offlineReason ?? ''].filter(Boolean).join(zh ? '；' : '; ') }]
    : [];
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
          { label: zh ? '案号' : 'Case number', value: input.caseNumber },
          {
            label: zh ? '送达文书' : 'Document served',
            value: input.documentKind ? (zh ? `${term(DOCUMENT_KIND_TERMS, input.documentKind, lang)}（${input.documentName}）` : `${term(DOCUMENT_KIND_TERMS, input.documentKind, lang)} (${input.documentName})`) : input.documentName,
          },
          { label: zh ? '文书 SHA-256' : 'Document SHA-256', value: s.documentSha256, code: true },
          { label: zh ? '受送达人' : 'Addressee', value: s.recipientName },
          { label: zh ? '送达人' : 'Served by', value: ISSUER[lang] },
          { label: zh ? '送达方式' : 'Method', value: s.channels.length ? `${zh ? '电子送达：' : 'Electronic service: '}${s.channels.map(channel).join(zh ? '、' : ', ')}` : '—' },
        ],
      },
      { kind: 'heading', text: zh ? '送达经过' : 'How it was served' },
      {
        kind: 'fields',
        rows: [
          { label: zh ? '发送时间' : 'Sent', value: at(s.sentAt) },
          ...channelRows,
          { label: zh ? '阅读时间' : 'Read', value: s.readAt ? at(s.readAt) : zh ? '未阅读' : 'not read' },
          // The reader's IP address and user agent stay in the service record: the certificate goes to the other side too.
          ...(s.readAt ? [{ label: zh ? '阅读方式' : 'Read through', value: s.readVia === 'link' ? (zh ? '受送达人专属送达链接' : 'the recipient’s own service link') : zh ? '登录平台查阅' : 'signing in to the platform' }] : []),
          ...(s.actedAt ? [{ label: zh ? '回应时间' : 'Acted upon', value: at(s.actedAt) }] : []),
          ...offline,
          { label: zh ? '送达生效时间' : 'Service took effect', value: at(s.effectiveAt) },
          ...(s.effectiveChannel ? [{ label: zh ? '生效送达渠道' : 'Through', value: channel(s.effectiveChannel) }] : []),
          { label: zh ? '生效依据' : 'By the rule', value: s.effectiveRule ? term(EFFECTIVE_RULE_TERMS, s.effectiveRule, lang) : '—' },
        ],
      },
    ],
    attestation: {
      statement: zh
        ? '本回证由平台依据系统自动记录的送达数据生成：所列时间取自邮件服务器、短信服务商及平台的送达记录，全程留痕，可凭文书编号和文书哈希值核验（《人民法院在线诉讼规则》第三十一条）。'
        : 'The platform issues this certificate from the service records it keeps automatically: the times are those recorded by the mail server, the SMS provider and the platform. The whole process is logged and can be checked against the document number and the document hash (Online Litigation Rules art. 31).',
      signatories: [{ role: zh ? '送达人' : 'Served by', name: ISSUER[lang], signedAt: input.issuedAt }],
    },
  };
}
