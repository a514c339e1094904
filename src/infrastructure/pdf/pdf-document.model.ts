/**
 * Structured content of a platform document (service certificate, agreement, ruling, archive
 * cover sheet…). Features build one of these; `renderPdf` lays it out, so every document shares
 * one look, one font and one footer.
 */

export type PdfLanguage = 'zh-CN' | 'en';

export interface PdfDocumentSpec {
  /** Printed in every page's footer and stored in the PDF's metadata, so a printout leads back to the record. */
  documentId: string;
  /** Printed above the title, as a court's name heads its ruling (杭州市中级人民法院 / 民事裁定书). */
  authority?: string;
  title: string;
  subtitle?: string;
  /** The issuing organisation; stored as the PDF's Author. */
  issuer?: string;
  /** When the document was issued; stored as the PDF's CreationDate and ModDate. */
  createdAt: Date;
  keywords?: string[];
  blocks: PdfBlock[];
  /** Closing statement and signature lines, kept together on one page. */
  attestation?: PdfAttestation;
  /** The closing block set to the right: signers, the date, the seal area, then e.g. the clerk. */
  closing?: PdfClosing;
}

export interface PdfClosing {
  /** Above the date: 审判员 王明, or the issuing organisation. */
  signers: { role: string; name: string }[];
  /** Already in the document's style: 二〇二六年十二月六日 / 6 December 2026. */
  date: string;
  /** Label of the area left for the seal, e.g. （院印）; no area without it. */
  seal?: string;
  /** Below the date: 书记员 周敏. */
  after?: { role: string; name: string }[];
}

export type PdfBlock =
  | { kind: 'heading'; text: string }
  /** Chinese paragraphs start two characters in, as official documents do; `flush` keeps one at the margin (an addressee line, 此致). */
  | { kind: 'paragraph'; text: string; flush?: boolean }
  /** Small print: identifiers and hashes that bind a document to a record, set apart from its text. */
  | { kind: 'note'; text: string }
  | { kind: 'fields'; rows: PdfField[] };

export interface PdfField {
  label: string;
  value: string;
  /** Hashes, ids, numbers: set smaller so a 64-digit hash keeps to one line. */
  code?: boolean;
}

export interface PdfAttestation {
  statement?: string;
  signatories: PdfSignatory[];
}

export interface PdfSignatory {
  /** e.g. 调解员 / Mediator, 受送达人 / Recipient. */
  role: string;
  name: string;
  /** When signed electronically; without it a line is left for a handwritten signature. */
  signedAt?: Date;
}
