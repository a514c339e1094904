import { closingDate, formatDateTime, numberedLines, PUNCTUATION } from '../common/documents-i18n';
import type { PdfDocumentSpec, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { caseHeadingRows, ISSUER } from '../service-of-process/service-documents';
import { CostRaisingConduct, TERMINATION_REASON_LABELS, type TerminationReason } from './termination';

/** The conduct that raised the other side's costs (OMR 21), as the report names it. */
export const CONDUCT_LABELS: Readonly<Record<CostRaisingConduct, Record<PdfLanguage, string>>> = Object.freeze({
  [CostRaisingConduct.FailedToAttend]: { 'zh-CN': '无正当理由未参加调解', en: 'Failed to attend without good reason' },
  [CostRaisingConduct.DeliberateDelay]: { 'zh-CN': '恶意拖延调解', en: 'Deliberately delayed the mediation' },
  [CostRaisingConduct.FalseStatements]: { 'zh-CN': '就事实或证据作虚假陈述', en: 'Made false statements about facts or evidence' },
  [CostRaisingConduct.WithheldEvidence]: { 'zh-CN': '隐匿或迟延提交证据', en: 'Withheld evidence or produced it late' },
  [CostRaisingConduct.RenegedOnAgreedPoints]: { 'zh-CN': '反悔已达成一致的事项', en: 'Reneged on points already agreed' },
  [CostRaisingConduct.Other]: { 'zh-CN': '其他', en: 'Other' },
});

export type HandOff = 'court_registration' | 'back_to_trial' | 'none';

export interface FailureReportDocumentInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  disputeType?: string | null;
  applicants: readonly string[];
  respondents: readonly string[];
  mediatorName: string;
  /** The mediation organisation the mediator acts for; the platform when none. */
  organisation?: string | null;
  /** The referring court, for court referrals. */
  court: { name: string; referralNumber: string | null } | null;
  handOff: HandOff;
  mediationStartedAt: Date | null;
  endedAt: Date;
  reasons: readonly TerminationReason[];
  partiesConcerned: readonly { partyName: string; reason: TerminationReason }[];
  explanation: string;
  costRaisingConduct: readonly { partyName: string; kind: CostRaisingConduct; description: string }[];
  /** The mediator's name, or null when the platform wrote it (the period ran out, a party withdrew). */
  preparedBy: string | null;
  preparedAt: Date;
  timeZone: string;
}

const HAND_OFF: Record<HandOff, Record<PdfLanguage, string>> = {
  court_registration: {
    'zh-CN': '本案系诉前委派调解，调解不成，本终结书及案件材料移送委派法院依法登记立案。',
    en: 'The court referred this dispute before filing. Mediation failed: this notice and the case materials go to that court for registration (立案).',
  },
  back_to_trial: {
    'zh-CN': '本案系立案后委托调解，调解不成，本终结书及案件材料退回委托法院继续审理。',
    en: 'The court referred this case after filing. Mediation failed: this notice and the case materials go back to that court for trial.',
  },
  none: {
    'zh-CN': '本案系当事人直接申请调解，调解终结。当事人可依法通过诉讼等途径解决纠纷。',
    en: 'The parties applied to mediate directly. The mediation has ended; they may pursue the dispute by litigation or otherwise.',
  },
};

interface Words {
  title: string;
  subtitle: (caseNumber: string) => string;
  keyword: string;
  referringCourt: string;
  courtReference: string;
  started: string;
  ended: string;
  opening: (applicants: string, respondents: string, mediator: string) => string;
  headings: { reasons: string; explanation: string; conduct: string; next: string };
  conduct: (party: string, kind: string, description: string) => string;
  noConduct: string;
  confidentiality: string;
  mediator: string;
  issuedBy: string;
  seal: string;
}

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    title: '调解终结书',
    subtitle: (n) => `案号：${n}`,
    keyword: '调解终结',
    referringCourt: '委派／委托法院',
    courtReference: '法院编号',
    started: '调解开始',
    ended: '调解终结',
    opening: (a, r, m) => `${a}与${r}之间的纠纷，经调解员${m}主持调解，未能达成调解协议。依照《人民法院在线调解规则》第二十一条，本案调解终结。`,
    headings: { reasons: '一、终结原因', explanation: '二、情况说明', conduct: '三、增加对方当事人诉讼成本的行为', next: '四、后续处理' },
    conduct: (party, kind, description) => `${party}：${kind}。${description}`,
    noConduct: '无。',
    confidentiality: '调解过程中当事人为达成调解协议作出的让步、报价及其他调解内容依法保密，不载入本终结书，不得在其后的诉讼中作为对其不利的根据。',
    mediator: '调解员',
    issuedBy: '出具',
    seal: '（印章）',
  },
  en: {
    title: 'Notice of Termination of Mediation',
    subtitle: (n) => `Case number: ${n}`,
    keyword: 'mediation failed',
    referringCourt: 'Referring court',
    courtReference: 'Court reference',
    started: 'Mediation started',
    ended: 'Mediation ended',
    opening: (a, r, m) => `The dispute between ${a} and ${r} was mediated by ${m} without a settlement. Under article 21 of the Online Mediation Rules, the mediation has ended.`,
    headings: { reasons: '1. Why the mediation ended', explanation: '2. Explanation', conduct: '3. Conduct that raised the other side’s costs', next: '4. What happens next' },
    conduct: (party, kind, description) => `${party}: ${kind}. ${description}`,
    noConduct: 'None recorded.',
    confidentiality:
      'What the parties offered or conceded in order to settle, and the rest of the mediation’s content, is confidential: it is not in this notice and may not be used against them in later proceedings.',
    mediator: 'Mediator',
    issuedBy: 'Issued by',
    seal: '(seal)',
  },
};

/**
 * The notice of termination (调解终结书; docs/procedural-rules.md B8-B9; OMR 21, 25; 特邀 26):
 * why the mediation ended and any conduct that raised the other side's costs, for the parties
 * and, as the hand-off, the court. It takes nothing from the negotiation: no offer, figure or
 * message reaches it (settlement privilege, docs/procedural-rules.md B10). Pure.
 */
export function failureReportDocument(input: FailureReportDocumentInput, lang: PdfLanguage): PdfDocumentSpec {
  const w = WORDS[lang];
  const p = PUNCTUATION[lang];
  const when = (d: Date | null): string => (d ? formatDateTime(d, lang, input.timeZone) : '—');
  const organisation = input.organisation ?? ISSUER[lang];
  const reasonLines = input.reasons.map((r) => {
    const concerned = input.partiesConcerned.filter((c) => c.reason === r).map((c) => c.partyName);
    return concerned.length ? p.aside(TERMINATION_REASON_LABELS[r][lang], concerned.join(p.list)) : TERMINATION_REASON_LABELS[r][lang];
  });
  const conduct = input.costRaisingConduct.length
    ? numberedLines(
        input.costRaisingConduct.map((c) => w.conduct(c.partyName, CONDUCT_LABELS[c.kind][lang], c.description)),
        lang,
      )
    : w.noConduct;
  return {
    documentId: input.documentId,
    authority: organisation,
    title: w.title,
    subtitle: w.subtitle(input.caseNumber),
    createdAt: input.preparedAt,
    keywords: [w.keyword, input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          ...caseHeadingRows(input, lang),
          ...(input.court
            ? [
                { label: w.referringCourt, value: input.court.name },
                { label: w.courtReference, value: input.court.referralNumber ?? '—', code: true },
              ]
            : []),
          { label: w.started, value: when(input.mediationStartedAt) },
          { label: w.ended, value: when(input.endedAt) },
        ],
      },
      { kind: 'paragraph', text: w.opening(input.applicants.join(p.list), input.respondents.join(p.list), input.mediatorName) },
      { kind: 'heading', text: w.headings.reasons },
      { kind: 'paragraph', text: numberedLines(reasonLines, lang) },
      { kind: 'heading', text: w.headings.explanation },
      { kind: 'paragraph', text: input.explanation },
      { kind: 'heading', text: w.headings.conduct },
      { kind: 'paragraph', text: conduct },
      { kind: 'heading', text: w.headings.next },
      { kind: 'paragraph', text: HAND_OFF[input.handOff][lang] },
      { kind: 'paragraph', text: w.confidentiality },
    ],
    attestation: {
      signatories: [
        input.preparedBy ? { role: w.mediator, name: input.preparedBy, signedAt: input.preparedAt } : { role: w.issuedBy, name: ISSUER[lang], signedAt: input.preparedAt },
      ],
    },
    closing: { signers: [{ role: '', name: organisation }], date: closingDate(input.preparedAt, lang, input.timeZone), seal: w.seal },
  };
}
