// Over 300 lines on purpose: the manifest's format and hashing in one pure module that the writer and the
// verifier share, so that they cannot disagree about what an archive is.
import { canonicalJson } from '../common/hashing/canonical-json';
import { verifyChain, type ChainEvent } from '../common/hashing/event-chain';
import { hashOf, isHashAlgorithm, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import { ANY_PARTY, APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from '../cases/lifecycle/case-roles';
import type { DocumentVisibility } from '../documents/document.entity';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import type { ArchiveRetention } from './archive-retention';
import type { TrustedTimestampRecord } from './trusted-timestamper';

/**
 * The archive's manifest (manifest.json): what the case was, its whole event chain, and every
 * file in the ZIP with its hash. The manifest hash, over the canonical JSON of everything but
 * the `seal`, therefore covers every byte of the archive: one value seals it all.
 *
 * Everything here is pure; the writer streams and the verifier reads.
 */

export const ARCHIVE_FORMAT = 'accord-case-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const DOCUMENTS_FOLDER = 'documents';
/** Confidential mediation material sits apart, so an extract for the court can leave it out whole. */
export const SEALED_FOLDER = 'sealed';

/** How each hash is made, written into the manifest so a reader without our code can check it. */
export const VERIFICATION_RULES = {
  files: 'hex digest, with the manifest algorithm, of the file bytes as stored in the ZIP (after inflating)',
  documents: 'hash: as files; sha256: SHA-256 of the same bytes, as recorded when the document was uploaded',
  events:
    'hash: hex digest, with the event algorithm, of the RFC 8785 canonical JSON of {alg, prevHash, sequence, type, actorId, occurredAt, payload}; prevHash of event 1 is 64 zeros; each prevHash is the previous hash; the last hash is eventChain.lastHash',
  manifest: 'seal.manifestHash: hex digest, with the manifest algorithm, of the RFC 8785 canonical JSON of this manifest without its "seal" member',
} as const;

// ---------------------------------------------------------------------------------------------
// What the caller passes in (loaded from the database by the archive job).

export interface ArchiveParty {
  side: 'applicant' | 'respondent';
  position: number;
  kind: 'person' | 'organisation';
  name: string;
  idType: string | null;
  idNumber: string | null;
}

export interface ArchiveCaseInput {
  id: string;
  number: string;
  title: string;
  disputeType: string;
  source: string;
  referralType: string | null;
  referralNumber: string | null;
  outcome: string;
  outcomeReason: string | null;
  foreignElement: boolean;
  parties: ArchiveParty[];
  createdAt: Date;
  submittedAt: Date | null;
  closedAt: Date;
}

export interface ArchiveEventInput {
  sequence: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  occurredAt: Date;
  payload: unknown;
  prevHash: string;
  hash: string;
  algorithm: HashAlgorithm;
  /** Mediation content (docs/procedural-rules.md B10): archived sealed. */
  confidential: boolean;
  /** Who may see it, when narrower than the default for confidential events (e.g. a caucus). */
  visibleTo?: readonly string[];
}

export interface ArchiveDocumentInput {
  id: string;
  kind: string;
  visibility: string;
  side: 'applicant' | 'respondent' | null;
  filename: string;
  contentType: string;
  size: number;
  /** As recorded at upload; the writer checks the stored bytes still match it. */
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  supersedesId: string | null;
  /** Forces sealing whatever the visibility tier says. */
  confidential?: boolean;
  visibleTo?: readonly string[];
}

export interface ArchiveInput {
  case: ArchiveCaseInput;
  events: readonly ArchiveEventInput[];
  documents: readonly ArchiveDocumentInput[];
}

// ---------------------------------------------------------------------------------------------
// The manifest as written (JSON: dates are ISO 8601 UTC strings).

export interface ManifestCase extends Omit<ArchiveCaseInput, 'createdAt' | 'submittedAt' | 'closedAt'> {
  createdAt: string;
  submittedAt: string | null;
  closedAt: string;
}

/** Sealed items stay in the archive for the record, visible only to the listed case roles. */
export interface Sealing {
  sealed: boolean;
  /** Case roles that may see a sealed item; null when the item is not sealed. */
  visibleTo: string[] | null;
}

export interface ManifestEvent extends Sealing {
  sequence: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  occurredAt: string;
  payload: unknown;
  prevHash: string;
  hash: string;
  algorithm: HashAlgorithm;
}

export interface ManifestDocument extends Sealing {
  id: string;
  /** Where the bytes are in the ZIP. */
  path: string;
  filename: string;
  kind: string;
  visibility: string;
  side: 'applicant' | 'respondent' | null;
  contentType: string;
  size: number;
  /** With the manifest's algorithm. */
  hash: string;
  /** SHA-256, the platform's own record of the document since its upload. */
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
  supersedesId: string | null;
}

/** A file the archive job generated (cover sheet and catalogue). */
export interface ManifestFile {
  path: string;
  role: 'cover';
  language: PdfLanguage;
  contentType: string;
  size: number;
  hash: string;
}

export interface ArchiveSeal {
  algorithm: HashAlgorithm;
  manifestHash: string;
  /** Made over manifestHash; null when the archive was written without a timestamper. */
  trustedTimestamp: TrustedTimestampRecord | null;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: typeof ARCHIVE_FORMAT_VERSION;
  generator: string;
  /** Algorithm of every file hash and of the manifest hash. */
  algorithm: HashAlgorithm;
  archivedAt: string;
  verification: typeof VERIFICATION_RULES;
  case: ManifestCase;
  retention: ArchiveRetention;
  eventChain: { count: number; lastHash: string };
  events: ManifestEvent[];
  documents: ManifestDocument[];
  files: ManifestFile[];
  seal: ArchiveSeal;
}

export type UnsealedManifest = Omit<ArchiveManifest, 'seal'>;

// ---------------------------------------------------------------------------------------------

export class ArchiveInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveInputError';
  }
}

const HEX_256 = /^[0-9a-f]{64}$/;

/**
 * Refuses input that must not be sealed: a broken event chain (sealing it would certify a
 * tampered history), a case that is not closed, duplicate or malformed documents.
 */
export function assertArchivable(input: ArchiveInput): void {
  const c = input.case;
  if (!c.closedAt || Number.isNaN(c.closedAt.getTime())) throw new ArchiveInputError(`case ${c.number} has no closing time`);
  if (!c.outcome) throw new ArchiveInputError(`case ${c.number} has no outcome`);
  if (input.events.length === 0) throw new ArchiveInputError(`case ${c.number} has no events`);
  const chain = verifyChain(input.events.map(toChainEvent));
  if (!chain.ok) {
    throw new ArchiveInputError(`the event chain of case ${c.number} is broken at event ${chain.brokenAt} (${chain.reason}): ${chain.detail}`);
  }
  const ids = new Set<string>();
  for (const d of input.documents) {
    if (ids.has(d.id)) throw new ArchiveInputError(`document ${d.id} is listed twice`);
    ids.add(d.id);
    if (!Number.isSafeInteger(d.size) || d.size < 0) throw new ArchiveInputError(`document ${d.id} has an invalid size`);
    if (!HEX_256.test(d.sha256)) throw new ArchiveInputError(`document ${d.id} has no valid SHA-256`);
  }
}

export function toChainEvent(e: Pick<ArchiveEventInput, 'sequence' | 'type' | 'actorId' | 'occurredAt' | 'payload' | 'prevHash' | 'hash' | 'algorithm'>): ChainEvent {
  return {
    alg: e.algorithm,
    prevHash: e.prevHash,
    sequence: e.sequence,
    type: e.type,
    actorId: e.actorId,
    occurredAt: e.occurredAt,
    payload: e.payload,
    hash: e.hash,
  };
}

const PARTY_ROLES: readonly string[] = [...ANY_PARTY, CaseRole.Mediator];
// Type-checked against the enum without loading the entity (and TypeORM) into the offline verifier.
const OWN_SIDE_AND_MEDIATOR: `${DocumentVisibility.OwnSideAndMediator}` = 'own_side_and_mediator';
const MEDIATION_CONFIDENTIAL: `${DocumentVisibility.MediationConfidential}` = 'mediation_confidential';

/**
 * Confidential mediation content is sealed (DESIGN.md §5, docs/procedural-rules.md B10): a document of the
 * `own_side_and_mediator` tier stays with that side and the mediator; one of the
 * `mediation_confidential` tier and a confidential event with the participants (never the
 * court or administrators). The uploader of a document keeps access to it too (`uploadedBy`).
 */
export function documentSealing(d: Pick<ArchiveDocumentInput, 'visibility' | 'side' | 'confidential' | 'visibleTo'>): Sealing {
  const sealed = d.confidential === true || d.visibility === OWN_SIDE_AND_MEDIATOR || d.visibility === MEDIATION_CONFIDENTIAL;
  if (!sealed) return { sealed: false, visibleTo: null };
  if (d.visibleTo) return { sealed: true, visibleTo: [...d.visibleTo] };
  if (d.visibility === MEDIATION_CONFIDENTIAL) return { sealed: true, visibleTo: [...PARTY_ROLES] };
  const side = d.side === 'applicant' ? APPLICANT_SIDE : d.side === 'respondent' ? RESPONDENT_SIDE : [];
  return { sealed: true, visibleTo: [...side, CaseRole.Mediator] };
}

export function eventSealing(e: Pick<ArchiveEventInput, 'confidential' | 'visibleTo'>): Sealing {
  if (!e.confidential) return { sealed: false, visibleTo: null };
  return { sealed: true, visibleTo: e.visibleTo ? [...e.visibleTo] : [...PARTY_ROLES] };
}

const MAX_NAME_CHARS = 100;

/**
 * A document's file name as a ZIP entry name: no separators, control or reserved characters,
 * at most 100 characters (the extension kept). The number in front keeps names unique and in
 * filing order. The real name is in the manifest.
 */
export function entryFileName(index: number, filename: string): string {
  let name = filename
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') name = 'document';
  const chars = [...name];
  if (chars.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, MAX_NAME_CHARS - [...ext].length).join('') + ext;
  }
  return `${String(index).padStart(3, '0')}-${name}`;
}

export interface PlannedDocument {
  source: ArchiveDocumentInput;
  path: string;
  sealing: Sealing;
}

/**
 * Documents in filing order (upload time, then id: the same order on every run), with their
 * ZIP paths. A sealed document's name may itself be confidential ("settlement floor.pdf"), so
 * its path keeps only the number and the extension; the manifest has the real name.
 */
export function planDocuments(documents: readonly ArchiveDocumentInput[]): PlannedDocument[] {
  const ordered = [...documents].sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.map((source, i) => {
    const sealing = documentSealing(source);
    const path = sealing.sealed
      ? `${SEALED_FOLDER}/${String(i + 1).padStart(3, '0')}${/\.[A-Za-z0-9]{1,10}$/.exec(source.filename)?.[0] ?? ''}`
      : `${DOCUMENTS_FOLDER}/${entryFileName(i + 1, source.filename)}`;
    return { source, sealing, path };
  });
}

export function manifestCase(c: ArchiveCaseInput): ManifestCase {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    disputeType: c.disputeType,
    source: c.source,
    referralType: c.referralType,
    referralNumber: c.referralNumber,
    outcome: c.outcome,
    outcomeReason: c.outcomeReason,
    foreignElement: c.foreignElement,
    parties: [...c.parties]
      .sort((a, b) => (a.side === b.side ? a.position - b.position : a.side === 'applicant' ? -1 : 1))
      .map((p) => ({ side: p.side, position: p.position, kind: p.kind, name: p.name, idType: p.idType, idNumber: p.idNumber })),
    createdAt: c.createdAt.toISOString(),
    submittedAt: c.submittedAt ? c.submittedAt.toISOString() : null,
    closedAt: c.closedAt.toISOString(),
  };
}

export function manifestEvent(e: ArchiveEventInput): ManifestEvent {
  return {
    sequence: e.sequence,
    type: e.type,
    actorId: e.actorId,
    actorRole: e.actorRole,
    // The chain hashes the millisecond instant as an ISO string; keep exactly that form.
    occurredAt: e.occurredAt.toISOString(),
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
    algorithm: e.algorithm,
    ...eventSealing(e),
  };
}

/** A planned document once its bytes went through the writer. */
export function manifestDocument(plan: PlannedDocument, digest: { hash: string; sha256: string; size: number }): ManifestDocument {
  const d = plan.source;
  return {
    id: d.id,
    path: plan.path,
    filename: d.filename,
    kind: d.kind,
    visibility: d.visibility,
    side: d.side,
    contentType: d.contentType,
    size: digest.size,
    hash: digest.hash,
    sha256: digest.sha256,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
    supersedesId: d.supersedesId,
    ...plan.sealing,
  };
}

/** Everything but the generated files and the seal: what the cover sheet is drawn from. */
export type ManifestBody = Omit<UnsealedManifest, 'files'>;

export function buildManifestBody(args: {
  input: ArchiveInput;
  algorithm: HashAlgorithm;
  archivedAt: Date;
  retention: ArchiveRetention;
  documents: ManifestDocument[];
}): ManifestBody {
  if (!isHashAlgorithm(args.algorithm)) throw new ArchiveInputError(`unsupported hash algorithm "${String(args.algorithm)}"`);
  const events = [...args.input.events].sort((a, b) => a.sequence - b.sequence).map(manifestEvent);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    generator: 'Accord',
    algorithm: args.algorithm,
    archivedAt: args.archivedAt.toISOString(),
    verification: VERIFICATION_RULES,
    case: manifestCase(args.input.case),
    retention: args.retention,
    eventChain: { count: events.length, lastHash: events.at(-1)?.hash ?? '' },
    events,
    documents: args.documents,
  };
}

/** The archive's own hash: the manifest's algorithm over its canonical JSON without `seal`. */
export function computeManifestHash(manifest: UnsealedManifest | ArchiveManifest): string {
  const { seal: _seal, ...unsealed } = manifest as ArchiveManifest;
  return hashOf(unsealed.algorithm, canonicalJson(unsealed));
}

/** The manifest as stored: indented for people; the hash does not depend on the layout. */
export function serializeManifest(manifest: ArchiveManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/**
 * Identifies the archive's inputs without reading any document: the same closed case gives the
 * same value on every attempt, so a retried job finds the object an earlier attempt stored.
 */
export function archiveFingerprint(input: ArchiveInput, algorithm: HashAlgorithm, languages: readonly PdfLanguage[]): string {
  const lastEvent = [...input.events].sort((a, b) => a.sequence - b.sequence).at(-1);
  return hashOf(
    'sha256',
    canonicalJson({
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      algorithm,
      languages: [...languages],
      caseId: input.case.id,
      outcome: input.case.outcome,
      closedAt: input.case.closedAt,
      events: input.events.length,
      lastEventHash: lastEvent?.hash ?? null,
      documents: planDocuments(input.documents).map((p) => [p.source.id, p.source.sha256, p.source.size]),
    }),
  );
}

/** Deterministic key: `archives/{caseId}/{first 32 hex digits of the fingerprint}.zip`. */
export function archiveStorageKey(caseId: string, fingerprint: string): string {
  if (!HEX_256.test(fingerprint)) throw new ArchiveInputError('fingerprint must be 64 hex digits');
  return `archives/${caseId}/${fingerprint.slice(0, 32)}.zip`;
}
