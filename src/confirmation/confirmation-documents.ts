import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { ISSUER } from '../service-of-process/service-documents';
import { REJECTION_GROUND_LABELS, type RejectionGround } from './confirmation-rules';

/**
 * The documents of judicial confirmation, as data for renderPdf: the joint application (司法确认
 * 申请书, Interp. 353-354), the court's ruling (民事裁定书, CPL 206) and the institution's
 * attestation for enforcement abroad (Singapore Convention art. 4; docs/procedural-rules.md H33). Pure: the
 * services load everything and pass local dates as YYYY-MM-DD.
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
  /** "50000.00 CNY" or the act to perform. */
  what: string;
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

const sideLabel = (side: DocumentParty['side'], zh: boolean): string => (side === 'applicant' ? (zh ? '申请人' : 'Applicant') : zh ? '被申请人' : 'Respondent');

function partyFields(parties: readonly DocumentParty[], zh: boolean, withContacts: boolean): PdfField[] {
  return parties.flatMap((p, i) => {
    const label = `${zh ? '当事人' : 'Party'} ${i + 1}`;
    const id = p.idNumber ? `${p.idType ?? ''} ${p.idNumber}`.trim() : '—';
    return [
      { label, value: zh ? `${p.name}（${sideLabel(p.side, zh)}）` : `${p.name} (${sideLabel(p.side, zh)})` },
      { label: zh ? '　身份证明' : '  Identification', value: id, code: true },
      ...(p.legalRepresentative ? [{ label: zh ? '　法定代表人' : '  Legal representative', value: p.legalRepresentative }] : []),
      ...(p.address ? [{ label: zh ? '　住所' : '  Address', value: p.address }] : []),
      ...(withContacts ? [{ label: zh ? '　联系方式' : '  Contact', value: [p.phone, p.email].filter(Boolean).join(' · ') || '—' }] : []),
    ];
  });
}

function scheduleText(schedule: readonly ScheduleLine[], zh: boolean): string {
  if (schedule.length === 0) return '—';
  return schedule
    .map((l, i) => (zh ? `${i + 1}. ${l.obligor}于 ${l.lastDay} 前向${l.beneficiary}履行：${l.what}` : `${i + 1}. ${l.obligor} to ${l.beneficiary}: ${l.what}, by ${l.lastDay}`))
    .join('\n');
}

function agreementFields(a: AgreementFacts, zh: boolean): PdfField[] {
  return [
    { label: zh ? '协议版本' : 'Agreement version', value: String(a.version) },
    { label: zh ? '生效日期' : 'In effect since', value: a.effectiveOn },
    { label: zh ? `协议哈希（${a.hashAlgorithm}）` : `Agreement hash (${a.hashAlgorithm})`, value: a.hash, code: true },
    { label: zh ? '签署文本SHA-256' : 'Signed text SHA-256', value: a.signedDocumentSha256, code: true },
  ];
}

// ── The joint application (Interp. 353-354) ────────────────────────────────────────────────

export interface ApplicationDocumentInput {
  documentId: string;
  caseNumber: string;
  caseTitle: string;
  court: string;
  parties: readonly (DocumentParty & { consentedAt: string; consentedBy: string })[];
  mediator: { name: string; organisation?: string | null };
  agreement: AgreementFacts;
  materials: readonly { name: string; role: string; sha256: string }[];
  lodgedAt: Date;
}

const MATERIAL_ROLES: Record<string, [string, string]> = {
  signed_agreement: ['调解协议', 'the settlement agreement'],
  mediation_proof: ['调解组织主持调解的证明', 'proof the mediation was conducted'],
  identity: ['身份证明', 'proof of identity'],
  party_upload: ['当事人提交的材料', 'material a party submitted'],
  supplement: ['补充材料', 'supplementary material'],
};

export function confirmationApplicationDocument(input: ApplicationDocumentInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const names = input.parties.map((p) => p.name).join(zh ? '、' : ', ');
  const blocks: PdfBlock[] = [
    { kind: 'fields', rows: [{ label: zh ? '受理法院' : 'Court', value: input.court }, { label: zh ? '平台案号' : 'Platform case', value: input.caseNumber, code: true }, { label: zh ? '案由' : 'Case', value: input.caseTitle }] },
    { kind: 'heading', text: zh ? '申请人（全体当事人）' : 'Applicants (every party)' },
    { kind: 'fields', rows: partyFields(input.parties, zh, true) },
    { kind: 'heading', text: zh ? '请求事项' : 'Request' },
    {
      kind: 'paragraph',
      text: zh
        ? `请求人民法院确认申请人于 ${input.agreement.effectiveOn} 经调解达成的调解协议有效。`
        : `The applicants ask the court to confirm as valid the settlement agreement they reached through mediation, in effect since ${input.agreement.effectiveOn}.`,
    },
    { kind: 'heading', text: zh ? '事实与理由' : 'Facts and grounds' },
    {
      kind: 'paragraph',
      text: zh
        ? `${names}之间的纠纷，经${input.mediator.organisation ?? ISSUER[lang]}调解员${input.mediator.name}在线主持调解，各方自愿达成调解协议，并于 ${input.agreement.effectiveOn} 全部签署生效。协议内容如下：${input.agreement.result}`
        : `The dispute between ${names} was mediated online by ${input.mediator.name} of ${input.mediator.organisation ?? ISSUER[lang]}. The parties freely reached a settlement, which every party signed; it took effect on ${input.agreement.effectiveOn}. It provides: ${input.agreement.result}`,
    },
    { kind: 'paragraph', text: scheduleText(input.agreement.schedule, zh) },
    { kind: 'fields', rows: agreementFields(input.agreement, zh) },
    { kind: 'heading', text: zh ? '申请人承诺' : 'The applicants’ undertaking' },
    {
      kind: 'paragraph',
      text: zh
        ? '申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；协议不涉及物权、知识产权确权；如因虚假调解损害他人合法权益，愿承担相应的法律责任。'
        : 'The applicants reached the agreement freely, to settle their dispute, without collusion or evasion of the law; it does not confirm ownership of property or intellectual-property rights; they bear the legal consequences should the mediation be a sham that harms others.',
    },
    { kind: 'heading', text: zh ? '附送材料' : 'Materials' },
    {
      kind: 'fields',
      rows: input.materials.map((m) => {
        const role = (MATERIAL_ROLES[m.role] ?? [m.role, m.role])[zh ? 0 : 1];
        return { label: zh ? `${role}：${m.name}` : `${role}: ${m.name}`, value: m.sha256, code: true };
      }),
    },
  ];
  return {
    documentId: input.documentId,
    title: zh ? '司法确认申请书' : 'Joint Application for Judicial Confirmation',
    subtitle: input.caseNumber,
    issuer: ISSUER[lang],
    createdAt: input.lodgedAt,
    keywords: [zh ? '司法确认' : 'judicial confirmation', input.caseNumber],
    blocks,
    attestation: {
      statement: zh ? '全体当事人已在平台上在线同意共同提出本申请（《民事诉讼法》第二百零五条）。' : 'Every party consented online on the platform to make this application jointly (CPL art. 205).',
      signatories: input.parties.map((p) => ({ role: `${sideLabel(p.side, zh)} · ${p.consentedBy}`, name: p.name, signedAt: new Date(p.consentedAt) })),
    },
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
  lodgedOn: string;
  docketedOn: string;
  outcome: 'confirmed' | 'rejected';
  grounds?: readonly RejectionGround[];
  explanation?: string | null;
  judge: string;
  decidedAt: Date;
}

export function rulingDocument(input: RulingInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const names = input.parties.map((p) => p.name).join(zh ? '、' : ', ');
  const org = input.mediator.organisation ?? ISSUER[lang];
  const reviewed = zh
    ? `申请人${names}于 ${input.lodgedOn} 向本院申请司法确认其经${org}调解员${input.mediator.name}主持调解，于 ${input.agreement.effectiveOn} 达成的调解协议。本院于 ${input.docketedOn} 受理后依法进行了审查。调解协议的主要内容为：${input.agreement.result}`
    : `On ${input.lodgedOn} the applicants ${names} applied to this court to confirm the settlement agreement they reached on ${input.agreement.effectiveOn} in mediation conducted by ${input.mediator.name} of ${org}. The court docketed the application on ${input.docketedOn} and reviewed it according to law. The agreement provides: ${input.agreement.result}`;
  const confirmed = input.outcome === 'confirmed';
  const grounds = (input.grounds ?? []).map((g) => REJECTION_GROUND_LABELS[g][zh ? 'zh-CN' : 'en']);
  const explanation = input.explanation?.trim().replace(/[。.；;，,]+$/, '');
  const reasoning = confirmed
    ? zh
      ? '本院经审查认为，申请人达成的调解协议系各方自愿达成，内容不违反法律强制性规定，不损害国家利益、社会公共利益和他人合法权益，不违背公序良俗，符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：'
      : 'The court finds that the parties reached the agreement freely; it does not violate a mandatory provision of law, harm the interests of the State, the public or others, or offend public order and good morals, and it meets the conditions for confirmation. Under articles 205 and 206 of the Civil Procedure Law of the PRC, the court rules:'
    : zh
      ? `本院经审查认为，该调解协议存在下列情形：${grounds.join('；')}${explanation ? `（${explanation}）` : ''}，不符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零六条及最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第三百五十八条规定，裁定如下：`
      : `The court finds that the agreement is open to the following objections: ${grounds.join('; ')}${explanation ? ` (${explanation})` : ''}. It does not meet the conditions for confirmation. Under article 206 of the Civil Procedure Law and article 358 of the SPC Interpretation, the court rules:`;
  const ruling = confirmed
    ? zh
      ? `申请人${names}于 ${input.agreement.effectiveOn} 达成的调解协议有效。\n当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。`
      : `The settlement agreement the applicants ${names} reached on ${input.agreement.effectiveOn} is valid.\nThe parties shall perform their obligations under it. If a party refuses to perform or performs only in part, the other party may apply to the people's court for enforcement.`
    : zh
      ? '驳回申请人的司法确认申请。\n当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。'
      : 'The application for confirmation is rejected.\nThe parties may amend the agreement or reach a new one through mediation, or bring an action before the people’s court.';
  return {
    documentId: input.documentId,
    title: zh ? '民事裁定书' : 'Civil Ruling',
    subtitle: input.docketNumber,
    issuer: input.court,
    createdAt: input.decidedAt,
    keywords: [zh ? '司法确认' : 'judicial confirmation', input.docketNumber],
    blocks: [
      { kind: 'fields', rows: [{ label: zh ? '案号' : 'Case number', value: input.docketNumber }, ...partyFields(input.parties, zh, false)] },
      { kind: 'paragraph', text: reviewed },
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, zh) },
      { kind: 'paragraph', text: reasoning },
      { kind: 'paragraph', text: ruling },
      { kind: 'paragraph', text: zh ? '本裁定书自即日起发生法律效力。' : 'This ruling takes effect on the day it is made.' },
      { kind: 'fields', rows: agreementFields(input.agreement, zh) },
    ],
    attestation: { signatories: [{ role: zh ? '审判员' : 'Judge', name: input.judge, signedAt: input.decidedAt }] },
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
}

export function attestationDocument(input: AttestationInput, lang: PdfLanguage): PdfDocumentSpec {
  const zh = lang === 'zh-CN';
  const org = input.mediator.organisation ?? ISSUER[lang];
  return {
    documentId: input.documentId,
    title: zh ? '调解机构证明书' : 'Attestation of Mediated Settlement',
    subtitle: input.caseNumber,
    issuer: ISSUER[lang],
    createdAt: input.issuedAt,
    keywords: [zh ? '新加坡调解公约' : 'Singapore Convention', input.caseNumber],
    blocks: [
      { kind: 'fields', rows: [{ label: zh ? '平台案号' : 'Case number', value: input.caseNumber, code: true }, { label: zh ? '案由' : 'Dispute', value: input.caseTitle }] },
      { kind: 'heading', text: zh ? '当事人' : 'The parties' },
      { kind: 'fields', rows: partyFields(input.parties, zh, false) },
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
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, zh) },
      { kind: 'fields', rows: agreementFields(input.agreement, zh) },
      ...(input.confirmation
        ? [{ kind: 'paragraph' as const, text: zh ? `该协议已经${input.confirmation.court}以${input.confirmation.docketNumber}民事裁定书确认有效。` : `${input.confirmation.court} confirmed the agreement as valid by ruling ${input.confirmation.docketNumber}.` }]
        : []),
    ],
    attestation: {
      statement: zh
        ? `兹证明：上述和解协议系当事人经${org}调解员${input.mediator.name}主持调解达成，全体当事人及调解员已以可靠电子签名签署（《电子签名法》第十三条、第十四条），协议于签署完成时生效。本机构依据《联合国关于调解所产生的国际和解协议公约》（新加坡调解公约）第四条第一款出具本证明。协议文本可通过上列哈希值核验。`
        : `The institution attests that the settlement agreement above resulted from mediation conducted by ${input.mediator.name} of ${org}; that every party and the mediator signed it with reliable electronic signatures (PRC Electronic Signature Law arts. 13-14); and that it took effect when the last signature was made. This attestation is issued under article 4(1)(b) of the United Nations Convention on International Settlement Agreements Resulting from Mediation (Singapore Convention). The text can be verified against the hashes above.`,
      signatories: [
        { role: zh ? '调解员' : 'Mediator', name: input.mediator.name, signedAt: input.effectiveAt },
        { role: zh ? '调解机构' : 'Institution', name: org, signedAt: input.issuedAt },
      ],
    },
  };
}
