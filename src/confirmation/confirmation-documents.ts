import {
  closingDate,
  formatDate,
  HASH_ALGORITHM_TERMS,
  ID_TYPE_TERMS,
  MATERIAL_ROLE_TERMS,
  moneyInLegalText,
  partyHeadings,
  SIDE_TERMS,
  term,
} from '../common/documents-i18n';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { DEFAULT_TIME_ZONE } from '../deadlines/working-day-calendar';
import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { ISSUER } from '../service-of-process/service-documents';
import { REJECTION_GROUND_LABELS, type RejectionGround } from './confirmation-rules';

/**
 * The documents of judicial confirmation, as data for renderPdf: the joint application (司法确认
 * 申请书, Interp. 353-354), the court's ruling (民事裁定书, CPL 206) and the institution's
 * attestation for enforcement abroad (Singapore Convention art. 4; docs/procedural-rules.md H33).
 * The application and the ruling follow the courts' own models: parties stated one by one with
 * identity, address and legal representative; request, facts and grounds; the ruling's closing
 * block of judge, date in Chinese numerals, the court's seal and the clerk. Pure: the services
 * load everything and pass local dates as YYYY-MM-DD.
 */

export interface DocumentParty {
  name: string;
  side: 'applicant' | 'respondent';
  kind: 'person' | 'organisation';
  idType?: string | null;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  legalRepresentative?: string | null;
}

/** One line of the performance schedule, already resolved to its last day. */
export interface ScheduleLine {
  obligor: string;
  beneficiary: string;
  /** A payment (an instalment when numbered)… */
  money?: { amount: string; currency: string; instalment?: number } | null;
  /** …or the act to perform. */
  act?: string | null;
  /** Local date, YYYY-MM-DD. */
  lastDay: string;
}

export interface AgreementFacts {
  version: number;
  hashAlgorithm: string;
  hash: string;
  /** Local date it took effect (the last signature). */
  effectiveOn: string;
  /** SHA-256 of the signed agreement as served. */
  signedDocumentSha256: string;
  result: string;
  schedule: ScheduleLine[];
}

const sep = (lang: PdfLanguage): string => (lang === 'zh-CN' ? '、' : ', ');

/** A party as court documents state it: 申请人：名称，住所：…。统一社会信用代码：…。 */
function partyParagraph(p: DocumentParty, heading: string, lang: PdfLanguage, withContacts: boolean): string {
  const zh = lang === 'zh-CN';
  const id = p.idNumber ? `${term(ID_TYPE_TERMS, p.idType, lang)}${zh ? '：' : ': '}${p.idNumber}` : null;
  const contacts = withContacts ? [p.phone, p.email].filter(Boolean).join(zh ? '，' : ', ') : '';
  if (zh) {
    const first = [`${heading}：${p.name}`, p.address ? `住所：${p.address}` : null, id].filter(Boolean).join('，');
    const lines = [`${first}。`];
    if (p.legalRepresentative) lines.push(`法定代表人：${p.legalRepresentative}。`);
    if (contacts) lines.push(`联系方式：${contacts}。`);
    return lines.join('\n');
  }
  const first = [`${heading}: ${p.name}`, p.address ? `address: ${p.address}` : null, id].filter(Boolean).join('; ');
  const lines = [`${first}.`];
  if (p.legalRepresentative) lines.push(`Legal representative: ${p.legalRepresentative}.`);
  if (contacts) lines.push(`Contact: ${contacts}.`);
  return lines.join('\n');
}

function partyBlocks(parties: readonly DocumentParty[], lang: PdfLanguage, withContacts: boolean, headings = partyHeadings(parties, lang)): PdfBlock[] {
  return parties.map((p, i) => ({ kind: 'paragraph' as const, text: partyParagraph(p, headings[i], lang, withContacts) }));
}

function scheduleText(schedule: readonly ScheduleLine[], lang: PdfLanguage, zone: string): string {
  const zh = lang === 'zh-CN';
  if (schedule.length === 0) return '—';
  return schedule
    .map((l, i) => {
      const day = formatDate(l.lastDay, lang, zone);
      const instalment = l.money?.instalment ? (zh ? `（第 ${l.money.instalment} 期）` : ` (instalment ${l.money.instalment})`) : '';
      if (l.money) {
        const amount = moneyInLegalText(l.money.amount, l.money.currency, lang);
        return zh ? `${i + 1}．${l.obligor}于${day}前向${l.beneficiary}支付${amount}${instalment}；` : `${i + 1}. ${l.obligor} pays ${l.beneficiary} ${amount}${instalment} by ${day};`;
      }
      return zh ? `${i + 1}．${l.obligor}于${day}前${l.act ?? ''}（向${l.beneficiary}履行）；` : `${i + 1}. ${l.obligor}, by ${day}: ${l.act ?? ''} (owed to ${l.beneficiary});`;
    })
    .join('\n')
    .replace(/[；;]$/, zh ? '。' : '.');
}

function agreementFields(a: AgreementFacts, lang: PdfLanguage, zone: string): PdfField[] {
  const zh = lang === 'zh-CN';
  const alg = term(HASH_ALGORITHM_TERMS, a.hashAlgorithm as HashAlgorithm, lang);
  return [
    { label: zh ? '协议版本' : 'Agreement version', value: zh ? `第 ${a.version} 版` : `Version ${a.version}` },
    { label: zh ? '生效日期' : 'In effect since', value: formatDate(a.effectiveOn, lang, zone) },
    { label: zh ? `协议哈希（${alg}）` : `Agreement hash (${alg})`, value: a.hash, code: true },
    { label: zh ? '签署文本 SHA-256' : 'Signed text SHA-256', value: a.signedDocumentSha256, code: true },
  ];
}

// ── The joint application (Interp. 353-354) ────────────────────────────────────────────────

export interface ApplicationDocumentInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  court: string;
  /** consentedAt: when the party consented online; consentedBy: the person who did, by name. */
  parties: readonly (DocumentParty & { consentedAt: string | Date; consentedBy: string })[];
  mediator: { name: string; organisation?: string | null };
  agreement: AgreementFacts;
  materials: readonly { name: string; role: string; sha256: string }[];
  lodgedAt: Date;
  timeZone?: string;
}

export function confirmationApplicationDocument(input: ApplicationDocumentInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const names = input.parties.map((p) => p.name).join(sep(lang));
  const effective = formatDate(input.agreement.effectiveOn, lang, zone);
  const org = input.mediator.organisation ?? ISSUER[lang];
  // Every party applies jointly (CPL 205): each is an applicant here, numbered in its order.
  const headings = input.parties.map((p, i) => (input.parties.length > 1 ? (zh ? `申请人${i + 1}` : `Applicant ${i + 1}`) : SIDE_TERMS.applicant[lang]));
  const blocks: PdfBlock[] = [
    { kind: 'fields', rows: [{ label: zh ? '平台案号' : 'Platform case number', value: input.caseNumber }, { label: zh ? '案由' : 'Matter', value: input.caseTitle }] },
    ...partyBlocks(input.parties, lang, true, headings),
    { kind: 'heading', text: zh ? '请求事项' : 'Request' },
    {
      kind: 'paragraph',
      text: zh
        ? `请求确认申请人于${effective}经${org}调解员${input.mediator.name}主持调解达成的调解协议有效。`
        : `To confirm as valid the settlement agreement the applicants reached on ${effective} in mediation conducted by ${input.mediator.name} of ${org}.`,
    },
    { kind: 'heading', text: zh ? '事实和理由' : 'Facts and grounds' },
    {
      kind: 'paragraph',
      text: zh
        ? `${names}之间的纠纷（${input.caseTitle}），经${org}调解员${input.mediator.name}在线主持调解，各方自愿达成调解协议，于${effective}全部签署生效。协议主要内容如下：${input.agreement.result}`
        : `The dispute between ${names} (${input.caseTitle}) was mediated online by ${input.mediator.name} of ${org}. The parties freely reached a settlement, which every party signed; it took effect on ${effective}. It provides: ${input.agreement.result}`,
    },
    { kind: 'paragraph', text: zh ? `履行方式和期限：\n${scheduleText(input.agreement.schedule, lang, zone)}` : `Performance:\n${scheduleText(input.agreement.schedule, lang, zone)}` },
    { kind: 'fields', rows: agreementFields(input.agreement, lang, zone) },
    { kind: 'heading', text: zh ? '申请人承诺' : 'The applicants’ undertaking' },
    {
      kind: 'paragraph',
      text: zh
        ? '申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；协议不涉及物权、知识产权确权；如因虚假调解损害他人合法权益，愿承担相应的法律责任。'
        : 'The applicants reached the agreement freely, to settle their dispute, without collusion or evasion of the law; it does not confirm ownership of property or intellectual-property rights; they bear the legal consequences should the mediation be a sham that harms others.',
    },
    ...(zh ? [{ kind: 'paragraph' as const, text: '此致' }, { kind: 'paragraph' as const, text: input.court, flush: true }] : [{ kind: 'paragraph' as const, text: `To ${input.court}`, flush: true }]),
    { kind: 'heading', text: zh ? '附：' : 'Enclosed' },
    {
      kind: 'fields',
      rows: input.materials.map((m, i) => ({ label: `${i + 1}${zh ? '．' : '. '}${term(MATERIAL_ROLE_TERMS, m.role, lang)}`, value: `${m.name}\nSHA-256 ${m.sha256}`, code: true })),
    },
  ];
  return {
    documentId: input.documentId,
    title: zh ? '司法确认申请书' : 'Joint Application for Judicial Confirmation',
    issuer: ISSUER[lang],
    createdAt: input.lodgedAt,
    keywords: [zh ? '司法确认' : 'judicial confirmation', input.caseNumber],
    blocks,
    attestation: {
      statement: zh ? '全体申请人已在平台上经实名认证在线同意共同提出本申请（《中华人民共和国民事诉讼法》第二百零五条）。' : 'Every applicant, identity verified, consented online on the platform to make this application jointly (CPL art. 205).',
      signatories: input.parties.map((p, i) => ({
        role: zh ? `${headings[i]} ${p.name}` : `${headings[i]}, ${p.name}`,
        name: p.consentedBy === p.name ? p.name : zh ? `${p.consentedBy}（代表签署）` : `${p.consentedBy} (signing for it)`,
        signedAt: new Date(p.consentedAt),
      })),
    },
    closing: { signers: [], date: closingDate(input.lodgedAt, lang, zone) },
  };
}

// ── The ruling (CPL 206; Interp. 358) ──────────────────────────────────────────────────────

export interface RulingInput {
  documentId: string;
  court: string;
  docketNumber: string;
  parties: readonly DocumentParty[];
  mediator: { name: string; organisation?: string | null };
  agreement: AgreementFacts;
  /** Local dates, YYYY-MM-DD. */
  lodgedOn: string;
  docketedOn: string;
  outcome: 'confirmed' | 'rejected';
  grounds?: readonly RejectionGround[];
  explanation?: string | null;
  judge: string;
  /** The clerk who docketed the application; the line is left blank without one. */
  clerk?: string | null;
  decidedAt: Date;
  timeZone?: string;
}

export function rulingDocument(input: RulingInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const names = input.parties.map((p) => p.name).join(sep(lang));
  const org = input.mediator.organisation ?? ISSUER[lang];
  const d = (day: string): string => formatDate(day, lang, zone);
  // Every party applied jointly: the ruling calls each an applicant (申请人), numbered when several.
  const headings = input.parties.map((p, i) => (input.parties.length > 1 ? (zh ? `申请人${i + 1}` : `Applicant ${i + 1}`) : SIDE_TERMS.applicant[lang]));
  const alg = term(HASH_ALGORITHM_TERMS, input.agreement.hashAlgorithm as HashAlgorithm, lang);
  const reviewed = zh
    ? `申请人${names}于${d(input.lodgedOn)}向本院申请司法确认调解协议。本院于${d(input.docketedOn)}立案后依法进行了审查，现已审查终结。`
    : `On ${d(input.lodgedOn)} the applicants ${names} applied to this court to confirm their settlement agreement. The court docketed the application on ${d(input.docketedOn)} and has reviewed it according to law.`;
  const agreed = zh
    ? `申请人于${d(input.agreement.effectiveOn)}经${org}调解员${input.mediator.name}主持调解，达成了如下调解协议：${input.agreement.result}`
    : `On ${d(input.agreement.effectiveOn)}, in mediation conducted by ${input.mediator.name} of ${org}, the applicants reached the following settlement agreement: ${input.agreement.result}`;
  const identified = zh
    ? `（调解协议第 ${input.agreement.version} 版，${alg} 哈希值 ${input.agreement.hash}。）`
    : `(Version ${input.agreement.version} of the agreement; ${alg} hash ${input.agreement.hash}.)`;
  const confirmed = input.outcome === 'confirmed';
  const grounds = (input.grounds ?? []).map((g) => REJECTION_GROUND_LABELS[g][lang]);
  const explanation = input.explanation?.trim().replace(/[。.；;，,]+$/, '');
  const reasoning = confirmed
    ? zh
      ? '本院经审查认为，申请人达成的调解协议系各方自愿达成，内容不违反法律强制性规定，不损害国家利益、社会公共利益和他人合法权益，不违背公序良俗，符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：'
      : 'The court finds that the parties reached the agreement freely; it does not violate a mandatory provision of law, harm the interests of the State, the public or others, or offend public order and good morals, and it meets the conditions for confirmation. Under articles 205 and 206 of the Civil Procedure Law of the PRC, the court rules:'
    : zh
      ? `本院经审查认为，该调解协议存在下列情形：${grounds.join('；')}${explanation ? `（${explanation}）` : ''}，不符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零六条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十八条规定，裁定如下：`
      : `The court finds that the agreement is open to the following objections: ${grounds.join('; ')}${explanation ? ` (${explanation})` : ''}. It does not meet the conditions for confirmation. Under article 206 of the Civil Procedure Law and article 358 of the SPC Interpretation of the Civil Procedure Law, the court rules:`;
  const ruling = confirmed
    ? zh
      ? `申请人${names}于${d(input.agreement.effectiveOn)}经${org}主持调解达成的调解协议有效。\n当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。`
      : `The settlement agreement the applicants ${names} reached on ${d(input.agreement.effectiveOn)} in mediation conducted by ${org} is valid.\nThe parties shall perform their obligations under it. If a party refuses to perform or performs only in part, the other party may apply to the people’s court for enforcement.`
    : zh
      ? '驳回申请人的司法确认申请。\n当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。'
      : 'The application for confirmation is rejected.\nThe parties may amend the agreement or reach a new one through mediation, or bring an action before the people’s court.';
  return {
    documentId: input.documentId,
    authority: input.court,
    title: zh ? '民事裁定书' : 'Civil Ruling',
    subtitle: input.docketNumber,
    createdAt: input.decidedAt,
    keywords: [zh ? '司法确认' : 'judicial confirmation', input.docketNumber],
    blocks: [
      ...partyBlocks(input.parties, lang, false, headings),
      { kind: 'paragraph', text: reviewed },
      { kind: 'paragraph', text: agreed },
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, lang, zone) },
      { kind: 'note', text: identified },
      { kind: 'paragraph', text: reasoning },
      { kind: 'paragraph', text: ruling },
      { kind: 'paragraph', text: zh ? '本裁定书自即日起发生法律效力。' : 'This ruling takes effect on the day it is made.' },
    ],
    closing: {
      signers: [{ role: zh ? '审判员' : 'Judge', name: input.judge }],
      date: closingDate(input.decidedAt, lang, zone),
      seal: zh ? '（院印）' : '(seal of the court)',
      after: [{ role: zh ? '书记员' : 'Clerk', name: input.clerk ?? '　　　　' }],
    },
  };
}

// ── Institution attestation (Singapore Convention art. 4(1)(b); docs/procedural-rules.md H33) ───

export interface AttestationInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  parties: readonly DocumentParty[];
  mediator: { name: string; organisation?: string | null };
  agreement: AgreementFacts;
  /** The agreement took effect when the last party signed (docs/procedural-rules.md C12). */
  effectiveAt: Date;
  issuedAt: Date;
  confirmation?: { court: string; docketNumber: string } | null;
  timeZone?: string;
}

export function attestationDocument(input: AttestationInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const org = input.mediator.organisation ?? ISSUER[lang];
  return {
    documentId: input.documentId,
    authority: org,
    title: zh ? '调解机构证明书' : 'Attestation of Mediated Settlement',
    subtitle: zh ? `案号：${input.caseNumber}` : `Case number: ${input.caseNumber}`,
    createdAt: input.issuedAt,
    keywords: [zh ? '新加坡调解公约' : 'Singapore Convention', input.caseNumber],
    blocks: [
      { kind: 'fields', rows: [{ label: zh ? '平台案号' : 'Case number', value: input.caseNumber }, { label: zh ? '案由' : 'Dispute', value: input.caseTitle }] },
      { kind: 'heading', text: zh ? '当事人' : 'The parties' },
      ...partyBlocks(input.parties, lang, false),
      { kind: 'heading', text: zh ? '调解' : 'The mediation' },
      {
        kind: 'fields',
        rows: [
          { label: zh ? '调解员' : 'Mediator', value: input.mediator.name },
          { label: zh ? '调解机构' : 'Institution', value: org },
        ],
      },
      { kind: 'heading', text: zh ? '和解协议' : 'The settlement agreement' },
      { kind: 'paragraph', text: input.agreement.result },
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, lang, zone) },
      { kind: 'fields', rows: agreementFields(input.agreement, lang, zone) },
      ...(input.confirmation
        ? [{ kind: 'paragraph' as const, text: zh ? `该协议已经${input.confirmation.court}以${input.confirmation.docketNumber}民事裁定书确认有效。` : `${input.confirmation.court} confirmed the agreement as valid by ruling ${input.confirmation.docketNumber}.` }]
        : []),
    ],
    attestation: {
      statement: zh
        ? `兹证明：上述和解协议系当事人经${org}调解员${input.mediator.name}主持调解达成，全体当事人及调解员已以可靠电子签名签署（《中华人民共和国电子签名法》第十三条、第十四条），协议于签署完成时生效。本机构依据《联合国关于调解所产生的国际和解协议公约》（新加坡调解公约）第四条第一款出具本证明。协议文本可通过上列哈希值核验。`
        : `The institution attests that the settlement agreement above resulted from mediation conducted by ${input.mediator.name} of ${org}; that every party and the mediator signed it with reliable electronic signatures (PRC Electronic Signature Law arts. 13-14); and that it took effect when the last signature was made. This attestation is issued under article 4(1)(b) of the United Nations Convention on International Settlement Agreements Resulting from Mediation (Singapore Convention). The text can be verified against the hashes above.`,
      signatories: [
        { role: zh ? '调解员' : 'Mediator', name: input.mediator.name, signedAt: input.effectiveAt },
        { role: zh ? '调解机构' : 'Institution', name: org, signedAt: input.issuedAt },
      ],
    },
    closing: { signers: [{ role: '', name: org }], date: closingDate(input.issuedAt, lang, zone), seal: zh ? '（印章）' : '(seal)' },
  };
}
