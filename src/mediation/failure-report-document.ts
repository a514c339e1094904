import { closingDate, formatDateTime } from '../common/documents-i18n';
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

/**
 * The failure report (docs/procedural-rules.md B8-B9; OMR 21, 25; 特邀 26): why the mediation ended and any
 * conduct that raised the other side's costs, for the parties and, as the hand-off, the court.
 * It takes nothing from the negotiation: no offer, figure or message reaches it (settlement
 * privilege, docs/procedural-rules.md B10). Pure.
 */
export function failureReportDocument(input: FailureReportDocumentInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const when = (d: Date | null): string => (d ? formatDateTime(d, lang, input.timeZone) : '—');
  const organisation = input.organisation ?? ISSUER[lang];
  const reasonLines = input.reasons.map((r) => {
    const concerned = input.partiesConcerned.filter((c) => c.reason === r).map((c) => c.partyName);
    return `${TERMINATION_REASON_LABELS[r][lang]}${concerned.length ? (zh ? `（${concerned.join('、')}）` : ` (${concerned.join(', ')})`) : ''}`;
  });
  const conduct = input.costRaisingConduct.length
    ? input.costRaisingConduct.map((c, i) => (zh ? `${i + 1}．${c.partyName}：${CONDUCT_LABELS[c.kind][lang]}。${c.description}` : `${i + 1}. ${c.partyName}: ${CONDUCT_LABELS[c.kind][lang]}. ${c.description}`)).join('\n')
    : zh
      ? '无。'
      : 'None recorded.';
  return {
    documentId: input.documentId,
    authority: organisation,
    title: zh ? '调解终结书' : 'Notice of Termination of Mediation',
    subtitle: zh ? `案号：${input.caseNumber}` : `Case number: ${input.caseNumber}`,
    createdAt: input.preparedAt,
    keywords: [zh ? '调解终结' : 'mediation failed', input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          ...caseHeadingRows(input, lang),
          ...(input.court
            ? [
                { label: zh ? '委派/委托法院' : 'Referring court', value: input.court.name },
                { label: zh ? '法院编号' : 'Court reference', value: input.court.referralNumber ?? '—', code: true },
              ]
            : []),
          { label: zh ? '调解开始' : 'Mediation started', value: when(input.mediationStartedAt) },
          { label: zh ? '调解终结' : 'Mediation ended', value: when(input.endedAt) },
        ],
      },
      {
        kind: 'paragraph',
        text: zh
          ? `${input.applicants.join('、')}与${input.respondents.join('、')}之间的纠纷，经调解员${input.mediatorName}主持调解，未能达成调解协议。依照《人民法院在线调解规则》第二十一条，本案调解终结。`
          : `The dispute between ${input.applicants.join(', ')} and ${input.respondents.join(', ')} was mediated by ${input.mediatorName} without a settlement. Under article 21 of the Online Mediation Rules, the mediation has ended.`,
      },
      { kind: 'heading', text: zh ? '一、终结原因' : '1. Why the mediation ended' },
      { kind: 'paragraph', text: reasonLines.map((r, i) => `${i + 1}${zh ? '．' : '. '}${r}`).join('\n') },
      { kind: 'heading', text: zh ? '二、情况说明' : '2. Explanation' },
      { kind: 'paragraph', text: input.explanation },
      { kind: 'heading', text: zh ? '三、增加对方当事人诉讼成本的行为' : '3. Conduct that raised the other side’s costs' },
      { kind: 'paragraph', text: conduct },
      { kind: 'heading', text: zh ? '四、后续处理' : '4. What happens next' },
      { kind: 'paragraph', text: HAND_OFF[input.handOff][lang] },
      {
        kind: 'paragraph',
        text: zh
          ? '调解过程中当事人为达成调解协议作出的让步、报价及其他调解内容依法保密，不载入本终结书，不得在其后的诉讼中作为对其不利的根据。'
          : 'What the parties offered or conceded in order to settle, and the rest of the mediation’s content, is confidential: it is not in this notice and may not be used against them in later proceedings.',
      },
    ],
    attestation: {
      signatories: [
        input.preparedBy
          ? { role: zh ? '调解员' : 'Mediator', name: input.preparedBy, signedAt: input.preparedAt }
          : { role: zh ? '出具' : 'Issued by', name: ISSUER[lang], signedAt: input.preparedAt },
      ],
    },
    closing: { signers: [{ role: '', name: organisation }], date: closingDate(input.preparedAt, lang, input.timeZone), seal: zh ? '（印章）' : '(seal)' },
  };
}
