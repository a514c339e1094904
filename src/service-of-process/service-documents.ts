// Over 300 lines on purpose: the text of the notice of mediation and the service certificate in two
// languages, as data for renderPdf.
import { closingDate, formatDateTime, moneyInLegalText, numberedLines, PUNCTUATION } from '../common/documents-i18n';
import { CLAIM_KIND_TERMS, DISPUTE_TYPE_TERMS, DOCUMENT_KIND_TERMS, EFFECTIVE_RULE_TERMS, SERVICE_CHANNEL_TERMS, SERVICE_METHOD_TERMS, term, type ClaimKind } from '../terms/terms';
import { DEFAULT_TIME_ZONE } from '../infrastructure/calendar/working-day-calendar';
import type { PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import type { ChannelOutcome } from './deemed-served';
import type { ServiceRecord } from './service.entity';

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

interface Words {
  caseNumber: string;
  matter: string;
  disputeType: string;
  applicants: (n: number) => string;
  respondents: (n: number) => string;
  mediator: string;
  /** "Payment of" + amount: Chinese runs them together. */
  claim: (kind: string, money: string | null) => string;
  notice: {
    title: string;
    subtitle: (caseNumber: string) => string;
    keyword: string;
    addressee: (names: string) => string;
    opening: (applicants: string, caseTitle: string, mediator: string) => string;
    headings: { claims: string; facts: string; answer: string; rights: string };
    answer: (days: number) => string;
    rights: string;
    seal: string;
  };
  certificate: {
    title: string;
    subtitle: string;
    keyword: string;
    document: string;
    documentSha: string;
    addressee: string;
    servedBy: string;
    method: string;
    electronic: (channels: string) => string;
    howServed: string;
    account: (email: string) => string;
    accountOf: (name: string) => string;
    addressUsed: (channel: string) => string;
    confirmed: (yes: boolean) => string;
    delivered: (channel: string) => string;
    notDelivered: string;
    sent: string;
    read: string;
    notRead: string;
    readThrough: string;
    readVia: Record<'link' | 'platform', string>;
    actedUpon: string;
    offline: string;
    effective: string;
    through: string;
    rule: string;
    statement: string;
  };
}

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    caseNumber: '案号',
    matter: '案由',
    disputeType: '纠纷类型',
    applicants: () => '申请人',
    respondents: () => '被申请人',
    mediator: '调解员',
    claim: (kind, money) => (money ? `${kind}${money}` : kind),
    notice: {
      title: '调解通知书',
      subtitle: (n) => `案号：${n}`,
      keyword: '调解通知',
      addressee: (names) => `${names}：`,
      opening: (a, title, m) => `申请人${a}就与你方之间的纠纷（${title}）向本平台申请在线调解，调解员${m}已接受指派。现将申请内容及有关事项通知如下。`,
      headings: { claims: '一、申请人的请求', facts: '二、事实和理由', answer: '三、请您答复', rights: '四、当事人的权利和义务' },
      answer: (days) => `请您在本通知送达之日起 ${days} 个工作日内登录平台，经实名认证后答复是否同意调解。拒绝或逾期未答复的，调解程序终结；人民法院委派、委托的案件退回人民法院。`,
      rights:
        '当事人在调解中享有下列权利：自主决定是否接受调解；申请调解员回避；委托代理人参加调解；自主表达意愿、自愿达成调解协议；随时要求终止调解。当事人应当如实陈述纠纷事实、提供真实的证据材料，遵守调解秩序，尊重调解员和对方当事人，自觉履行达成的调解协议。调解过程及调解中的让步、报价依法保密，不得在其后的诉讼中作为对当事人不利的根据。',
      seal: '（印章）',
    },
    certificate: {
      title: '送达回证',
      subtitle: '电子送达',
      keyword: '电子送达',
      document: '送达文书',
      documentSha: '文书 SHA-256',
      addressee: '受送达人',
      servedBy: '送达人',
      method: '送达方式',
      electronic: (channels) => `电子送达：${channels}`,
      howServed: '送达经过',
      account: (email) => `平台账户 ${email}`,
      accountOf: (name) => `${name}的平台账户`,
      addressUsed: (channel) => `${channel}送达地址`,
      confirmed: (yes) => (yes ? '（受送达人确认的送达地址）' : '（未经受送达人确认）'),
      delivered: (channel) => `${channel}到达时间`,
      notDelivered: '未到达',
      sent: '发送时间',
      read: '阅读时间',
      notRead: '未阅读',
      readThrough: '阅读方式',
      readVia: { link: '受送达人专属送达链接', platform: '登录平台查阅' },
      actedUpon: '回应时间',
      offline: '线下送达',
      effective: '送达生效时间',
      through: '生效送达渠道',
      rule: '生效依据',
      statement:
        '本回证由平台依据系统自动记录的送达数据生成：所列时间取自邮件服务器、短信服务商及平台的送达记录，全程留痕，可凭文书编号和文书哈希值核验（《人民法院在线诉讼规则》第三十一条）。',
    },
  },
  en: {
    caseNumber: 'Case number',
    matter: 'Matter',
    disputeType: 'Type of dispute',
    applicants: (n) => (n > 1 ? 'Applicants' : 'Applicant'),
    respondents: (n) => (n > 1 ? 'Respondents' : 'Respondent'),
    mediator: 'Mediator',
    claim: (kind, money) => (money ? `${kind} ${money}` : kind),
    notice: {
      title: 'Notice of Mediation',
      subtitle: (n) => `Case number: ${n}`,
      keyword: 'notice of mediation',
      addressee: (names) => `To ${names}:`,
      opening: (a, title, m) =>
        `${a} applied to mediate online on this platform a dispute with you (${title}), and the mediator ${m} accepted the case. The application and what you need to do follow.`,
      headings: { claims: '1. What the applicant asks for', facts: '2. Facts and grounds', answer: '3. Your answer', rights: '4. Your rights and duties' },
      answer: (days) =>
        `Within ${days} working days of service of this notice, sign in to the platform, verify your identity and answer whether you agree to mediate. A refusal or no answer ends the mediation; a case a people’s court referred goes back to that court.`,
      rights:
        'In the mediation each party may decide freely whether to mediate, ask for the mediator’s recusal, be represented by an agent, state its views freely and settle only of its own will, and end the mediation at any time. Each party shall state the facts truthfully and produce genuine evidence, keep to the procedure, treat the mediator and the other side with respect, and perform any agreement it signs. The mediation and what is offered or conceded in it are confidential and may not be used against a party in later proceedings.',
      seal: '(seal)',
    },
    certificate: {
      title: 'Certificate of Service',
      subtitle: 'Electronic service',
      keyword: 'electronic service',
      document: 'Document served',
      documentSha: 'Document SHA-256',
      addressee: 'Addressee',
      servedBy: 'Served by',
      method: 'Method',
      electronic: (channels) => `Electronic service: ${channels}`,
      howServed: 'How it was served',
      account: (email) => `platform account ${email}`,
      accountOf: (name) => `${name}’s platform account`,
      addressUsed: (channel) => `${channel}: address used`,
      confirmed: (yes) => (yes ? ' (confirmed by the recipient)' : ' (not confirmed by the recipient)'),
      delivered: (channel) => `${channel}: delivered`,
      notDelivered: 'not delivered',
      sent: 'Sent',
      read: 'Read',
      notRead: 'not read',
      readThrough: 'Read through',
      readVia: { link: 'the recipient’s own service link', platform: 'signing in to the platform' },
      actedUpon: 'Acted upon',
      offline: 'Served offline',
      effective: 'Service took effect',
      through: 'Through',
      rule: 'By the rule',
      statement:
        'The platform issues this certificate from the service records it keeps automatically: the times are those recorded by the mail server, the SMS provider and the platform. The whole process is logged and can be checked against the document number and the document hash (Online Litigation Rules art. 31).',
    },
  },
};

const list = (names: readonly string[], lang: PdfLanguage): string => names.join(lang === 'zh-CN' ? PUNCTUATION[lang].list : '; ') || '—';

/** The rows that open a document about a case: its number, title, parties and mediator. */
export function caseHeadingRows(
  input: { caseNumber: string; caseTitle: string; disputeType?: string | null; applicants: readonly string[]; respondents: readonly string[]; mediatorName: string },
  lang: PdfLanguage,
): PdfField[] {
  const w = WORDS[lang];
  return [
    { label: w.caseNumber, value: input.caseNumber },
    { label: w.matter, value: input.caseTitle },
    ...(input.disputeType ? [{ label: w.disputeType, value: term(DISPUTE_TYPE_TERMS, input.disputeType, lang) }] : []),
    { label: w.applicants(input.applicants.length), value: list(input.applicants, lang) },
    { label: w.respondents(input.respondents.length), value: list(input.respondents, lang) },
    { label: w.mediator, value: input.mediatorName },
  ];
}

/** One claim as the notice states it: 请求支付人民币捌拾万元整（¥800,000.00） / Payment of CNY 800,000.00. */
export function claimText(c: NoticeInput['claims'][number], lang: PdfLanguage): string {
  const money = c.amount && c.currency ? moneyInLegalText(c.amount, c.currency, lang) : null;
  const head = WORDS[lang].claim(term(CLAIM_KIND_TERMS, c.kind as ClaimKind, lang), money);
  return c.description ? `${head}${PUNCTUATION[lang].colon}${c.description}` : head;
}

/** The notice of mediation (调解通知书) served on each respondent, with the application's substance. Pure. */
export function noticeOfMediation(input: NoticeInput, lang: PdfLanguage): PdfDocumentSpec {
  const w = WORDS[lang].notice;
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const organisation = input.organisation ?? ISSUER[lang];
  return {
    documentId: input.documentId,
    authority: organisation,
    title: w.title,
    subtitle: w.subtitle(input.caseNumber),
    issuer: organisation === ISSUER[lang] ? undefined : ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [w.keyword, input.caseNumber],
    blocks: [
      { kind: 'paragraph', text: w.addressee(list(input.respondents, lang)), flush: true },
      { kind: 'paragraph', text: w.opening(list(input.applicants, lang), input.caseTitle, input.mediatorName) },
      { kind: 'fields', rows: caseHeadingRows(input, lang) },
      { kind: 'heading', text: w.headings.claims },
      {
        kind: 'paragraph',
        text:
          numberedLines(
            input.claims.map((c) => claimText(c, lang)),
            lang,
          ) || '—',
      },
      { kind: 'heading', text: w.headings.facts },
      { kind: 'paragraph', text: input.statement ?? '—' },
      { kind: 'heading', text: w.headings.answer },
      { kind: 'paragraph', text: w.answer(input.answerWorkingDays) },
      { kind: 'heading', text: w.headings.rights },
      { kind: 'paragraph', text: w.rights },
    ],
    closing: { signers: [{ role: '', name: organisation }], date: closingDate(input.issuedAt, lang, zone), seal: w.seal },
  };
}

export interface CertificateInput {
  certificateId: string;
  service: ServiceRecord;
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
  const w = WORDS[lang].certificate;
  const p = PUNCTUATION[lang];
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const s = input.service;
  const at = (d: Date | string | null | undefined): string => (d ? formatDateTime(new Date(d), lang, zone, { seconds: true }) : '—');
  const channel = (c: string): string => term(SERVICE_CHANNEL_TERMS, c, lang);
  // The in-app channel's address is an account, stored by its internal id: print whose inbox it is.
  const addressOf = (c: ChannelOutcome): string => {
    if (c.channel !== 'in_app') return c.address;
    return input.recipientAccount ? w.account(input.recipientAccount) : w.accountOf(s.recipientName);
  };
  const channelRows: PdfField[] = (s.delivered as ChannelOutcome[]).flatMap((c) => [
    { label: w.addressUsed(channel(c.channel)), value: `${addressOf(c)}${w.confirmed(c.confirmed)}` },
    { label: w.delivered(channel(c.channel)), value: c.deliveredAt ? at(c.deliveredAt) : w.notDelivered },
  ]);
  const offline = s.offlineAt
    ? [
        {
          label: w.offline,
          value: [term(SERVICE_METHOD_TERMS, s.offlineMethod, lang), s.offlineServedAt ? at(s.offlineServedAt) : '', s.offlineReason ?? ''].filter(Boolean).join(p.semicolon),
        },
      ]
    : [];
  const documentServed = input.documentKind ? p.aside(term(DOCUMENT_KIND_TERMS, input.documentKind, lang), input.documentName) : input.documentName;
  return {
    documentId: input.certificateId,
    title: w.title,
    subtitle: w.subtitle,
    issuer: ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [w.keyword, input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: WORDS[lang].caseNumber, value: input.caseNumber },
          { label: w.document, value: documentServed },
          { label: w.documentSha, value: s.documentSha256, code: true },
          { label: w.addressee, value: s.recipientName },
          { label: w.servedBy, value: ISSUER[lang] },
          { label: w.method, value: s.channels.length ? w.electronic(s.channels.map(channel).join(p.list)) : '—' },
        ],
      },
      { kind: 'heading', text: w.howServed },
      {
        kind: 'fields',
        rows: [
          { label: w.sent, value: at(s.sentAt) },
          ...channelRows,
          { label: w.read, value: s.readAt ? at(s.readAt) : w.notRead },
          // The reader's IP address and user agent stay in the service record: the certificate goes to the other side too.
          ...(s.readAt && s.readVia ? [{ label: w.readThrough, value: w.readVia[s.readVia] }] : []),
          ...(s.actedAt ? [{ label: w.actedUpon, value: at(s.actedAt) }] : []),
          ...offline,
          { label: w.effective, value: at(s.effectiveAt) },
          ...(s.effectiveChannel ? [{ label: w.through, value: channel(s.effectiveChannel) }] : []),
          { label: w.rule, value: s.effectiveRule ? term(EFFECTIVE_RULE_TERMS, s.effectiveRule, lang) : '—' },
        ],
      },
    ],
    attestation: {
      statement: w.statement,
      signatories: [{ role: w.servedBy, name: ISSUER[lang], signedAt: input.issuedAt }],
    },
  };
}
