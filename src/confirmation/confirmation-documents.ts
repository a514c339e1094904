// Over 300 lines on purpose: the text of three court documents in two languages, as data for renderPdf.
import { closingDate, formatDate, moneyInLegalText, numberedLines, PUNCTUATION } from '../common/documents-i18n';
import { HASH_ALGORITHM_TERMS, ID_TYPE_TERMS, MATERIAL_ROLE_TERMS, SIDE_TERMS, term } from '../terms/terms';
import { partyHeadings } from '../terms/party-numbering';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { DEFAULT_TIME_ZONE } from '../infrastructure/calendar/working-day-calendar';
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

interface Words {
  party: {
    address: string;
    legalRepresentative: string;
    contact: string;
    /** Joins the opening clauses of a party's statement, and ends each line. */
    clause: string;
    stop: string;
  };
  /** 申请人1 / Applicant 1 when several apply jointly. */
  applicantNumbered: (n: number) => string;
  schedule: {
    money: (obligor: string, beneficiary: string, day: string, amount: string, instalment: string) => string;
    act: (obligor: string, beneficiary: string, day: string, act: string) => string;
    instalment: (n: number) => string;
    end: string;
  };
  agreement: { version: string; versionValue: (n: number) => string; since: string; hash: (alg: string) => string; signedSha: string };
  application: {
    title: string;
    keyword: string;
    caseNumber: string;
    matter: string;
    request: string;
    requestText: (effective: string, org: string, mediator: string) => string;
    facts: string;
    factsText: (names: string, title: string, org: string, mediator: string, effective: string, result: string) => string;
    performance: (schedule: string) => string;
    undertaking: string;
    undertakingText: string;
    salutation: (court: string) => { text: string; flush?: boolean }[];
    enclosed: string;
    statement: string;
    signatory: (heading: string, name: string) => string;
    signingFor: (person: string) => string;
  };
  ruling: {
    title: string;
    keyword: string;
    reviewed: (names: string, lodged: string, docketed: string) => string;
    agreed: (effective: string, org: string, mediator: string, result: string) => string;
    identified: (version: number, alg: string, hash: string) => string;
    confirmedReasoning: string;
    rejectedReasoning: (grounds: string, explanation: string | undefined) => string;
    confirmed: (names: string, effective: string, org: string) => string;
    rejected: string;
    effect: string;
    judge: string;
    clerk: string;
    seal: string;
  };
  attestation: {
    title: string;
    subtitle: (caseNumber: string) => string;
    keyword: string;
    caseNumber: string;
    dispute: string;
    parties: string;
    mediation: string;
    mediator: string;
    institution: string;
    settlement: string;
    confirmedBy: (court: string, docket: string) => string;
    statement: (org: string, mediator: string) => string;
    seal: string;
  };
}

const WORDS: Record<PdfLanguage, Words> = {
  'zh-CN': {
    party: { address: '住所', legalRepresentative: '法定代表人', contact: '联系方式', clause: '，', stop: '。' },
    applicantNumbered: (n) => `申请人${n}`,
    schedule: {
      money: (o, b, day, amount, inst) => `${o}于${day}前向${b}支付${amount}${inst}；`,
      act: (o, b, day, act) => `${o}于${day}前${act}（向${b}履行）；`,
      instalment: (n) => `（第 ${n} 期）`,
      end: '。',
    },
    agreement: { version: '协议版本', versionValue: (n) => `第 ${n} 版`, since: '生效日期', hash: (alg) => `协议哈希（${alg}）`, signedSha: '签署文本 SHA-256' },
    application: {
      title: '司法确认申请书',
      keyword: '司法确认',
      caseNumber: '平台案号',
      matter: '案由',
      request: '请求事项',
      requestText: (effective, org, m) => `请求确认申请人于${effective}经${org}调解员${m}主持调解达成的调解协议有效。`,
      facts: '事实和理由',
      factsText: (names, title, org, m, effective, result) =>
        `${names}之间的纠纷（${title}），经${org}调解员${m}在线主持调解，各方自愿达成调解协议，于${effective}全部签署生效。协议主要内容如下：${result}`,
      performance: (schedule) => `履行方式和期限：\n${schedule}`,
      undertaking: '申请人承诺',
      undertakingText: '申请人出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；协议不涉及物权、知识产权确权；如因虚假调解损害他人合法权益，愿承担相应的法律责任。',
      salutation: (court) => [{ text: '此致' }, { text: court, flush: true }],
      enclosed: '附：',
      statement: '全体申请人已在平台上经实名认证在线同意共同提出本申请（《中华人民共和国民事诉讼法》第二百零五条）。',
      signatory: (heading, name) => `${heading} ${name}`,
      signingFor: (person) => `${person}（代表签署）`,
    },
    ruling: {
      title: '民事裁定书',
      keyword: '司法确认',
      reviewed: (names, lodged, docketed) => `申请人${names}于${lodged}向本院申请司法确认调解协议。本院于${docketed}立案后依法进行了审查，现已审查终结。`,
      agreed: (effective, org, m, result) => `申请人于${effective}经${org}调解员${m}主持调解，达成了如下调解协议：${result}`,
      identified: (version, alg, hash) => `（调解协议第 ${version} 版，${alg} 哈希值 ${hash}。）`,
      confirmedReasoning:
        '本院经审查认为，申请人达成的调解协议系各方自愿达成，内容不违反法律强制性规定，不损害国家利益、社会公共利益和他人合法权益，不违背公序良俗，符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下：',
      rejectedReasoning: (grounds, explanation) =>
        `本院经审查认为，该调解协议存在下列情形：${grounds}${explanation ? `（${explanation}）` : ''}，不符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零六条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十八条规定，裁定如下：`,
      confirmed: (names, effective, org) =>
        `申请人${names}于${effective}经${org}主持调解达成的调解协议有效。\n当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。`,
      rejected: '驳回申请人的司法确认申请。\n当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。',
      effect: '本裁定书自即日起发生法律效力。',
      judge: '审判员',
      clerk: '书记员',
      seal: '（院印）',
    },
    attestation: {
      title: '调解机构证明书',
      subtitle: (n) => `案号：${n}`,
      keyword: '新加坡调解公约',
      caseNumber: '平台案号',
      dispute: '案由',
      parties: '当事人',
      mediation: '调解',
      mediator: '调解员',
      institution: '调解机构',
      settlement: '和解协议',
      confirmedBy: (court, docket) => `该协议已经${court}以${docket}民事裁定书确认有效。`,
      statement: (org, m) =>
        `兹证明：上述和解协议系当事人经${org}调解员${m}主持调解达成，全体当事人及调解员已以可靠电子签名签署（《中华人民共和国电子签名法》第十三条、第十四条），协议于签署完成时生效。本机构依据《联合国关于调解所产生的国际和解协议公约》（新加坡调解公约）第四条第一款出具本证明。协议文本可通过上列哈希值核验。`,
      seal: '（印章）',
    },
  },
  en: {
    party: { address: 'address', legalRepresentative: 'Legal representative', contact: 'Contact', clause: '; ', stop: '.' },
    applicantNumbered: (n) => `Applicant ${n}`,
    schedule: {
      money: (o, b, day, amount, inst) => `${o} pays ${b} ${amount}${inst} by ${day};`,
      act: (o, b, day, act) => `${o}, by ${day}: ${act} (owed to ${b});`,
      instalment: (n) => ` (instalment ${n})`,
      end: '.',
    },
    agreement: {
      version: 'Agreement version',
      versionValue: (n) => `Version ${n}`,
      since: 'In effect since',
      hash: (alg) => `Agreement hash (${alg})`,
      signedSha: 'Signed text SHA-256',
    },
    application: {
      title: 'Joint Application for Judicial Confirmation',
      keyword: 'judicial confirmation',
      caseNumber: 'Platform case number',
      matter: 'Matter',
      request: 'Request',
      requestText: (effective, org, m) => `To confirm as valid the settlement agreement the applicants reached on ${effective} in mediation conducted by ${m} of ${org}.`,
      facts: 'Facts and grounds',
      factsText: (names, title, org, m, effective, result) =>
        `The dispute between ${names} (${title}) was mediated online by ${m} of ${org}. The parties freely reached a settlement, which every party signed; it took effect on ${effective}. It provides: ${result}`,
      performance: (schedule) => `Performance:\n${schedule}`,
      undertaking: 'The applicants’ undertaking',
      undertakingText:
        'The applicants reached the agreement freely, to settle their dispute, without collusion or evasion of the law; it does not confirm ownership of property or intellectual-property rights; they bear the legal consequences should the mediation be a sham that harms others.',
      salutation: (court) => [{ text: `To ${court}`, flush: true }],
      enclosed: 'Enclosed',
      statement: 'Every applicant, identity verified, consented online on the platform to make this application jointly (CPL art. 205).',
      signatory: (heading, name) => `${heading}, ${name}`,
      signingFor: (person) => `${person} (signing for it)`,
    },
    ruling: {
      title: 'Civil Ruling',
      keyword: 'judicial confirmation',
      reviewed: (names, lodged, docketed) =>
        `On ${lodged} the applicants ${names} applied to this court to confirm their settlement agreement. The court docketed the application on ${docketed} and has reviewed it according to law.`,
      agreed: (effective, org, m, result) => `On ${effective}, in mediation conducted by ${m} of ${org}, the applicants reached the following settlement agreement: ${result}`,
      identified: (version, alg, hash) => `(Version ${version} of the agreement; ${alg} hash ${hash}.)`,
      confirmedReasoning:
        'The court finds that the parties reached the agreement freely; it does not violate a mandatory provision of law, harm the interests of the State, the public or others, or offend public order and good morals, and it meets the conditions for confirmation. Under articles 205 and 206 of the Civil Procedure Law of the PRC, the court rules:',
      rejectedReasoning: (grounds, explanation) =>
        `The court finds that the agreement is open to the following objections: ${grounds}${explanation ? ` (${explanation})` : ''}. It does not meet the conditions for confirmation. Under article 206 of the Civil Procedure Law and article 358 of the SPC Interpretation of the Civil Procedure Law, the court rules:`,
      confirmed: (names, effective, org) =>
        `The settlement agreement the applicants ${names} reached on ${effective} in mediation conducted by ${org} is valid.\nThe parties shall perform their obligations under it. If a party refuses to perform or performs only in part, the other party may apply to the people’s court for enforcement.`,
      rejected:
        'The application for confirmation is rejected.\nThe parties may amend the agreement or reach a new one through mediation, or bring an action before the people’s court.',
      effect: 'This ruling takes effect on the day it is made.',
      judge: 'Judge',
      clerk: 'Clerk',
      seal: '(seal of the court)',
    },
    attestation: {
      title: 'Attestation of Mediated Settlement',
      subtitle: (n) => `Case number: ${n}`,
      keyword: 'Singapore Convention',
      caseNumber: 'Case number',
      dispute: 'Dispute',
      parties: 'The parties',
      mediation: 'The mediation',
      mediator: 'Mediator',
      institution: 'Institution',
      settlement: 'The settlement agreement',
      confirmedBy: (court, docket) => `${court} confirmed the agreement as valid by ruling ${docket}.`,
      statement: (org, m) =>
        `The institution attests that the settlement agreement above resulted from mediation conducted by ${m} of ${org}; that every party and the mediator signed it with reliable electronic signatures (PRC Electronic Signature Law arts. 13-14); and that it took effect when the last signature was made. This attestation is issued under article 4(1)(b) of the United Nations Convention on International Settlement Agreements Resulting from Mediation (Singapore Convention). The text can be verified against the hashes above.`,
      seal: '(seal)',
    },
  },
};

/** A party as court documents state it: 申请人：名称，住所：…，统一社会信用代码：…。 */
function partyParagraph(p: DocumentParty, heading: string, lang: PdfLanguage, withContacts: boolean): string {
  const w = WORDS[lang].party;
  const colon = PUNCTUATION[lang].colon;
  const id = p.idNumber ? `${term(ID_TYPE_TERMS, p.idType, lang)}${colon}${p.idNumber}` : null;
  const contacts = withContacts ? [p.phone, p.email].filter(Boolean).join(PUNCTUATION[lang].comma) : '';
  const first = [`${heading}${colon}${p.name}`, p.address ? `${w.address}${colon}${p.address}` : null, id].filter(Boolean).join(w.clause);
  const lines = [`${first}${w.stop}`];
  if (p.legalRepresentative) lines.push(`${w.legalRepresentative}${colon}${p.legalRepresentative}${w.stop}`);
  if (contacts) lines.push(`${w.contact}${colon}${contacts}${w.stop}`);
  return lines.join('\n');
}

function partyBlocks(parties: readonly DocumentParty[], lang: PdfLanguage, withContacts: boolean, headings = partyHeadings(parties, lang)): PdfBlock[] {
  return parties.map((p, i) => ({ kind: 'paragraph' as const, text: partyParagraph(p, headings[i], lang, withContacts) }));
}

/** Every party applies jointly (CPL 205): each is an applicant, numbered when several. */
const applicantHeadings = (parties: readonly unknown[], lang: PdfLanguage): string[] =>
  parties.map((_p, i) => (parties.length > 1 ? WORDS[lang].applicantNumbered(i + 1) : SIDE_TERMS.applicant[lang]));

function scheduleText(schedule: readonly ScheduleLine[], lang: PdfLanguage, zone: string): string {
  const w = WORDS[lang].schedule;
  if (schedule.length === 0) return '—';
  const lines = schedule.map((l) => {
    const day = formatDate(l.lastDay, lang, zone);
    if (l.money)
      return w.money(l.obligor, l.beneficiary, day, moneyInLegalText(l.money.amount, l.money.currency, lang), l.money.instalment ? w.instalment(l.money.instalment) : '');
    return w.act(l.obligor, l.beneficiary, day, l.act ?? '');
  });
  return numberedLines(lines, lang).replace(/[；;]$/, w.end);
}

function agreementFields(a: AgreementFacts, lang: PdfLanguage, zone: string): PdfField[] {
  const w = WORDS[lang].agreement;
  const alg = term(HASH_ALGORITHM_TERMS, a.hashAlgorithm as HashAlgorithm, lang);
  return [
    { label: w.version, value: w.versionValue(a.version) },
    { label: w.since, value: formatDate(a.effectiveOn, lang, zone) },
    { label: w.hash(alg), value: a.hash, code: true },
    { label: w.signedSha, value: a.signedDocumentSha256, code: true },
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
  const w = WORDS[lang].application;
  const p = PUNCTUATION[lang];
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const names = input.parties.map((x) => x.name).join(p.list);
  const effective = formatDate(input.agreement.effectiveOn, lang, zone);
  const org = input.mediator.organisation ?? ISSUER[lang];
  const headings = applicantHeadings(input.parties, lang);
  const blocks: PdfBlock[] = [
    {
      kind: 'fields',
      rows: [
        { label: w.caseNumber, value: input.caseNumber },
        { label: w.matter, value: input.caseTitle },
      ],
    },
    ...partyBlocks(input.parties, lang, true, headings),
    { kind: 'heading', text: w.request },
    { kind: 'paragraph', text: w.requestText(effective, org, input.mediator.name) },
    { kind: 'heading', text: w.facts },
    { kind: 'paragraph', text: w.factsText(names, input.caseTitle, org, input.mediator.name, effective, input.agreement.result) },
    { kind: 'paragraph', text: w.performance(scheduleText(input.agreement.schedule, lang, zone)) },
    { kind: 'fields', rows: agreementFields(input.agreement, lang, zone) },
    { kind: 'heading', text: w.undertaking },
    { kind: 'paragraph', text: w.undertakingText },
    ...w.salutation(input.court).map((x) => ({ kind: 'paragraph' as const, ...x })),
    { kind: 'heading', text: w.enclosed },
    {
      kind: 'fields',
      rows: input.materials.map((m, i) => ({ label: p.item(i + 1, term(MATERIAL_ROLE_TERMS, m.role, lang)), value: `${m.name}\nSHA-256 ${m.sha256}`, code: true })),
    },
  ];
  return {
    documentId: input.documentId,
    title: w.title,
    issuer: ISSUER[lang],
    createdAt: input.lodgedAt,
    keywords: [w.keyword, input.caseNumber],
    blocks,
    attestation: {
      statement: w.statement,
      signatories: input.parties.map((x, i) => ({
        role: w.signatory(headings[i], x.name),
        name: x.consentedBy === x.name ? x.name : w.signingFor(x.consentedBy),
        signedAt: new Date(x.consentedAt),
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
  const w = WORDS[lang].ruling;
  const p = PUNCTUATION[lang];
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const names = input.parties.map((x) => x.name).join(p.list);
  const org = input.mediator.organisation ?? ISSUER[lang];
  const d = (day: string): string => formatDate(day, lang, zone);
  const alg = term(HASH_ALGORITHM_TERMS, input.agreement.hashAlgorithm as HashAlgorithm, lang);
  const confirmed = input.outcome === 'confirmed';
  const grounds = (input.grounds ?? []).map((g) => REJECTION_GROUND_LABELS[g][lang]).join(p.semicolon);
  const explanation = input.explanation?.trim().replace(/[。.；;，,]+$/, '');
  return {
    documentId: input.documentId,
    authority: input.court,
    title: w.title,
    subtitle: input.docketNumber,
    createdAt: input.decidedAt,
    keywords: [w.keyword, input.docketNumber],
    blocks: [
      ...partyBlocks(input.parties, lang, false, applicantHeadings(input.parties, lang)),
      { kind: 'paragraph', text: w.reviewed(names, d(input.lodgedOn), d(input.docketedOn)) },
      { kind: 'paragraph', text: w.agreed(d(input.agreement.effectiveOn), org, input.mediator.name, input.agreement.result) },
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, lang, zone) },
      { kind: 'note', text: w.identified(input.agreement.version, alg, input.agreement.hash) },
      { kind: 'paragraph', text: confirmed ? w.confirmedReasoning : w.rejectedReasoning(grounds, explanation) },
      { kind: 'paragraph', text: confirmed ? w.confirmed(names, d(input.agreement.effectiveOn), org) : w.rejected },
      { kind: 'paragraph', text: w.effect },
    ],
    closing: {
      signers: [{ role: w.judge, name: input.judge }],
      date: closingDate(input.decidedAt, lang, zone),
      seal: w.seal,
      after: [{ role: w.clerk, name: input.clerk ?? '\u3000\u3000\u3000\u3000' }],
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
  const w = WORDS[lang].attestation;
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const org = input.mediator.organisation ?? ISSUER[lang];
  return {
    documentId: input.documentId,
    authority: org,
    title: w.title,
    subtitle: w.subtitle(input.caseNumber),
    createdAt: input.issuedAt,
    keywords: [w.keyword, input.caseNumber],
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: w.caseNumber, value: input.caseNumber },
          { label: w.dispute, value: input.caseTitle },
        ],
      },
      { kind: 'heading', text: w.parties },
      ...partyBlocks(input.parties, lang, false),
      { kind: 'heading', text: w.mediation },
      {
        kind: 'fields',
        rows: [
          { label: w.mediator, value: input.mediator.name },
          { label: w.institution, value: org },
        ],
      },
      { kind: 'heading', text: w.settlement },
      { kind: 'paragraph', text: input.agreement.result },
      { kind: 'paragraph', text: scheduleText(input.agreement.schedule, lang, zone) },
      { kind: 'fields', rows: agreementFields(input.agreement, lang, zone) },
      ...(input.confirmation ? [{ kind: 'paragraph' as const, text: w.confirmedBy(input.confirmation.court, input.confirmation.docketNumber) }] : []),
    ],
    attestation: {
      statement: w.statement(org, input.mediator.name),
      signatories: [
        { role: w.mediator, name: input.mediator.name, signedAt: input.effectiveAt },
        { role: w.institution, name: org, signedAt: input.issuedAt },
      ],
    },
    closing: { signers: [{ role: '', name: org }], date: closingDate(input.issuedAt, lang, zone), seal: w.seal },
  };
}
