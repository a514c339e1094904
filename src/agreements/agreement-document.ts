import { PartySide } from '../cases/entities/case-party.entity';
import type { Due } from '../mediation/settlement-terms';
import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage, PdfSignatory } from '../infrastructure/pdf/pdf-document.model';
import { ISSUER } from '../service-of-process/service-documents';
import type { AgreementParty, Obligation, SettlementAgreementContent } from './agreement-model';
import { SignerRole } from './signatures';

/**
 * The settlement agreement (调解协议书) as a document, in the agreement's own language. Pure.
 * `agreementDocument` is the frozen version put up for signature; `signedAgreementDocument` is
 * the same text followed by the signature page (who signed, in what capacity, when, how the
 * signer was authenticated, and the hashes that bind it all), served on the parties.
 */

export interface VersionMeta {
  documentId: string;
  version: number;
  frozenAt: Date;
}

export interface SignatureLine {
  signerName: string;
  signerRole: SignerRole;
  /** The party signed for, by name; null for the mediator. */
  partyName: string | null;
  signedAt: Date;
  channel: 'sms' | 'email';
  destination: string;
  digest: string;
}

export interface SignedMeta extends VersionMeta {
  versionHash: string;
  hashAlgorithm: string;
  /** SHA-256 of the frozen PDF the signers read. */
  frozenDocumentSha256: string;
  effectiveAt: Date;
  signatures: readonly SignatureLine[];
}

interface Words {
  title: string;
  version: (n: number) => string;
  caseNumber: string;
  versionLabel: string;
  side: Record<PartySide, string>;
  idType: Record<string, string>;
  idNumber: string;
  address: string;
  legalRepresentative: string;
  agent: string;
  mediator: string;
  parties: string;
  headings: { facts: string; issues: string; result: string; performance: string; other: string; ownership: string };
  ownership: (yes: boolean) => string;
  money: (amount: string, currency: string) => string;
  pays: string;
  instalment: (i: number, amount: string, due: string) => string;
  due: (d: Due) => string;
  how: string;
  effect: string;
  signaturePage: string;
  signedStatement: string;
  versionHash: (alg: string) => string;
  frozenSha: string;
  effectiveAt: string;
  capacity: (role: SignerRole, party: string | null) => string;
  signedAt: string;
  authenticatedBy: (channel: 'sms' | 'email', destination: string) => string;
  digest: string;
  formatTime: (d: Date) => string;
  /** A name with an aside: full-width brackets in Chinese text. */
  aside: (main: string, aside: string) => string;
}

const ID_TYPES_ZH: Record<string, string> = {
  resident_id_card: '居民身份证',
  passport: '护照',
  unified_social_credit_code: '统一社会信用代码',
  business_registration: '商业登记证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
};
const ID_TYPES_EN: Record<string, string> = {
  resident_id_card: 'Resident ID card',
  passport: 'Passport',
  unified_social_credit_code: 'Unified social credit code',
  business_registration: 'Business registration',
  hk_macao_permit: 'Mainland travel permit (HK/Macao)',
  taiwan_permit: 'Mainland travel permit (Taiwan)',
};

const utc = (d: Date): string => `${d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    title: '调解协议书',
    version: (n) => `第 ${n} 版`,
    caseNumber: '案号',
    versionLabel: '协议版本',
    side: { [PartySide.Applicant]: '申请人', [PartySide.Respondent]: '被申请人' },
    idType: ID_TYPES_ZH,
    idNumber: '证件号码',
    address: '住所',
    legalRepresentative: '法定代表人',
    agent: '委托代理人',
    mediator: '调解员',
    parties: '当事人',
    headings: { facts: '一、主要事实', issues: '二、争议事项', result: '三、调解结果', performance: '四、履行方式和期限', other: '五、其他约定', ownership: '确权事项' },
    ownership: (yes) => (yes ? '本协议涉及物权或知识产权确权（不得申请司法确认）' : '本协议不涉及物权或知识产权确权'),
    money: (amount, currency) => `${currency} ${amount}`,
    pays: '支付',
    instalment: (i, amount, due) => `第 ${i} 期：${amount}，${due}`,
    due: (d) => ('date' in d ? `于 ${d.date} 前` : `于本协议生效之日起 ${d.daysAfterEffective} 日内`),
    how: '履行方式',
    effect: '本协议由各方当事人和调解员电子签名，自最后一方签名之时起生效（《人民法院在线调解规则》第十九条）。电子签名与手写签名具有同等法律效力（《电子签名法》第十四条）。',
    signaturePage: '电子签名页',
    signedStatement: '以下签名人已通过实名认证，并以发送至本人手机或电子邮箱的一次性验证码确认签署本协议的上述版本。每一签名记录绑定签名人身份、签署时间和协议版本哈希值，协议或签名记录的任何改动均可被发现（《电子签名法》第十三条）。',
    versionHash: (alg) => `协议版本哈希（${alg.toUpperCase()}）`,
    frozenSha: '签署文本 SHA-256',
    effectiveAt: '生效时间',
    capacity: (role, party) => (role === SignerRole.Mediator ? '调解员' : role === SignerRole.Agent ? `${party ?? ''}的委托代理人` : `当事人 ${party ?? ''}`),
    signedAt: '签署时间',
    authenticatedBy: (channel, destination) => `${channel === 'sms' ? '短信' : '电子邮件'}验证码（${destination}）`,
    digest: '签名记录摘要',
    formatTime: utc,
    aside: (main, aside) => `${main}（${aside}）`,
  },
  en: {
    title: 'Settlement Agreement',
    version: (n) => `Version ${n}`,
    caseNumber: 'Case number',
    versionLabel: 'Version',
    side: { [PartySide.Applicant]: 'Applicant', [PartySide.Respondent]: 'Respondent' },
    idType: ID_TYPES_EN,
    idNumber: 'ID number',
    address: 'Address',
    legalRepresentative: 'Legal representative',
    agent: 'Authorised agent',
    mediator: 'Mediator',
    parties: 'The parties',
    headings: { facts: '1. Main facts', issues: '2. Issues in dispute', result: '3. Result of the mediation', performance: '4. How and by when it is performed', other: '5. Other terms', ownership: 'Ownership (确权)' },
    ownership: (yes) => (yes ? 'This agreement confirms ownership of property or IP rights (not eligible for judicial confirmation)' : 'This agreement does not confirm ownership of property or IP rights'),
    money: (amount, currency) => `${currency} ${amount}`,
    pays: 'pays',
    instalment: (i, amount, due) => `instalment ${i}: ${amount}, ${due}`,
    due: (d) => ('date' in d ? `by ${d.date}` : `within ${d.daysAfterEffective} days after this agreement takes effect`),
    how: 'Manner',
    effect: 'Every party and the mediator sign this agreement electronically; it takes effect at the time of the last signature (Online Mediation Rules art. 19). A reliable electronic signature has the same effect as a handwritten one (Electronic Signature Law art. 14).',
    signaturePage: 'Signature page',
    signedStatement: 'Each signer below verified their identity and confirmed signing the version of this agreement identified here with a one-time code sent to their own phone or e-mail. Each signature record binds the signer, the time and the version hash; any change to the agreement or to a record can be detected (Electronic Signature Law art. 13).',
    versionHash: (alg) => `Version hash (${alg.toUpperCase()})`,
    frozenSha: 'SHA-256 of the signed text',
    effectiveAt: 'Took effect',
    capacity: (role, party) => (role === SignerRole.Mediator ? 'Mediator' : role === SignerRole.Agent ? `Authorised agent of ${party ?? ''}` : `Party: ${party ?? ''}`),
    signedAt: 'Signed at',
    authenticatedBy: (channel, destination) => `one-time code by ${channel === 'sms' ? 'SMS' : 'e-mail'} (${destination})`,
    digest: 'Signature record digest',
    formatTime: utc,
    aside: (main, aside) => `${main} (${aside})`,
  },
};

const numbered = (items: readonly string[], zh: boolean): string => items.map((t, i) => `${i + 1}${zh ? '．' : '. '}${t}`).join('\n');

function partyRows(p: AgreementParty, w: Words): PdfField[] {
  const rows: PdfField[] = [
    { label: w.side[p.side], value: p.name },
    { label: w.idType[p.idType] ?? p.idType, value: p.idNumber, code: true },
  ];
  if (p.address) rows.push({ label: w.address, value: p.address });
  if (p.legalRepresentative) rows.push({ label: w.legalRepresentative, value: p.legalRepresentative });
  for (const a of p.agents ?? []) rows.push({ label: w.agent, value: a.lawFirm ? w.aside(a.name, a.lawFirm) : a.name });
  return rows;
}

function namesOf(c: SettlementAgreementContent, side: PartySide, ids: readonly string[] | undefined, w: Words): string {
  const parties = c.parties.filter((p) => p.side === side && (!ids || ids.includes(p.partyId)));
  return `${w.side[side]} ${parties.map((p) => p.name).join('、')}`;
}

function obligationText(c: SettlementAgreementContent, o: Obligation, w: Words, zh: boolean): string {
  const obligor = namesOf(c, o.obligorSide, o.obligorPartyIds, w);
  const beneficiary = namesOf(c, o.beneficiarySide, o.beneficiaryPartyIds, w);
  let text: string;
  if (o.kind === 'money') {
    const amount = w.money(o.amount, o.currency);
    const when = o.due
      ? w.due(o.due)
      : (o.instalments ?? []).map((x, i) => w.instalment(i + 1, w.money(x.amount, o.currency), w.due(x.due))).join(zh ? '；' : '; ');
    text = zh ? `${obligor}向${beneficiary}${w.pays}${amount}，${when}` : `${obligor} ${w.pays} ${beneficiary} ${amount}, ${when}`;
  } else {
    text = zh ? `${obligor}${w.due(o.due)}${w.aside(o.act, `向${beneficiary}履行`)}` : `${obligor}, ${w.due(o.due)}: ${o.act} (owed to ${beneficiary})`;
  }
  return o.description ? `${text}${zh ? '。' : '. '}${w.how}${zh ? '：' : ': '}${o.description}` : text;
}

function bodyBlocks(c: SettlementAgreementContent, meta: VersionMeta, w: Words, zh: boolean): PdfBlock[] {
  return [
    {
      kind: 'fields',
      rows: [
        { label: w.caseNumber, value: c.caseNumber, code: true },
        { label: w.versionLabel, value: w.version(meta.version) },
      ],
    },
    { kind: 'heading', text: w.parties },
    { kind: 'fields', rows: c.parties.flatMap((p) => partyRows(p, w)) },
    { kind: 'fields', rows: [{ label: w.mediator, value: c.mediator.organisation ? w.aside(c.mediator.name, c.mediator.organisation) : c.mediator.name }] },
    { kind: 'heading', text: w.headings.facts },
    { kind: 'paragraph', text: c.facts },
    { kind: 'heading', text: w.headings.issues },
    { kind: 'paragraph', text: numbered(c.disputedIssues, zh) },
    { kind: 'heading', text: w.headings.result },
    { kind: 'paragraph', text: c.result },
    { kind: 'heading', text: w.headings.performance },
    { kind: 'paragraph', text: numbered(c.performance.obligations.map((o) => obligationText(c, o, w, zh)), zh) },
    ...(c.otherTerms && c.otherTerms.length > 0 ? [{ kind: 'heading' as const, text: w.headings.other }, { kind: 'paragraph' as const, text: numbered(c.otherTerms, zh) }] : []),
    { kind: 'fields', rows: [{ label: w.headings.ownership, value: w.ownership(c.confirmsOwnership) }] },
  ];
}

const signatoryLines = (c: SettlementAgreementContent, w: Words): PdfSignatory[] => [
  ...c.parties.map((p) => ({ role: w.side[p.side], name: p.name })),
  { role: w.mediator, name: c.mediator.name },
];

/** The frozen version put up for signature: its bytes are hashed into the version hash. */
export function agreementDocument(c: SettlementAgreementContent, meta: VersionMeta): PdfDocumentSpec {
  const lang: PdfLanguage = c.language;
  const w = WORDS[lang];
  const zh = lang === 'zh-CN';
  return {
    documentId: meta.documentId,
    title: w.title,
    subtitle: `${c.caseNumber} · ${w.version(meta.version)}`,
    issuer: ISSUER[lang],
    createdAt: meta.frozenAt,
    keywords: [w.title, c.caseNumber],
    blocks: bodyBlocks(c, meta, w, zh),
    attestation: { statement: w.effect, signatories: signatoryLines(c, w) },
  };
}

/** The effective agreement: the frozen text, then the signature page. */
export function signedAgreementDocument(c: SettlementAgreementContent, meta: SignedMeta): PdfDocumentSpec {
  const lang: PdfLanguage = c.language;
  const w = WORDS[lang];
  const zh = lang === 'zh-CN';
  const signatureRows = meta.signatures.flatMap((s): PdfField[] => [
    { label: w.capacity(s.signerRole, s.partyName), value: s.signerName },
    { label: w.signedAt, value: w.formatTime(s.signedAt), code: true },
    { label: zh ? '身份验证' : 'Authenticated by', value: w.authenticatedBy(s.channel, s.destination) },
    { label: w.digest, value: s.digest, code: true },
  ]);
  return {
    documentId: meta.documentId,
    title: w.title,
    subtitle: `${c.caseNumber} · ${w.version(meta.version)}`,
    issuer: ISSUER[lang],
    createdAt: meta.effectiveAt,
    keywords: [w.title, c.caseNumber, meta.versionHash],
    blocks: [
      ...bodyBlocks(c, meta, w, zh),
      { kind: 'paragraph', text: w.effect },
      { kind: 'heading', text: w.signaturePage },
      { kind: 'paragraph', text: w.signedStatement },
      {
        kind: 'fields',
        rows: [
          { label: w.versionHash(meta.hashAlgorithm), value: meta.versionHash, code: true },
          { label: w.frozenSha, value: meta.frozenDocumentSha256, code: true },
          { label: w.effectiveAt, value: w.formatTime(meta.effectiveAt), code: true },
        ],
      },
      { kind: 'fields', rows: signatureRows },
    ],
    attestation: {
      signatories: meta.signatures.map((s) => ({ role: w.capacity(s.signerRole, s.partyName), name: s.signerName, signedAt: s.signedAt })),
    },
  };
}
