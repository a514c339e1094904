// Over 300 lines on purpose: the one PDF layout engine (blocks, fonts, CJK line breaking, page furniture)
// every document goes through.
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '../../common/documents-i18n/legal-dates';
import { DEFAULT_TIME_ZONE } from '../calendar/working-day-calendar';
import type { PdfBlock, PdfClosing, PdfDocumentSpec, PdfField, PdfLanguage, PdfSignatory } from './pdf-document.model';
import { missingGlyphs, pdfFont } from './pdf-fonts';

export interface RenderPdfOptions {
  /** Zone in which signature times are printed; the platform's zone by default. */
  timeZone?: string;
}

export class PdfRenderError extends Error {
  constructor(
    message: string,
    readonly missingCharacters: string[] = [],
  ) {
    super(message);
    this.name = 'PdfRenderError';
  }
}

interface Labels {
  documentId: string;
  page: (n: number, total: number) => string;
  signature: string;
  signedAt: string;
  date: string;
  /** Separator between a label and its value on one line. */
  colon: string;
  /**
   * Ragged-right in both languages: PDFKit justifies by widening spaces only, which tears open the
   * few spaces of a Chinese line; Chinese paragraphs are indented two characters instead.
   */
  align: 'justify' | 'left';
  /** First-line indent of a paragraph, in ems. */
  indent: number;
}

const LABELS: Record<PdfLanguage, Labels> = {
  'zh-CN': {
    documentId: '文书编号',
    page: (n, total) => `第 ${n} 页 / 共 ${total} 页`,
    signature: '签名',
    signedAt: '签署时间',
    date: '日期',
    colon: '：',
    align: 'left',
    indent: 2,
  },
  en: {
    documentId: 'Document ID',
    page: (n, total) => `Page ${n} of ${total}`,
    signature: 'Signature',
    signedAt: 'Signed at',
    date: 'Date',
    colon: ': ',
    align: 'left',
    indent: 0,
  },
};

// A4 in points; margins wide enough for binding on the left, as court files are bound.
const PAGE = { size: 'A4', margins: { top: 64, bottom: 72, left: 72, right: 64 } } as const;
const SIZE = { title: 18, subtitle: 12, heading: 12, body: 10.5, code: 8, footer: 8 } as const;
const GREY = '#555555';
const RULE = '#999999';

function allText(spec: PdfDocumentSpec, labels: Labels): string {
  const parts = [spec.documentId, spec.authority ?? '', spec.title, spec.subtitle ?? '', spec.issuer ?? '', ...(spec.keywords ?? [])];
  for (const block of spec.blocks) {
    if (block.kind === 'fields') for (const row of block.rows) parts.push(row.label, row.value);
    else parts.push(block.text);
  }
  if (spec.attestation) {
    parts.push(spec.attestation.statement ?? '');
    for (const s of spec.attestation.signatories) parts.push(s.role, s.name);
  }
  if (spec.closing) {
    parts.push(spec.closing.date, spec.closing.seal ?? '');
    for (const s of [...spec.closing.signers, ...(spec.closing.after ?? [])]) parts.push(s.role, s.name);
  }
  parts.push(labels.documentId, labels.page(1, 1), labels.signature, labels.signedAt, labels.date);
  return parts.join('\n');
}

function check(spec: PdfDocumentSpec, labels: Labels, timeZone: string): void {
  if (!(spec.createdAt instanceof Date) || Number.isNaN(spec.createdAt.getTime())) {
    throw new PdfRenderError('createdAt must be a valid Date');
  }
  if (!DateTime.local().setZone(timeZone).isValid) throw new PdfRenderError(`unknown time zone "${timeZone}"`);
  for (const s of spec.attestation?.signatories ?? []) {
    if (s.signedAt !== undefined && Number.isNaN(s.signedAt.getTime())) {
      throw new PdfRenderError(`signedAt of ${s.role} ${s.name} is not a valid Date`);
    }
  }
  // A character the font lacks would print as a blank box and vanish from the text layer. On a
  // legal document (a party's name, an amount) that is worse than not issuing it, so refuse.
  const missing = missingGlyphs(allText(spec, labels));
  if (missing.length > 0) {
    const list = missing.map((c) => `${c} (U+${(c.codePointAt(0) as number).toString(16).toUpperCase()})`).join(', ');
    throw new PdfRenderError(`the PDF font cannot draw: ${list}`, missing);
  }
}

/**
 * Lays the document out and returns the PDFKit document, a Readable of the PDF bytes: pipe it to
 * storage. Throws PdfRenderError before writing anything when the content cannot be rendered.
 */
export function renderPdfStream(spec: PdfDocumentSpec, language: PdfLanguage, options: RenderPdfOptions = {}): PDFKit.PDFDocument {
  const labels = LABELS[language];
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (language === 'en') spec = straightQuotes(spec);
  check(spec, labels, timeZone);

  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    // Pages are kept until the end so the footer can say "page n of N".
    bufferPages: true,
    lang: language,
    displayTitle: true,
    info: {
      Title: spec.title,
      // PDFKit fails on an info entry that is present but undefined, so leave absent ones out.
      ...(spec.subtitle !== undefined && { Subject: spec.subtitle }),
      ...(spec.issuer !== undefined && { Author: spec.issuer }),
      Keywords: [...(spec.keywords ?? []), spec.documentId].join(', '),
      Creator: 'Accord',
      CreationDate: spec.createdAt,
      ModDate: spec.createdAt,
    },
  });
  // Parsed fonts, not bytes: see pdfFont. PDFKit takes them; its type definitions do not say so.
  doc.registerFont('regular', pdfFont('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', pdfFont('bold') as unknown as PDFKit.Mixins.PDFFontSource);

  writeHeader(doc, spec);
  for (const block of spec.blocks) writeBlock(doc, block, labels);
  if (spec.attestation) {
    writeAttestation(doc, spec.attestation.statement, spec.attestation.signatories, labels, language, timeZone);
  }
  if (spec.closing) writeClosing(doc, spec.closing);
  writeFooters(doc, spec.documentId, labels);
  doc.end();
  return doc;
}

/**
 * The font is a CJK one, whose curly quotes are full-width: in English text "recipient’s" would
 * print as "recipient’ s". English documents get straight quotes instead.
 */
function straightQuotes(spec: PdfDocumentSpec): PdfDocumentSpec {
  return JSON.parse(
    JSON.stringify(spec, (_key, value: unknown) => (typeof value === 'string' ? value.replace(/[‘’]/g, "'").replace(/[“”]/g, '"') : value)),
    (key, value: unknown) => ((key === 'createdAt' || key === 'signedAt') && typeof value === 'string' ? new Date(value) : value),
  ) as PdfDocumentSpec;
}

/** Renders the whole document into memory. */
export async function renderPdf(spec: PdfDocumentSpec, language: PdfLanguage, options: RenderPdfOptions = {}): Promise<Buffer> {
  const doc = renderPdfStream(spec, language, options);
  const chunks: Buffer[] = [];
  for await (const chunk of doc as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function writeHeader(doc: PDFKit.PDFDocument, spec: PdfDocumentSpec): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  if (spec.authority) {
    doc.font('bold').fontSize(SIZE.title).fillColor('black').text(spec.authority, x, doc.y, { width, align: 'center' });
    doc.moveDown(0.2);
  }
  doc.font('bold').fontSize(SIZE.title).fillColor('black').text(spec.title, x, doc.y, { width, align: 'center' });
  if (spec.subtitle) {
    doc.moveDown(0.3).font('regular').fontSize(SIZE.subtitle).fillColor(GREY);
    doc.text(spec.subtitle, x, doc.y, { width, align: 'center' });
  }
  if (spec.issuer) {
    doc.moveDown(0.3).font('regular').fontSize(SIZE.body).fillColor(GREY);
    doc.text(spec.issuer, x, doc.y, { width, align: 'center' });
  }
  doc.moveDown(0.8);
  doc
    .moveTo(x, doc.y)
    .lineTo(x + width, doc.y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc.moveDown(0.8).fillColor('black');
}

function writeBlock(doc: PDFKit.PDFDocument, block: PdfBlock, labels: Labels): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  switch (block.kind) {
    case 'heading':
      // Keep a heading with at least two lines of what follows it.
      ensureSpace(doc, SIZE.heading * 2 + SIZE.body * 4);
      doc.moveDown(0.4).font('bold').fontSize(SIZE.heading).fillColor('black');
      doc.text(block.text, x, doc.y, { width });
      doc.moveDown(0.3);
      break;
    case 'paragraph':
      doc.font('regular').fontSize(SIZE.body).fillColor('black');
      doc.text(block.text, x, doc.y, { width, lineGap: 3, paragraphGap: 6, align: labels.align, indent: block.flush ? 0 : labels.indent * SIZE.body });
      doc.moveDown(0.3);
      break;
    case 'note':
      doc.font('regular').fontSize(SIZE.code).fillColor(GREY);
      doc.text(block.text, x, doc.y, { width, lineGap: 2, align: 'left' });
      doc.fillColor('black').moveDown(0.6);
      break;
    case 'fields':
      writeFields(doc, block.rows);
      break;
  }
}

function writeFields(doc: PDFKit.PDFDocument, rows: PdfField[]): void {
  if (rows.length === 0) return;
  const x = doc.page.margins.left;
  doc.font('regular').fontSize(SIZE.body).fillColor('black');
  doc.table({
    position: { x, y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: [{ width: 120 }, '*'],
    defaultStyle: { border: 0.5, borderColor: RULE, padding: [4, 6] },
    data: rows.map((row) => [
      { text: row.label, font: { src: 'bold', size: SIZE.body }, backgroundColor: '#f2f2f2' },
      { text: row.value, font: { src: 'regular', size: row.code ? SIZE.code : SIZE.body } },
    ]),
  });
  doc.x = x;
  doc.moveDown(0.8);
}

function writeAttestation(doc: PDFKit.PDFDocument, statement: string | undefined, signatories: PdfSignatory[], labels: Labels, language: PdfLanguage, timeZone: string): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  // Statement and signatures belong together: start a page rather than split them.
  doc.font('regular').fontSize(SIZE.body);
  const statementHeight = statement ? doc.heightOfString(statement, { width, lineGap: 3 }) + 12 : 0;
  ensureSpace(doc, statementHeight + signatories.length * (SIZE.body * 4.5) + 24);

  doc.moveDown(0.8);
  if (statement) {
    doc.font('regular').fontSize(SIZE.body).fillColor('black');
    doc.text(statement, x, doc.y, { width, lineGap: 3, align: labels.align });
    doc.moveDown(1);
  }
  for (const s of signatories) {
    doc.font('bold').fontSize(SIZE.body).fillColor('black');
    doc.text(`${s.role}${labels.colon}`, x, doc.y, { continued: true });
    doc.font('regular').text(s.name);
    doc.fillColor(GREY).fontSize(SIZE.body - 1);
    if (s.signedAt) {
      const when = formatDateTime(s.signedAt, language, timeZone, { seconds: true });
      doc.text(`${labels.signedAt}${labels.colon}${when}`, x, doc.y);
    } else {
      doc.text(`${labels.signature}${labels.colon}____________________    ${labels.date}${labels.colon}______________`, x, doc.y);
    }
    doc.fillColor('black').moveDown(0.9);
  }
}

/**
 * The closing block, set to the right as Chinese court and mediation documents close: who signs,
 * the date, a ringed area where the seal goes, then the clerk.
 */
function writeClosing(doc: PDFKit.PDFDocument, closing: PdfClosing): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const lines = closing.signers.length + (closing.after?.length ?? 0) + 1;
  ensureSpace(doc, lines * SIZE.body * 2.2 + (closing.seal ? 40 : 0) + 24);
  doc
    .moveDown(1.5)
    .font('regular')
    .fontSize(SIZE.body + 1)
    .fillColor('black');
  const line = (text: string): void => {
    doc.text(text, x, doc.y, { width, align: 'right' });
    doc.moveDown(0.6);
  };
  for (const s of closing.signers) line(s.role ? `${s.role}\u3000${s.name}` : s.name);
  doc.moveDown(0.4);
  const dateY = doc.y;
  line(closing.date);
  if (closing.seal) {
    // A ring over the date, where the seal is pressed (it overlaps the date, as seals do).
    const r = 38;
    const cx = x + width - doc.widthOfString(closing.date) / 2;
    const cy = dateY + SIZE.body / 2;
    doc.save().circle(cx, cy, r).lineWidth(0.75).dash(3, { space: 3 }).strokeColor(RULE).stroke().undash().restore();
    doc.font('regular').fontSize(SIZE.footer).fillColor(GREY);
    doc.text(closing.seal, cx - r, cy + r - SIZE.footer * 2.4, { width: 2 * r, align: 'center', lineBreak: false });
    doc
      .fillColor('black')
      .font('regular')
      .fontSize(SIZE.body + 1);
    doc.x = x;
    doc.y = Math.max(doc.y, cy + r + 6);
  }
  for (const s of closing.after ?? []) line(`${s.role}\u3000${s.name}`);
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function writeFooters(doc: PDFKit.PDFDocument, documentId: string, labels: Labels): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    const y = doc.page.height - bottom + 24;
    // Writing inside the bottom margin would make PDFKit start a new page; lift the margin meanwhile.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(SIZE.footer).fillColor(GREY);
    doc.text(`${labels.documentId}${labels.colon}${documentId}`, left, y, { width, align: 'left', lineBreak: false });
    doc.text(labels.page(i - range.start + 1, range.count), left, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
