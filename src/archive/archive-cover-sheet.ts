import { DateTime } from 'luxon';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { DEFAULT_TIME_ZONE } from '../deadlines/working-day-calendar';
import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { missingGlyphs } from '../infrastructure/pdf/pdf-fonts';
import { MANIFEST_PATH, type ManifestBody } from './archive-manifest';

/**
 * The cover sheet and catalogue (目录) of an archive, as a PdfDocumentSpec for the shared
 * renderer: the case, its parties, the archive's facts, every document with its hash, and the
 * event record. It cannot print the manifest hash, because the manifest lists this PDF's own
 * hash; it prints the event chain's last hash and tells the reader where the seal is.
 */

interface CoverLabels {
  title: string;
  sections: { case: string; parties: string; archive: string; catalogue: string; events: string };
  fields: Record<
    | 'number' | 'title' | 'disputeType' | 'source' | 'referral' | 'foreign' | 'outcome' | 'outcomeReason' | 'created'
    | 'submitted' | 'closed' | 'archivedAt' | 'retention' | 'algorithm' | 'eventCount' | 'lastHash' | 'documentCount'
    | 'totalSize',
    string
  >;
  yes: string;
  no: string;
  side: Record<'applicant' | 'respondent', string>;
  party: (name: string, kind: 'person' | 'organisation') => string;
  retention: (years: number, from: string, until: string) => string;
  documents: (total: number, sealed: number) => string;
  bytes: (n: number) => string;
  sealedDocument: string;
  sealedEvent: string;
  uploaded: string;
  path: string;
  verify: string;
  none: string;
  values: Record<string, string>;
}

const ZH: CoverLabels = {
  title: '电子档案封面及卷内目录',
  sections: { case: '案件信息', parties: '当事人', archive: '归档信息', catalogue: '卷内目录', events: '事件记录（全过程留痕）' },
  fields: {
    number: '案号',
    title: '案件名称',
    disputeType: '纠纷类型',
    source: '案件来源',
    referral: '委派／委托',
    foreign: '涉外因素',
    outcome: '结案方式',
    outcomeReason: '结案说明',
    created: '创建时间',
    submitted: '申请时间',
    closed: '结案时间',
    archivedAt: '归档时间',
    retention: '保管期限',
    algorithm: '哈希算法',
    eventCount: '事件数',
    lastHash: '事件链末端哈希',
    documentCount: '文件数',
    totalSize: '文件总大小',
  },
  yes: '有',
  no: '无',
  side: { applicant: '申请人', respondent: '被申请人' },
  party: (name, kind) => `${name}（${kind === 'person' ? '自然人' : '法人或其他组织'}）`,
  retention: (years, from, until) => `${years} 年（自 ${from} 起至 ${until} 止）`,
  documents: (total, sealed) => (sealed > 0 ? `${total} 件（其中密封 ${sealed} 件）` : `${total} 件`),
  bytes: (n) => `${n.toLocaleString('en-US')} 字节`,
  sealedDocument: '【密封】保密调解材料，仅限有权查看者查阅',
  sealedEvent: '【密封】',
  uploaded: '提交',
  path: '档案内路径',
  verify:
    `本档案由平台在结案后自动生成。${MANIFEST_PATH} 记载案件数据、完整事件链及每个文件的哈希值；` +
    '其自身的哈希值（封存值）记载于该文件的 seal 字段，并由平台另行保存。' +
    '可离线校验：npm run archive:verify -- 档案文件.zip。密封材料仅供原有权查看者查阅。',
  none: '（无）',
  values: {
    patent: '专利', utility_model: '实用新型', design: '外观设计', trademark: '商标', copyright: '著作权',
    trade_secret: '商业秘密', unfair_competition: '不正当竞争', ip_licence_contract: '知识产权许可及合同',
    international_commercial: '国际商事', other: '其他',
    online_application: '当事人申请', court_referral: '法院委派／委托',
    pre_filing: '诉前委派', post_filing_ordinary: '诉中委托（普通程序）', post_filing_simplified: '诉中委托（简易程序）',
    rejected_at_intake: '不予受理', not_corrected: '逾期未补正', withdrawn: '撤回申请',
    respondent_declined: '被申请人不同意调解', respondent_unreachable: '无法联系被申请人', mediation_failed: '调解不成',
    settled_without_confirmation: '达成调解协议（未经司法确认）', fulfilled: '调解协议履行完毕', defaulted: '调解协议未履行',
    evidence: '证据', application: '申请书', power_of_attorney: '授权委托书', identity_proof: '身份证明',
    referral_letter: '委派／委托函', correction_material: '补正材料',
  },
};

const EN: CoverLabels = {
  title: 'Electronic Case Archive: Cover Sheet and Catalogue',
  sections: { case: 'Case', parties: 'Parties', archive: 'Archive', catalogue: 'Catalogue', events: 'Event record (the whole process)' },
  fields: {
    number: 'Case number',
    title: 'Title',
    disputeType: 'Dispute type',
    source: 'Source',
    referral: 'Referral',
    foreign: 'Foreign element',
    outcome: 'Outcome',
    outcomeReason: 'Outcome note',
    created: 'Created',
    submitted: 'Submitted',
    closed: 'Closed',
    archivedAt: 'Archived',
    retention: 'Retention',
    algorithm: 'Hash algorithm',
    eventCount: 'Events',
    lastHash: 'Last event hash',
    documentCount: 'Documents',
    totalSize: 'Total size',
  },
  yes: 'yes',
  no: 'no',
  side: { applicant: 'Applicant', respondent: 'Respondent' },
  party: (name, kind) => `${name} (${kind === 'person' ? 'natural person' : 'organisation'})`,
  retention: (years, from, until) => `${years} years (from ${from} to ${until})`,
  documents: (total, sealed) => (sealed > 0 ? `${total} (${sealed} sealed)` : `${total}`),
  bytes: (n) => `${n.toLocaleString('en-US')} bytes`,
  sealedDocument: '[Sealed] confidential mediation material, for those entitled to see it only',
  sealedEvent: '[Sealed] ',
  uploaded: 'filed',
  path: 'Path in archive',
  verify:
    `This archive was generated by the platform after the case closed. ${MANIFEST_PATH} records the case data, the ` +
    'complete event chain and the hash of every file; its own hash (the seal) is in its "seal" member and kept ' +
    'by the platform. Verify offline with: npm run archive:verify -- ARCHIVE.zip. Sealed material is for those ' +
    'who were entitled to see it only.',
  none: '(none)',
  values: {
    patent: 'Patent', utility_model: 'Utility model', design: 'Design', trademark: 'Trademark', copyright: 'Copyright',
    trade_secret: 'Trade secret', unfair_competition: 'Unfair competition', ip_licence_contract: 'IP licence or contract',
    international_commercial: 'International commercial', other: 'Other',
    online_application: 'Online application', court_referral: 'Court referral',
    pre_filing: 'Pre-filing referral', post_filing_ordinary: 'Post-filing (ordinary procedure)',
    post_filing_simplified: 'Post-filing (simplified procedure)',
    rejected_at_intake: 'Rejected at intake', not_corrected: 'Not corrected in time', withdrawn: 'Withdrawn',
    respondent_declined: 'Respondent declined', respondent_unreachable: 'Respondent unreachable', mediation_failed: 'Mediation failed',
    settled_without_confirmation: 'Settled, not judicially confirmed', fulfilled: 'Agreement performed', defaulted: 'Agreement not performed',
    evidence: 'Evidence', application: 'Application', power_of_attorney: 'Power of attorney', identity_proof: 'Identity proof',
    referral_letter: 'Referral letter', correction_material: 'Correction material',
  },
};

const LABELS: Record<PdfLanguage, CoverLabels> = { 'zh-CN': ZH, en: EN };

const ALGORITHM_NAMES: Record<HashAlgorithm, string> = { sha256: 'SHA-256', sm3: 'SM3 (GB/T 32905-2016)' };

/**
 * Text the font cannot draw is written as its code point ("[U+1F600]") instead: the renderer
 * refuses such text, and one emoji in a file name must not stop a case from being archived.
 * The manifest keeps the exact text.
 */
export function printable(text: string): string {
  const missing = missingGlyphs(text);
  if (missing.length === 0) return text;
  const bad = new Set(missing);
  return [...text].map((ch) => (bad.has(ch) ? `[U+${(ch.codePointAt(0) as number).toString(16).toUpperCase()}]` : ch)).join('');
}

export interface CoverSheetOptions {
  /** Issuing organisation, printed under the title. */
  issuer?: string;
  /** Zone in which times are printed; the platform's by default. */
  timeZone?: string;
}

export function archiveCoverSheet(body: ManifestBody, language: PdfLanguage, options: CoverSheetOptions = {}): PdfDocumentSpec {
  const L = LABELS[language];
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const time = (iso: string | null): string =>
    iso === null ? '—' : DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd HH:mm:ss 'UTC'ZZ");
  const value = (v: string | null): string => (v === null ? '—' : (L.values[v] ?? v));
  const row = (label: string, v: string, code = false): PdfField => ({ label, value: printable(v), ...(code && { code }) });
  const c = body.case;

  const caseRows: PdfField[] = [
    row(L.fields.number, c.number),
    row(L.fields.title, c.title),
    row(L.fields.disputeType, value(c.disputeType)),
    row(L.fields.source, value(c.source)),
  ];
  if (c.referralType !== null || c.referralNumber !== null) {
    caseRows.push(row(L.fields.referral, [value(c.referralType), c.referralNumber ?? ''].filter((s) => s !== '').join(' · ')));
  }
  caseRows.push(
    row(L.fields.foreign, c.foreignElement ? L.yes : L.no),
    row(L.fields.outcome, value(c.outcome)),
    ...(c.outcomeReason ? [row(L.fields.outcomeReason, c.outcomeReason)] : []),
    row(L.fields.created, time(c.createdAt)),
    row(L.fields.submitted, time(c.submittedAt)),
    row(L.fields.closed, time(c.closedAt)),
  );

  const partyRows = c.parties.map((p) =>
    row(
      `${L.side[p.side]} ${p.position}`,
      [L.party(p.name, p.kind), p.idNumber ? `${p.idType ?? ''} ${p.idNumber}`.trim() : ''].filter((s) => s !== '').join('\n'),
    ),
  );

  const sealedCount = body.documents.filter((d) => d.sealed).length;
  const totalBytes = body.documents.reduce((sum, d) => sum + d.size, 0);
  const algorithm = ALGORITHM_NAMES[body.algorithm];
  const archiveRows: PdfField[] = [
    row(L.fields.archivedAt, time(body.archivedAt)),
    row(L.fields.retention, L.retention(body.retention.years, body.retention.from, body.retention.until)),
    row(L.fields.algorithm, algorithm),
    row(L.fields.eventCount, String(body.eventChain.count)),
    row(L.fields.lastHash, body.eventChain.lastHash, true),
    row(L.fields.documentCount, L.documents(body.documents.length, sealedCount)),
    row(L.fields.totalSize, L.bytes(totalBytes)),
  ];

  const catalogueRows = body.documents.map((d, i) =>
    row(
      String(i + 1),
      [
        d.sealed ? L.sealedDocument : d.filename,
        `${value(d.kind)} · ${L.bytes(d.size)} · ${L.uploaded} ${time(d.uploadedAt)}`,
        `${body.algorithm.toUpperCase()} ${d.hash}`,
        ...(body.algorithm === 'sha256' ? [] : [`SHA256 ${d.sha256}`]),
        `${L.path}: ${d.path}`,
      ].join('\n'),
      true,
    ),
  );

  const eventRows = body.events.map((e) =>
    row(`#${e.sequence}`, `${time(e.occurredAt)} · ${e.sealed ? L.sealedEvent : ''}${e.type} · ${e.actorRole}\n${e.hash}`, true),
  );

  const blocks: PdfBlock[] = [
    { kind: 'heading', text: L.sections.case },
    { kind: 'fields', rows: caseRows },
    { kind: 'heading', text: L.sections.parties },
    partyRows.length > 0 ? { kind: 'fields', rows: partyRows } : { kind: 'paragraph', text: L.none },
    { kind: 'heading', text: L.sections.archive },
    { kind: 'fields', rows: archiveRows },
    { kind: 'paragraph', text: L.verify },
    { kind: 'heading', text: L.sections.catalogue },
    catalogueRows.length > 0 ? { kind: 'fields', rows: catalogueRows } : { kind: 'paragraph', text: L.none },
    { kind: 'heading', text: L.sections.events },
    { kind: 'fields', rows: eventRows },
  ];

  return {
    documentId: `${c.number}-archive`,
    title: L.title,
    subtitle: printable(`${c.number} ${c.title}`),
    ...(options.issuer !== undefined && { issuer: printable(options.issuer) }),
    createdAt: new Date(body.archivedAt),
    keywords: [c.number, 'archive'],
    blocks,
  };
}
