// Over 300 lines on purpose: one streamed pass writes the whole ZIP; split, the order of its entries and
// the running hashes would be spread over files.
import { DateTime } from 'luxon';
import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { ZipFile } from 'yazl';
import { createStreamingHasher, hashOf, isHashAlgorithm, type HashAlgorithm, type StreamingHasher } from '../common/hashing/hash-algorithm';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { assertValidObjectKey } from '../infrastructure/storage/object-key';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { ObjectAlreadyExistsError, ObjectNotFoundError } from '../infrastructure/storage/object-storage.errors';
import { archiveCoverSheet } from './archive-cover-sheet';
import {
  assertArchivable,
  buildManifestBody,
  computeManifestHash,
  MANIFEST_PATH,
  manifestDocument,
  planDocuments,
  serializeManifest,
  type ArchiveInput,
  type ArchiveManifest,
  type ManifestBody,
  type ManifestDocument,
  type ManifestFile,
  type PlannedDocument,
} from './archive-manifest';
import type { ArchiveRetention } from './archive-retention';
import { verifyStoredArchive } from './archive-verifier';
import { LocalClockTimestamper, type TrustedTimestamper, type TrustedTimestampRecord } from './trusted-timestamper';

/**
 * Builds a case's archive as one ZIP streamed straight into ObjectStorage:
 *
 *   documents/NNN-name   every document, stored (not recompressed: they are mostly PDFs and images)
 *   sealed/NNN-name      confidential mediation documents, the same way
 *   cover.<lang>.pdf     cover sheet and catalogue (目录), one per language
 *   manifest.json        case data, the event chain, every file's hash, and the seal
 *
 * Memory stays bounded whatever the sizes: documents are read one at a time from storage and
 * piped through a hasher into the ZIP and on into storage with backpressure end to end; only
 * the cover PDFs and the manifest are built in memory (kilobytes to a few megabytes).
 *
 * The manifest needs every document's hash in the archive's algorithm, which for SM3 is not
 * on record, so the documents come first and are hashed as they pass; the cover sheet and the
 * manifest are generated afterwards and written last. One read of each document suffices.
 *
 * Idempotent and safe to retry (see `write`): the caller chooses a deterministic key, the
 * storage publishes an object only once it is complete, and an object already under the key
 * is verified and reused, never overwritten.
 */

const PDF_LANGUAGES: readonly PdfLanguage[] = ['zh-CN', 'en'];

/** The instant the retention period ends: midnight after its last local day. */
export function retentionEnd(retention: ArchiveRetention): Date {
  return DateTime.fromISO(retention.until, { zone: retention.timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

export interface WriteArchiveOptions {
  /** Deterministic per archive inputs: `archiveStorageKey(caseId, archiveFingerprint(...))`. */
  storageKey: string;
  /** Hash of the files and the manifest (HASH_ALGORITHM). */
  algorithm: HashAlgorithm;
  /** From `retentionFor(policy, outcome, closedAt, zone)`. */
  retention: ArchiveRetention;
  /** Cover sheets to include; Chinese by default. */
  languages?: readonly PdfLanguage[];
  /** The sealing time recorded in the manifest and on every ZIP entry; now by default. */
  archivedAt?: Date;
  /** Zone of the times printed on the cover sheet. */
  timeZone?: string;
  /** Issuing organisation printed on the cover sheet. */
  issuer?: string;
  /** Where people verify the archive online (PUBLIC_URL), printed on the cover sheet. */
  verifyUrl?: string;
}

export interface ArchiveWriteResult {
  storageKey: string;
  /** Bytes of the ZIP. */
  size: number;
  /** SHA-256 of the ZIP as stored. */
  sha256: string;
  /** The seal: hash of the manifest (in `algorithm`), which lists every other hash. */
  manifestHash: string;
  algorithm: HashAlgorithm;
  archivedAt: Date;
  retention: ArchiveRetention;
  trustedTimestamp: TrustedTimestampRecord | null;
  events: number;
  documents: number;
  /** True when an earlier attempt had stored this archive already; it was verified and is reused. */
  reused: boolean;
  /** The store locked the ZIP until the end of the retention period (S3 Object Lock); unset otherwise. */
  lockedUntil?: Date;
}

/** A stored document is missing or no longer matches its recorded size or SHA-256. */
export class ArchiveSourceError extends Error {
  constructor(
    readonly documentId: string,
    message: string,
  ) {
    super(`document ${documentId}: ${message}`);
    this.name = 'ArchiveSourceError';
  }
}

/** An object under the archive's key that is not this archive: never overwritten, the caller must look. */
export class ArchiveConflictError extends Error {
  constructor(
    readonly storageKey: string,
    message: string,
  ) {
    super(`${storageKey}: ${message}`);
    this.name = 'ArchiveConflictError';
  }
}

export interface ArchiveWriterOptions {
  /** Stamps the manifest hash; the local clock (not a TSA) by default; null for no stamp. */
  timestamper?: TrustedTimestamper | null;
  /** Where an existing archive is downloaded to be verified before reuse (os.tmpdir() by default). */
  tempDir?: string;
}

export class ArchiveWriter {
  private readonly timestamper: TrustedTimestamper | null;

  constructor(
    private readonly storage: ObjectStorage,
    private readonly options: ArchiveWriterOptions = {},
  ) {
    this.timestamper = options.timestamper === undefined ? new LocalClockTimestamper() : options.timestamper;
  }

  /**
   * Writes the archive under `options.storageKey`, or returns the one already there.
   *
   * Crash safety: both storage drivers publish an object only when it is complete (local:
   * link() of a fsynced temp file; S3: CompleteMultipartUpload), so a crash mid-write leaves no
   * object under the key, only an unpublished temp file or multipart upload. A retry therefore
   * sees either nothing (and writes) or a complete archive from an attempt that stored it but
   * died before its result was recorded; that one is downloaded, verified offline and reused
   * (`reused: true`) when it describes the same inputs. Two concurrent attempts race on the
   * no-overwrite put: one stores, the other reuses. An object that fails verification or
   * describes other inputs is never replaced (it may be under object lock, and it is evidence):
   * ArchiveConflictError.
   */
  async write(input: ArchiveInput, options: WriteArchiveOptions): Promise<ArchiveWriteResult> {
    assertArchivable(input);
    assertValidObjectKey(options.storageKey);
    if (!isHashAlgorithm(options.algorithm)) throw new TypeError(`unsupported hash algorithm "${String(options.algorithm)}"`);
    const languages = [...new Set<PdfLanguage>(options.languages ?? ['zh-CN'])];
    if (languages.length === 0 || languages.some((l) => !PDF_LANGUAGES.includes(l))) {
      throw new TypeError(`cover sheet languages must be some of ${PDF_LANGUAGES.join(', ')}`);
    }

    if (await this.storage.head(options.storageKey)) return this.reuse(input, options, languages);
    try {
      return await this.stream(input, options, languages);
    } catch (error) {
      // Another attempt stored the same key while this one was writing.
      if (error instanceof ObjectAlreadyExistsError) return this.reuse(input, options, languages);
      throw error;
    }
  }

  private async stream(input: ArchiveInput, options: WriteArchiveOptions, languages: PdfLanguage[]): Promise<ArchiveWriteResult> {
    const { algorithm, storageKey } = options;
    const archivedAt = options.archivedAt ?? new Date();
    const plans = planDocuments(input.documents);
    const documents: ManifestDocument[] = [];
    const files: ManifestFile[] = [];
    let body: ManifestBody | undefined;
    let manifest: ArchiveManifest | undefined;

    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    // Failures reach the caller through put() or `failure`; without a listener, destroying the
    // output before put() has attached its own would be an uncaught 'error'.
    output.on('error', () => undefined);
    const open = new Set<Readable>();
    let failure: Error | undefined;
    const fail = (error: unknown): void => {
      if (failure) return;
      failure = error instanceof Error ? error : new Error(String(error));
      for (const stream of open) stream.destroy();
      // Ends the body of put() with an error: the storage publishes nothing.
      output.destroy(failure);
    };
    zip.on('error', fail);

    // yazl asks for an entry's stream only when the entries before it are written, so one
    // document is open at a time and the generated files are made after every hash is known.
    const addLazy = (path: string, entry: { compress: boolean; size?: number }, produce: () => Promise<Readable[]>): void => {
      zip.addReadStreamLazy(path, { mtime: archivedAt, ...entry }, (callback) => {
        if (failure) return;
        produce().then((streams) => {
          for (const s of streams) {
            open.add(s);
            s.once('close', () => open.delete(s));
            // pipe() does not pass errors on; any stream failing fails the archive.
            s.on('error', fail);
          }
          if (failure) fail(failure);
          else callback(null, streams[streams.length - 1]);
        }, fail);
      });
    };

    for (const plan of plans) {
      addLazy(plan.path, { compress: false, size: plan.source.size }, async () => {
        const source = await this.storage.get(plan.source.storageKey).catch((error: unknown) => {
          throw error instanceof ObjectNotFoundError ? new ArchiveSourceError(plan.source.id, `not found in storage (${plan.source.storageKey})`) : error;
        });
        const digest = new DocumentDigest(plan, algorithm, (d) => documents.push(manifestDocument(plan, d)));
        return [source, source.pipe(digest)];
      });
    }

    const manifestBody = (): ManifestBody => {
      if (documents.length !== plans.length) throw new Error(`internal: ${documents.length} of ${plans.length} documents hashed`);
      body ??= buildManifestBody({ input, algorithm, archivedAt, retention: options.retention, documents });
      return body;
    };
    for (const language of languages) {
      const path = `cover.${language}.pdf`;
      addLazy(path, { compress: false }, async () => {
        const spec = archiveCoverSheet(manifestBody(), language, { timeZone: options.timeZone, issuer: options.issuer, verifyUrl: options.verifyUrl });
        const pdf = await renderPdf(spec, language, { timeZone: options.timeZone });
        files.push({ path, role: 'cover', language, contentType: 'application/pdf', size: pdf.length, hash: hashOf(algorithm, pdf) });
        return [Readable.from([pdf], { objectMode: false })];
      });
    }
    addLazy(MANIFEST_PATH, { compress: true }, async () => {
      const unsealed = { ...manifestBody(), files };
      const manifestHash = computeManifestHash(unsealed);
      const trustedTimestamp = this.timestamper ? await this.timestamper.stamp({ algorithm, hash: manifestHash }) : null;
      if (trustedTimestamp && (trustedTimestamp.hashedValue !== manifestHash || trustedTimestamp.hashAlgorithm !== algorithm)) {
        throw new Error('the timestamper stamped another hash than the manifest hash');
      }
      manifest = { ...unsealed, seal: { algorithm, manifestHash, trustedTimestamp } };
      return [Readable.from([serializeManifest(manifest)], { objectMode: false })];
    });
    zip.end();

    let stored;
    try {
      stored = await this.storage.put(storageKey, output, { contentType: 'application/zip', retainUntil: retentionEnd(options.retention) });
    } catch (error) {
      // The first failure is the cause; put() may report only its consequence.
      const cause = failure;
      fail(error);
      throw cause ?? error;
    }
    if (failure) throw failure;
    if (!manifest) throw new Error('internal: the archive was stored without its manifest');
    return {
      storageKey,
      size: stored.size,
      sha256: stored.sha256,
      manifestHash: manifest.seal.manifestHash,
      algorithm,
      archivedAt,
      retention: manifest.retention,
      trustedTimestamp: manifest.seal.trustedTimestamp,
      events: manifest.eventChain.count,
      documents: manifest.documents.length,
      reused: false,
      ...(stored.lockedUntil ? { lockedUntil: stored.lockedUntil } : {}),
    };
  }

  /** An archive is already under the key: reuse it if it verifies and describes these inputs. */
  private async reuse(input: ArchiveInput, options: WriteArchiveOptions, languages: PdfLanguage[]): Promise<ArchiveWriteResult> {
    const { storageKey, algorithm } = options;
    const verification = await verifyStoredArchive(this.storage, storageKey, { tempDir: this.options.tempDir });
    const manifest = verification.manifest;
    if (!verification.ok || !manifest) {
      const failed = verification.items.filter((i) => !i.ok).map((i) => `${i.item}: ${i.reason}`);
      throw new ArchiveConflictError(storageKey, `an object is already stored under this key and does not verify (${failed.join('; ')})`);
    }
    const mismatch = sameInputsProblem(manifest, input, algorithm, languages);
    if (mismatch) throw new ArchiveConflictError(storageKey, `an archive of other inputs is stored under this key: ${mismatch}`);
    return {
      storageKey,
      size: verification.zip.size,
      sha256: verification.zip.sha256,
      manifestHash: manifest.seal.manifestHash,
      algorithm,
      archivedAt: new Date(manifest.archivedAt),
      retention: manifest.retention,
      trustedTimestamp: manifest.seal.trustedTimestamp,
      events: manifest.eventChain.count,
      documents: manifest.documents.length,
      reused: true,
    };
  }
}

/** Why a verified manifest does not describe these inputs, or undefined when it does. */
function sameInputsProblem(m: ArchiveManifest, input: ArchiveInput, algorithm: HashAlgorithm, languages: PdfLanguage[]): string | undefined {
  const last = [...input.events].sort((a, b) => a.sequence - b.sequence).at(-1);
  if (m.case.id !== input.case.id) return `case ${m.case.id}, not ${input.case.id}`;
  if (m.algorithm !== algorithm) return `algorithm ${m.algorithm}, not ${algorithm}`;
  if (m.eventChain.count !== input.events.length || m.eventChain.lastHash !== last?.hash) return 'another event chain';
  const planned = planDocuments(input.documents);
  const same =
    m.documents.length === planned.length &&
    planned.every((p, i) => m.documents[i].id === p.source.id && m.documents[i].sha256 === p.source.sha256 && m.documents[i].path === p.path);
  if (!same) return 'other documents';
  const covers = m.files.filter((f) => f.role === 'cover').map((f) => f.language);
  if (covers.length !== languages.length || languages.some((l) => !covers.includes(l))) return 'other cover sheet languages';
  return undefined;
}

/**
 * Passes a document's bytes on while hashing them with the archive's algorithm and SHA-256,
 * and fails the archive when they differ from what was recorded at upload: a document that
 * changed in storage must not be sealed as if it were the original.
 */
class DocumentDigest extends Transform {
  private readonly sha256: Hash = createHash('sha256');
  private readonly other: StreamingHasher | undefined;
  private bytes = 0;

  constructor(
    private readonly plan: PlannedDocument,
    algorithm: HashAlgorithm,
    private readonly onDone: (digest: { hash: string; sha256: string; size: number }) => void,
  ) {
    super();
    this.other = algorithm === 'sha256' ? undefined : createStreamingHasher(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.plan.source.size) {
      callback(new ArchiveSourceError(this.plan.source.id, `stored object is longer than the recorded ${this.plan.source.size} bytes`));
      return;
    }
    this.sha256.update(chunk);
    this.other?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { id, size, sha256: recorded } = this.plan.source;
    if (this.bytes !== size) {
      callback(new ArchiveSourceError(id, `stored object has ${this.bytes} bytes, ${size} were recorded`));
      return;
    }
    const sha256 = this.sha256.digest('hex');
    if (sha256 !== recorded) {
      callback(new ArchiveSourceError(id, `stored bytes no longer match the SHA-256 recorded at upload (${recorded}, now ${sha256})`));
      return;
    }
    this.onDone({ hash: this.other ? this.other.digest() : sha256, sha256, size: this.bytes });
    callback();
  }
}
