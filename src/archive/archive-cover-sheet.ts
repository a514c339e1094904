import { formatDate, formatDateTime, PUNCTUATION } from '../common/documents-i18n';
import {
  CASE_ROLE_TERMS,
  DISPUTE_TYPE_TERMS,
  DOCUMENT_KIND_TERMS,
  eventTerm,
  HASH_ALGORITHM_TERMS,
  ID_TYPE_TERMS,
  OUTCOME_TERMS,
  PERSON_KIND_TERMS,
  REFERRAL_TERMS,
  SOURCE_TERMS,
  term,
} from '../terms/terms';
import { partyHeadings } from '../terms/party-numbering';
import { DEFAULT_TIME_ZONE } from '../infrastructure/calendar/working-day-calendar';
import type { PdfBlock, PdfDocumentSpec, PdfField, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { missingGlyphs } from '../infrastructure/pdf/pdf-fonts';
import { ISSUER } from '../service-of-process/service-documents';
import { MANIFEST_PATH, type ManifestBody } from './archive-manifest';

/**
 * The cover sheet and catalogue (目录) of an archive, as a PdfDocumentSpec for the shared
 * renderer: the case, its parties, the archive's facts, every document with its hash, and the
 * event record. It cannot print the manifest hash, because the manifest lists this PDF's own
 * hash; it prints the event chain's last hash and tells the reader where the seal is.
 */

interface CoverLabels {
  title: string;
  sections: { cover: string; parties: string; archive: string; verify: string; catalogue: string; events: string };
  fields: Record<
    | 'number'
    | 'title'
    | 'disputeType'
    | 'source'
    | 'referral'
    | 'foreign'
    | 'outcome'
    | 'outcomeReason'
    | 'submitted'
    | 'closed'
    | 'archivedAt'
    | 'archivedBy'
    | 'retention'
    | 'algorithm'
    | 'eventCount'
    | 'lastHash'
    | 'documentCount'
    | 'totalSize',
    string
  >;
  yes: string;
  no: string;
  retention: (years: number, from: string, until: string) => string;
  documents: (total: number, sealed: number) => string;
  bytes: (n: number) => string;
  sealedDocument: string;
  sealedEvent: string;
  filed: (when: string, size: string) => string;
  path: string;
  verify: (url: string, caseNumber: string, manifest: string) => string;
  none: string;
}

const ZH: CoverLabels = {
  title: '调解卷宗',
  sections: { cover: '卷宗封面', parties: '当事人', archive: '立卷信息', verify: '核验方法', catalogue: '卷内目录', events: '案件流程记录（全过程留痕）' },
  fields: {
    number: '案号',
    title: '卷名',
    disputeType: '纠纷类型',
    source: '案件来源',
    referral: '委派／委托',
    foreign: '涉外因素',
    outcome: '结案方式',
    outcomeReason: '结案说明',
    submitted: '收案日期',
    closed: '结案日期',
    archivedAt: '立卷日期',
    archivedBy: '立卷人',
    retention: '保管期限',
    algorithm: '哈希算法',
    eventCount: '流程记录条数',
    lastHash: '流程记录末条哈希',
    documentCount: '卷内文件',
    totalSize: '文件总大小',
  },
  yes: '有',
  no: '无',
  retention: (years, from, until) => `${years} 年（自${from}起至${until}止）`,
  documents: (total, sealed) => (sealed > 0 ? `${total} 件（其中密封 ${sealed} 件）` : `${total} 件`),
  bytes: (n) => `${n.toLocaleString('en-US')} 字节`,
  sealedDocument: '【密封】保密调解材料，仅限有权查看者查阅',
  sealedEvent: '【密封】',
  filed: (when, size) => `提交日期：${when}\u3000大小：${size}`,
  path: '档案内位置',
  verify: (url, caseNumber, manifest) =>
    `本卷宗由平台在结案后自动立卷并封存，卷内每个文件和每条流程记录的哈希值均记载于档案中的 ${manifest}，其整体哈希值（封存值）由平台另行保存。` +
    `核验时，请在浏览器中打开 ${url}，以有权查看本案的账户登录，进入本案（案号 ${caseNumber}）的“归档”页，选择“核验档案”。` +
    '平台将重新计算每个文件和每条记录的哈希值并与封存值比对，显示“核验通过”即表明卷宗自封存以来未被改动；如显示不一致，请勿使用本卷宗并联系平台。' +
    '密封材料仅供原有权查看者查阅。',
  none: '（无）',
};

const EN: CoverLabels = {
  title: 'Mediation Case File',
  sections: {
    cover: 'Cover',
    parties: 'Parties',
    archive: 'Filing',
    verify: 'How to verify this file',
    catalogue: 'Catalogue of documents',
    events: 'Record of the proceedings (every step)',
  },
  fields: {
    number: 'Case number',
    title: 'Title',
    disputeType: 'Type of dispute',
    source: 'Source',
    referral: 'Referral',
    foreign: 'Foreign element',
    outcome: 'Outcome',
    outcomeReason: 'Outcome note',
    submitted: 'Received',
    closed: 'Closed',
    archivedAt: 'Filed',
    archivedBy: 'Filed by',
    retention: 'Retention',
    algorithm: 'Hash algorithm',
    eventCount: 'Entries in the record',
    lastHash: 'Hash of the last entry',
    documentCount: 'Documents',
    totalSize: 'Total size',
  },
  yes: 'yes',
  no: 'no',
  retention: (years, from, until) => `${years} years (from ${from} to ${until})`,
  documents: (total, sealed) => (sealed > 0 ? `${total} (${sealed} sealed)` : `${total}`),
  bytes: (n) => `${n.toLocaleString('en-US')} bytes`,
  sealedDocument: '[Sealed] confidential mediation material, for those entitled to see it only',
  sealedEvent: '[Sealed] ',
  filed: (when, size) => `filed ${when}, ${size}`,
  path: 'Location in the archive',
  verify: (url, caseNumber, manifest) =>
    `The platform filed and sealed this case file when the case closed. The hash of every document and of every entry in the record is written in the archive's ${manifest}; the hash of the whole (the seal) is kept by the platform. ` +
    `To verify it, open ${url} in a browser, sign in with an account entitled to see this case, go to the case (case number ${caseNumber}), open its "Archive" page and choose "Verify archive". ` +
    'The platform recomputes every hash and compares it with the seal: "verified" means the file has not changed since it was sealed; if it reports a mismatch, do not rely on this file and contact the platform. ' +
    'Sealed material is for those who were entitled to see it only.',
  none: '(none)',
};

const LABELS: Record<PdfLanguage, CoverLabels> = { 'zh-CN': ZH, en: EN };

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
  /** Where people verify the archive online (PUBLIC_URL). */
  verifyUrl?: string;
}

export function archiveCoverSheet(body: ManifestBody, language: PdfLanguage, options: CoverSheetOptions = {}): PdfDocumentSpec {
  const L = LABELS[language];
  const P = PUNCTUATION[language];
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const time = (iso: string | null): string => (iso === null ? '—' : formatDateTime(new Date(iso), language, zone));
  const day = (iso: string | null): string => (iso === null ? '—' : formatDate(iso.length === 10 ? iso : new Date(iso), language, zone));
  const row = (label: string, v: string, code = false): PdfField => ({ label, value: printable(v), ...(code && { code }) });
  const c = body.case;
  const issuer = options.issuer ?? ISSUER[language];

  const caseRows: PdfField[] = [
    row(L.fields.title, c.title),
    row(L.fields.number, c.number),
    row(L.fields.disputeType, term(DISPUTE_TYPE_TERMS, c.disputeType, language)),
    row(L.fields.source, term(SOURCE_TERMS, c.source, language)),
  ];
  if (c.referralType !== null || c.referralNumber !== null) {
    caseRows.push(row(L.fields.referral, [c.referralType ? term(REFERRAL_TERMS, c.referralType, language) : '', c.referralNumber ?? ''].filter((s) => s !== '').join(P.comma)));
  }
  caseRows.push(
    row(L.fields.foreign, c.foreignElement ? L.yes : L.no),
    row(L.fields.outcome, term(OUTCOME_TERMS, c.outcome, language)),
    ...(c.outcomeReason ? [row(L.fields.outcomeReason, c.outcomeReason)] : []),
    row(L.fields.submitted, day(c.submittedAt ?? c.createdAt)),
    row(L.fields.closed, day(c.closedAt)),
    row(L.fields.archivedAt, day(body.archivedAt)),
    row(L.fields.archivedBy, issuer),
    row(L.fields.retention, L.retention(body.retention.years, day(body.retention.from), day(body.retention.until))),
  );

  const headings = partyHeadings(c.parties, language);
  const partyRows = c.parties.map((p, i) =>
    row(
      headings[i],
      [P.aside(p.name, PERSON_KIND_TERMS[p.kind][language]), p.idNumber ? `${term(ID_TYPE_TERMS, p.idType, language)}${P.colon}${p.idNumber}` : '']
        .filter((s) => s !== '')
        .join('\n'),
    ),
  );

  const sealedCount = body.documents.filter((d) => d.sealed).length;
  const totalBytes = body.documents.reduce((sum, d) => sum + d.size, 0);
  const algorithm = term(HASH_ALGORITHM_TERMS, body.algorithm, language);
  const archiveRows: PdfField[] = [
    row(L.fields.documentCount, L.documents(body.documents.length, sealedCount)),
    row(L.fields.totalSize, L.bytes(totalBytes)),
    row(L.fields.algorithm, algorithm),
    row(L.fields.eventCount, String(body.eventChain.count)),
    row(L.fields.lastHash, body.eventChain.lastHash, true),
  ];

  // The catalogue (卷内目录): number, the document's title (its kind, then its file name), date, hashes.
  const catalogueRows = body.documents.map((d, i) =>
    row(
      String(i + 1),
      [
        d.sealed ? L.sealedDocument : `${term(DOCUMENT_KIND_TERMS, d.kind, language)}${P.colon}${d.filename}`,
        L.filed(day(d.uploadedAt), L.bytes(d.size)),
        `${algorithm} ${d.hash}`,
        ...(body.algorithm === 'sha256' ? [] : [`SHA-256 ${d.sha256}`]),
        `${L.path}${P.colon}${d.path}`,
      ].join('\n'),
      true,
    ),
  );

  const eventRows = body.events.map((e) =>
    row(
      String(e.sequence),
      `${time(e.occurredAt)}\u3000${e.sealed ? L.sealedEvent : ''}${P.aside(eventTerm(e.type, language), term(CASE_ROLE_TERMS, e.actorRole, language))}\n${e.hash}`,
      true,
    ),
  );

  const blocks: PdfBlock[] = [
    { kind: 'heading', text: L.sections.cover },
    { kind: 'fields', rows: caseRows },
    { kind: 'heading', text: L.sections.parties },
    partyRows.length > 0 ? { kind: 'fields', rows: partyRows } : { kind: 'paragraph', text: L.none },
    { kind: 'heading', text: L.sections.archive },
    { kind: 'fields', rows: archiveRows },
    { kind: 'heading', text: L.sections.verify },
    { kind: 'paragraph', text: L.verify(options.verifyUrl ?? ISSUER[language], c.number, MANIFEST_PATH) },
    { kind: 'heading', text: L.sections.catalogue },
    catalogueRows.length > 0 ? { kind: 'fields', rows: catalogueRows } : { kind: 'paragraph', text: L.none },
    { kind: 'heading', text: L.sections.events },
    { kind: 'fields', rows: eventRows },
  ];

  return {
    documentId: `${c.number}-archive`,
    title: L.title,
    subtitle: printable(`${c.number}\u3000${c.title}`),
    issuer: printable(issuer),
    createdAt: new Date(body.archivedAt),
    keywords: [c.number, 'archive'],
    blocks,
  };
}
