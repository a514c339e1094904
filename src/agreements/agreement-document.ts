// Over 300 lines on purpose: the settlement agreement's text in two languages (the courts' model layout),
// as data for renderPdf.
import { PartySide } from '../cases/entities/case-party.entity';
import { closingDate, formatDate, formatDateTime, moneyInLegalText, numberedLines, PUNCTUATION } from '../common/documents-i18n';
import { ID_TYPE_TERMS, SIDE_TERMS, term } from '../terms/terms';
import { partyHeadings } from '../terms/party-numbering';
import { DEFAULT_TIME_ZONE } from '../infrastructure/calendar/working-day-calendar';
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
  /** Zone of the dates the agreement prints; the platform's by default. */
  timeZone?: string;
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
  address: string;
  legalRepresentative: string;
  agent: string;
  mediator: string;
  parties: string;
  headings: { facts: string; issues: string; result: string; performance: string; other: string; ownership: string };
  resultIntro: string;
  ownership: (yes: boolean) => string;
  instalment: (i: number, amount: string, due: string) => string;
  /** A side and its parties' names: 被申请人深圳乙电子有限公司 / Respondent Shenzhen Yi. */
  named: (side: string, names: string) => string;
  pays: (obligor: string, beneficiary: string, amount: string, due: string) => string;
  paysInInstalments: (obligor: string, beneficiary: string, amount: string, instalments: string) => string;
  performs: (obligor: string, beneficiary: string, act: string, due: string) => string;
  due: (d: Due, zone: string) => string;
  how: string;
  effect: string;
  signaturePage: string;
  signedStatement: string;
  versionHash: (alg: string) => string;
  frozenSha: string;
  effectiveAt: string;
  capacity: (role: SignerRole, party: string | null) => string;
  signedAt: string;
  authenticated: string;
  authenticatedBy: (channel: 'sms' | 'email', destination: string) => string;
  digest: string;
  /** A name with an aside: full-width brackets in Chinese text. */
  aside: (main: string, aside: string) => string;
  /** The signature line of a party: an organisation seals, its representative signs. */
  partySignature: (heading: string, kind: 'person' | 'organisation') => string;
  mediatorSignature: string;
  seal: string;
}

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    title: '调解协议书',
    version: (n) => `第 ${n} 版`,
    caseNumber: '案号',
    versionLabel: '协议版本',
    address: '住所',
    legalRepresentative: '法定代表人',
    agent: '委托代理人',
    mediator: '调解员',
    parties: '当事人',
    headings: { facts: '一、纠纷的主要事实', issues: '二、争议事项', result: '三、调解结果', performance: '四、履行方式、期限', other: '五、其他约定', ownership: '确权事项' },
    resultIntro: '经调解，双方当事人自愿达成如下协议：',
    ownership: (yes) => (yes ? '本协议涉及物权或知识产权确权（不得申请司法确认）' : '本协议不涉及物权或知识产权确权'),
    instalment: (i, amount, due) => `第 ${i} 期 ${amount}，${due}`,
    named: (side, names) => `${side}${names}`,
    pays: (o, b, amount, due) => `${o}${due}向${b}支付${amount}`,
    paysInInstalments: (o, b, amount, parts) => `${o}向${b}支付${amount}，分期支付：${parts}`,
    performs: (o, b, act, due) => `${o}${due}${act}（向${b}履行）`,
    due: (d, zone) => ('date' in d ? `于${formatDate(d.date, 'zh-CN', zone)}前` : `于本协议生效之日起 ${d.daysAfterEffective} 日内`),
    how: '履行方式',
    effect:
      '本协议由各方当事人和调解员电子签名，自最后一方签名之时起生效（《人民法院在线调解规则》第十九条）。可靠的电子签名与手写签名或者盖章具有同等法律效力（《中华人民共和国电子签名法》第十四条）。当事人应当按照本协议履行各自的义务。',
    signaturePage: '电子签名页',
    signedStatement:
      '以下签名人已通过实名认证，并以发送至本人手机或电子邮箱的一次性验证码确认签署本协议的上述版本。每一签名记录绑定签名人身份、签署时间和协议版本哈希值，协议或签名记录的任何改动均可被发现（《中华人民共和国电子签名法》第十三条）。',
    versionHash: (alg) => `协议版本哈希（${alg.toUpperCase()}）`,
    frozenSha: '签署文本 SHA-256',
    effectiveAt: '生效时间',
    capacity: (role, party) => (role === SignerRole.Mediator ? '调解员' : role === SignerRole.Agent ? `${party ?? ''}的委托代理人` : `当事人（${party ?? ''}）`),
    signedAt: '签署时间',
    authenticated: '身份验证',
    authenticatedBy: (channel, destination) => `${channel === 'sms' ? '短信' : '电子邮件'}验证码，发送至 ${destination}`,
    digest: '签名记录摘要',
    aside: (main, aside) => `${main}（${aside}）`,
    partySignature: (heading, kind) => (kind === 'organisation' ? `${heading}（盖章）` : `${heading}（签名）`),
    mediatorSignature: '调解员（签名）',
    seal: '（调解组织印章）',
  },
  en: {
    title: 'Settlement Agreement',
    version: (n) => `Version ${n}`,
    caseNumber: 'Case number',
    versionLabel: 'Version',
    address: 'Address',
    legalRepresentative: 'Legal representative',
    agent: 'Authorised agent',
    mediator: 'Mediator',
    parties: 'The parties',
    headings: {
      facts: '1. Main facts of the dispute',
      issues: '2. Issues in dispute',
      result: '3. Result of the mediation',
      performance: '4. How and by when it is performed',
      other: '5. Other terms',
      ownership: 'Ownership of rights',
    },
    resultIntro: 'Through mediation the parties have freely agreed as follows:',
    ownership: (yes) =>
      yes
        ? 'This agreement confirms ownership of property or IP rights (not eligible for judicial confirmation)'
        : 'This agreement does not confirm ownership of property or IP rights',
    instalment: (i, amount, due) => `instalment ${i}: ${amount}, ${due}`,
    named: (side, names) => `${side} ${names}`,
    pays: (o, b, amount, due) => `${o} pays ${b} ${amount} ${due}`,
    paysInInstalments: (o, b, amount, parts) => `${o} pays ${b} ${amount} in instalments: ${parts}`,
    performs: (o, b, act, due) => `${o}, ${due}: ${act} (owed to ${b})`,
    due: (d, zone) => ('date' in d ? `by ${formatDate(d.date, 'en', zone)}` : `within ${d.daysAfterEffective} days after this agreement takes effect`),
    how: 'Manner',
    effect:
      'Every party and the mediator sign this agreement electronically; it takes effect at the time of the last signature (Online Mediation Rules art. 19). A reliable electronic signature has the same effect as a handwritten signature or seal (Electronic Signature Law art. 14). The parties shall perform their obligations under this agreement.',
    signaturePage: 'Signature page',
    signedStatement:
      'Each signer below verified their identity and confirmed signing the version of this agreement identified here with a one-time code sent to their own phone or e-mail. Each signature record binds the signer, the time and the version hash; any change to the agreement or to a record can be detected (Electronic Signature Law art. 13).',
    versionHash: (alg) => `Version hash (${alg.toUpperCase()})`,
    frozenSha: 'SHA-256 of the signed text',
    effectiveAt: 'Took effect',
    capacity: (role, party) => (role === SignerRole.Mediator ? 'Mediator' : role === SignerRole.Agent ? `Authorised agent of ${party ?? ''}` : `Party (${party ?? ''})`),
    signedAt: 'Signed at',
    authenticated: 'Authenticated by',
    authenticatedBy: (channel, destination) => `one-time code by ${channel === 'sms' ? 'SMS' : 'e-mail'} to ${destination}`,
    digest: 'Signature record digest',
    aside: (main, aside) => `${main} (${aside})`,
    partySignature: (heading, kind) => (kind === 'organisation' ? `${heading} (seal)` : `${heading} (signature)`),
    mediatorSignature: 'Mediator (signature)',
    seal: '(seal of the mediation organisation)',
  },
};

function partyRows(p: AgreementParty, heading: string, lang: PdfLanguage, w: Words): PdfField[] {
  const rows: PdfField[] = [
    { label: heading, value: p.name },
    { label: term(ID_TYPE_TERMS, p.idType, lang), value: p.idNumber },
  ];
  if (p.address) rows.push({ label: w.address, value: p.address });
  if (p.legalRepresentative) rows.push({ label: w.legalRepresentative, value: p.legalRepresentative });
  for (const a of p.agents ?? []) rows.push({ label: w.agent, value: a.lawFirm ? w.aside(a.name, a.lawFirm) : a.name });
  return rows;
}

function namesOf(c: SettlementAgreementContent, side: PartySide, ids: readonly string[] | undefined, lang: PdfLanguage): string {
  const parties = c.parties.filter((p) => p.side === side && (!ids || ids.includes(p.partyId)));
  return WORDS[lang].named(SIDE_TERMS[side][lang], parties.map((p) => p.name).join(PUNCTUATION[lang].list));
}

function obligationText(c: SettlementAgreementContent, o: Obligation, w: Words, lang: PdfLanguage, zone: string): string {
  const p = PUNCTUATION[lang];
  const obligor = namesOf(c, o.obligorSide, o.obligorPartyIds, lang);
  const beneficiary = namesOf(c, o.beneficiarySide, o.beneficiaryPartyIds, lang);
  let text: string;
  if (o.kind === 'money') {
    const amount = moneyInLegalText(o.amount, o.currency, lang);
    text = o.due
      ? w.pays(obligor, beneficiary, amount, w.due(o.due, zone))
      : w.paysInInstalments(
          obligor,
          beneficiary,
          amount,
          (o.instalments ?? []).map((x, i) => w.instalment(i + 1, moneyInLegalText(x.amount, o.currency, lang), w.due(x.due, zone))).join(p.semicolon),
        );
  } else {
    text = w.performs(obligor, beneficiary, o.act, w.due(o.due, zone));
  }
  return o.description ? `${text}${p.stop}${w.how}${p.colon}${o.description}` : text;
}

function bodyBlocks(c: SettlementAgreementContent, meta: VersionMeta, w: Words, lang: PdfLanguage, zone: string): PdfBlock[] {
  const headings = partyHeadings(c.parties, lang);
  return [
    {
      kind: 'fields',
      rows: [
        { label: w.caseNumber, value: c.caseNumber },
        { label: w.versionLabel, value: w.version(meta.version) },
      ],
    },
    { kind: 'heading', text: w.parties },
    { kind: 'fields', rows: c.parties.flatMap((p, i) => partyRows(p, headings[i], lang, w)) },
    { kind: 'fields', rows: [{ label: w.mediator, value: c.mediator.organisation ? w.aside(c.mediator.name, c.mediator.organisation) : c.mediator.name }] },
    { kind: 'heading', text: w.headings.facts },
    { kind: 'paragraph', text: c.facts },
    { kind: 'heading', text: w.headings.issues },
    { kind: 'paragraph', text: numberedLines(c.disputedIssues, lang) },
    { kind: 'heading', text: w.headings.result },
    { kind: 'paragraph', text: `${w.resultIntro}\n${c.result}` },
    { kind: 'heading', text: w.headings.performance },
    {
      kind: 'paragraph',
      text: numberedLines(
        c.performance.obligations.map((o) => obligationText(c, o, w, lang, zone)),
        lang,
      ),
    },
    ...(c.otherTerms && c.otherTerms.length > 0
      ? [
          { kind: 'heading' as const, text: w.headings.other },
          { kind: 'paragraph' as const, text: numberedLines(c.otherTerms, lang) },
        ]
      : []),
    { kind: 'fields', rows: [{ label: w.headings.ownership, value: w.ownership(c.confirmsOwnership) }] },
  ];
}

const signatoryLines = (c: SettlementAgreementContent, w: Words, lang: PdfLanguage): PdfSignatory[] => {
  const headings = partyHeadings(c.parties, lang);
  return [...c.parties.map((p, i) => ({ role: w.partySignature(headings[i], p.kind), name: p.name })), { role: w.mediatorSignature, name: c.mediator.name }];
};

/** The frozen version put up for signature: its bytes are hashed into the version hash. */
export function agreementDocument(c: SettlementAgreementContent, meta: VersionMeta): PdfDocumentSpec {
  const lang: PdfLanguage = c.language;
  const w = WORDS[lang];
  const zone = meta.timeZone ?? DEFAULT_TIME_ZONE;
  const organisation = c.mediator.organisation ?? ISSUER[lang];
  return {
    documentId: meta.documentId,
    authority: organisation,
    title: w.title,
    subtitle: `${w.caseNumber}${PUNCTUATION[lang].colon}${c.caseNumber}\u3000${w.version(meta.version)}`,
    createdAt: meta.frozenAt,
    keywords: [w.title, c.caseNumber],
    blocks: bodyBlocks(c, meta, w, lang, zone),
    attestation: { statement: w.effect, signatories: signatoryLines(c, w, lang) },
  };
}

/** The effective agreement: the frozen text, then the signature page. */
export function signedAgreementDocument(c: SettlementAgreementContent, meta: SignedMeta): PdfDocumentSpec {
  const lang: PdfLanguage = c.language;
  const w = WORDS[lang];
  const zone = meta.timeZone ?? DEFAULT_TIME_ZONE;
  const at = (d: Date): string => formatDateTime(d, lang, zone, { seconds: true });
  const organisation = c.mediator.organisation ?? ISSUER[lang];
  const signatureRows = meta.signatures.flatMap((s): PdfField[] => [
    { label: w.capacity(s.signerRole, s.partyName), value: s.signerName },
    { label: w.signedAt, value: at(s.signedAt) },
    { label: w.authenticated, value: w.authenticatedBy(s.channel, s.destination) },
    { label: w.digest, value: s.digest, code: true },
  ]);
  return {
    documentId: meta.documentId,
    authority: organisation,
    title: w.title,
    subtitle: `${w.caseNumber}${PUNCTUATION[lang].colon}${c.caseNumber}\u3000${w.version(meta.version)}`,
    createdAt: meta.effectiveAt,
    keywords: [w.title, c.caseNumber, meta.versionHash],
    blocks: [
      ...bodyBlocks(c, meta, w, lang, zone),
      { kind: 'paragraph', text: w.effect },
      { kind: 'heading', text: w.signaturePage },
      { kind: 'paragraph', text: w.signedStatement },
      {
        kind: 'fields',
        rows: [
          { label: w.versionHash(meta.hashAlgorithm), value: meta.versionHash, code: true },
          { label: w.frozenSha, value: meta.frozenDocumentSha256, code: true },
          { label: w.effectiveAt, value: at(meta.effectiveAt) },
        ],
      },
      { kind: 'fields', rows: signatureRows },
    ],
    attestation: {
      signatories: meta.signatures.map((s) => ({ role: w.capacity(s.signerRole, s.partyName), name: s.signerName, signedAt: s.signedAt })),
    },
    closing: { signers: [{ role: '', name: organisation }], date: closingDate(meta.effectiveAt, lang, zone), seal: w.seal },
  };
}
