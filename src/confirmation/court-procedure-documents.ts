import { closingDate, formatDate, formatDateTime, PUNCTUATION } from '../common/documents-i18n';
import { DEFAULT_TIME_ZONE } from '../infrastructure/calendar/working-day-calendar';
import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';

/**
 * The court's summons to attend (Interp. 356; docs/procedural-rules.md D21) and an objection to the ruling
 * (Interp. 372; D23), as data for renderPdf. Pure: the actions load the facts and pass local dates as YYYY-MM-DD.
 */

export interface SummonsInput {
  documentId: string;
  court: string;
  docketNumber: string;
  caseNumber: string;
  /** The parties summoned, by name. */
  parties: readonly string[];
  attendAt: Date;
  place: string | null;
  videoLink: string | null;
  note: string | null;
  /** Who issued it: the clerk or judge, by name. */
  issuedBy: string;
  issuerIsJudge: boolean;
  issuedAt: Date;
  timeZone?: string;
}

const SUMMONS = {
  'zh-CN': {
    title: '到场通知书',
    keyword: '司法确认 到场通知',
    addressee: (names: string) => `${names}：`,
    body: (caseNumber: string) =>
      `本院受理的你们申请司法确认调解协议一案（调解案件编号 ${caseNumber}），根据《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十六条，本院通知双方当事人按下列时间、地点或者方式到场，接受询问，核实有关情况。`,
    consequence: '当事人无正当理由拒不接受询问的，本院可以按撤回司法确认申请处理。',
    attendAt: '到场时间',
    place: '地点',
    videoLink: '视频方式（链接）',
    note: '其他事项',
    judge: '审判员',
    clerk: '书记员',
    seal: '（院印）',
  },
  en: {
    title: 'Summons to Attend',
    keyword: 'judicial confirmation summons',
    addressee: (names: string) => `To: ${names}`,
    body: (caseNumber: string) =>
      `In the application for judicial confirmation of your mediation agreement before this court (mediation case ${caseNumber}), under article 356 of the Supreme People’s Court Interpretation of the Civil Procedure Law this court summons both parties to attend at the time and place, or by the means, below, to be questioned and to verify the facts.`,
    consequence: 'A party who refuses to be questioned without good reason may be treated as having withdrawn the application.',
    attendAt: 'Time',
    place: 'Place',
    videoLink: 'By video (link)',
    note: 'Other matters',
    judge: 'Judge',
    clerk: 'Clerk',
    seal: '(Court seal)',
  },
} as const;

export function summonsDocument(input: SummonsInput, lang: PdfLanguage): PdfDocumentSpec {
  const w = SUMMONS[lang];
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const rows: PdfField[] = [
    { label: w.attendAt, value: formatDateTime(input.attendAt, lang, zone) },
    ...(input.place ? [{ label: w.place, value: input.place }] : []),
    ...(input.videoLink ? [{ label: w.videoLink, value: input.videoLink, code: true }] : []),
    ...(input.note ? [{ label: w.note, value: input.note }] : []),
  ];
  return {
    documentId: input.documentId,
    authority: input.court,
    title: w.title,
    subtitle: input.docketNumber,
    createdAt: input.issuedAt,
    keywords: [w.keyword, input.docketNumber],
    blocks: [
      { kind: 'paragraph', text: w.addressee(input.parties.join(PUNCTUATION[lang].list)), flush: true },
      { kind: 'paragraph', text: w.body(input.caseNumber) },
      { kind: 'fields', rows },
      { kind: 'paragraph', text: w.consequence },
    ],
    closing: {
      signers: [{ role: input.issuerIsJudge ? w.judge : w.clerk, name: input.issuedBy }],
      date: closingDate(input.issuedAt, lang, zone),
      seal: w.seal,
    },
  };
}

export interface ObjectionInput {
  documentId: string;
  court: string;
  docketNumber: string;
  caseNumber: string;
  kind: 'party' | 'third_party';
  objector: string;
  /** Who filed it, when not the objector itself (an agent). */
  filedBy: string;
  /** A third party's stated interest and the local day it knew of the harm. */
  interest: string | null;
  knewOn: string | null;
  text: string;
  /** Filenames of the documents a party attached. */
  attachments: readonly string[];
  rulingOn: string;
  windowLastDay: string;
  filedAt: Date;
  timeZone?: string;
}

const OBJECTION = {
  'zh-CN': {
    title: '异议申请书',
    keyword: '司法确认 异议',
    objector: '异议人',
    party: '当事人',
    thirdParty: '利害关系人',
    filedBy: '提交人',
    ruling: '所异议的裁定',
    rulingValue: (docket: string, on: string) => `${docket}（${on}作出）`,
    interest: '与本案的利害关系',
    knewOn: '知道或者应当知道民事权益受到侵害之日',
    windowLastDay: '异议期限最后一日',
    attachments: '所附材料',
    request: '异议请求及理由：',
    addressee: (court: string) => `此致\n${court}`,
    filedAt: '提交时间',
  },
  en: {
    title: 'Objection to a Ruling on Judicial Confirmation',
    keyword: 'judicial confirmation objection',
    objector: 'Objector',
    party: 'party',
    thirdParty: 'interested third party',
    filedBy: 'Filed by',
    ruling: 'Ruling objected to',
    rulingValue: (docket: string, on: string) => `${docket} (made on ${on})`,
    interest: 'Interest in the case',
    knewOn: 'Knew, or should have known, of the harm on',
    windowLastDay: 'Last day to object',
    attachments: 'Attached',
    request: 'What the objector asks, and why:',
    addressee: (court: string) => `To: ${court}`,
    filedAt: 'Filed at',
  },
} as const;

export function objectionDocument(input: ObjectionInput, lang: PdfLanguage): PdfDocumentSpec {
  const w = OBJECTION[lang];
  const p = PUNCTUATION[lang];
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const d = (day: string): string => formatDate(day, lang, zone);
  const rows: PdfField[] = [
    { label: w.objector, value: p.aside(input.objector, input.kind === 'party' ? w.party : w.thirdParty) },
    ...(input.filedBy !== input.objector ? [{ label: w.filedBy, value: input.filedBy }] : []),
    { label: w.ruling, value: w.rulingValue(input.docketNumber, d(input.rulingOn)) },
    ...(input.interest ? [{ label: w.interest, value: input.interest }] : []),
    ...(input.knewOn ? [{ label: w.knewOn, value: d(input.knewOn) }] : []),
    { label: w.windowLastDay, value: d(input.windowLastDay) },
    ...(input.attachments.length ? [{ label: w.attachments, value: input.attachments.join(p.list) }] : []),
    { label: w.filedAt, value: formatDateTime(input.filedAt, lang, zone, { seconds: true }) },
  ];
  const blocks: PdfBlock[] = [
    { kind: 'fields', rows },
    { kind: 'heading', text: w.request },
    ...input.text
      .split(/\n\s*\n/)
      .map((para) => para.trim())
      .filter(Boolean)
      .map((text): PdfBlock => ({ kind: 'paragraph', text })),
    { kind: 'paragraph', text: w.addressee(input.court), flush: true },
  ];
  return {
    documentId: input.documentId,
    title: w.title,
    subtitle: input.caseNumber,
    createdAt: input.filedAt,
    keywords: [w.keyword, input.docketNumber],
    blocks,
    closing: { signers: [{ role: w.objector, name: input.objector }], date: closingDate(input.filedAt, lang, zone) },
  };
}
