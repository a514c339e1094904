// Over 300 lines on purpose: every check of an archive in one place, each a named item of one report,
// so that a verification can be read as a checklist.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import { chainHash, GENESIS_PREV_HASH, verifyChain, type ChainEvent } from '../common/hashing/event-chain';
import { createStreamingHasher, isHashAlgorithm, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { ObjectStorage } from '../infrastructure/storage/object-storage';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, computeManifestHash, MANIFEST_PATH, type ArchiveManifest, type ManifestEvent } from './archive-manifest';

/**
 * Checks an archive ZIP on its own, with no database and no network: every file against the
 * hash the manifest lists, the event chain link by link and against the chain's sealed last
 * hash, and the manifest against its seal. Each check is one item of the report, named so a
 * person can find what failed.
 *
 * What it cannot tell alone: a forger who rewrites a file, then the manifest, then the seal
 * leaves a self-consistent ZIP. That is caught by comparing the manifest hash (or the ZIP's
 * SHA-256) with the value recorded elsewhere when the archive was sealed: the platform's
 * database, a trusted time stamp, a printed record. Pass it as `expectedManifestHash`.
 */

export interface VerificationItem {
  /** What was checked: a path in the ZIP, `manifest hash`, `event chain`, `event 17`… */
  item: string;
  ok: boolean;
  /** What was found, in words a person can act on. */
  reason: string;
}

export interface ArchiveVerification {
  ok: boolean;
  /** The ZIP file as a whole. */
  zip: { size: number; sha256: string };
  /** Parsed manifest, when it could be read (whether or not it verifies). */
  manifest: ArchiveManifest | null;
  items: VerificationItem[];
}

export interface VerifyArchiveOptions {
  /** The manifest hash recorded when the archive was sealed (it must match the seal). */
  expectedManifestHash?: string;
  /** The ZIP's SHA-256 recorded when it was stored. */
  expectedSha256?: string;
}

/** A manifest past this size is not one of ours (a 10,000-event case is a few megabytes). */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export async function verifyArchiveFile(path: string, options: VerifyArchiveOptions = {}): Promise<ArchiveVerification> {
  const items: VerificationItem[] = [];
  const add = (item: string, ok: boolean, reason: string): void => {
    items.push({ item, ok, reason });
  };
  const zipDigest = await digestFile(path);
  if (options.expectedSha256 !== undefined) {
    const expected = options.expectedSha256.toLowerCase();
    add('zip sha256', expected === zipDigest.sha256, expected === zipDigest.sha256 ? 'matches the recorded SHA-256' : `is ${zipDigest.sha256}, the record says ${expected}`);
  }
  let manifest: ArchiveManifest | null = null;
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: true, validateEntrySizes: true });
    manifest = await verifyContents(zip, add, options);
  } catch (error) {
    add('zip', false, `cannot be read as a ZIP: ${(error as Error).message}`);
  } finally {
    zip?.close();
  }
  return { ok: items.length > 0 && items.every((i) => i.ok), zip: zipDigest, manifest, items };
}

/**
 * Verifies an archive held in object storage: it is copied to a temporary file (a ZIP is read
 * from its end, which the storage interface cannot do), checked, and the copy removed.
 */
export async function verifyStoredArchive(storage: ObjectStorage, key: string, options: VerifyArchiveOptions & { tempDir?: string } = {}): Promise<ArchiveVerification> {
  const folder = await mkdtemp(join(options.tempDir ?? tmpdir(), 'accord-archive-'));
  try {
    const file = join(folder, `${randomUUID()}.zip`);
    await pipeline(await storage.get(key), createWriteStream(file, { flags: 'wx' }));
    return await verifyArchiveFile(file, options);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

type Add = (item: string, ok: boolean, reason: string) => void;

async function verifyContents(zip: yauzl.ZipFile, add: Add, options: VerifyArchiveOptions): Promise<ArchiveManifest | null> {
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) {
    // ZIP allows two entries of one name; an unzip tool would show only one of them.
    if (entries.has(entry.fileName)) add(entry.fileName, false, 'appears twice in the ZIP');
    else entries.set(entry.fileName, entry);
  }

  const manifestEntry = entries.get(MANIFEST_PATH);
  if (!manifestEntry) {
    add(MANIFEST_PATH, false, 'is missing: this is not an Accord archive, or its manifest was removed');
    return null;
  }
  if (manifestEntry.uncompressedSize > MAX_MANIFEST_BYTES) {
    add(MANIFEST_PATH, false, `is ${manifestEntry.uncompressedSize} bytes, more than any manifest can be`);
    return null;
  }
  let parsed: unknown;
  try {
    const raw = await readEntry(zip, manifestEntry);
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    add(MANIFEST_PATH, false, `cannot be read: ${(error as Error).message}`);
    return null;
  }
  const problem = manifestProblem(parsed);
  if (problem) {
    add(MANIFEST_PATH, false, `is not a valid manifest: ${problem}`);
    return null;
  }
  const manifest = parsed as ArchiveManifest;
  add(MANIFEST_PATH, true, `case ${manifest.case.number}, ${manifest.algorithm}, ${manifest.events.length} events, ${manifest.documents.length} documents`);

  verifySeal(manifest, add, options);
  verifyEvents(manifest, add);

  const listed = new Set<string>([MANIFEST_PATH]);
  for (const d of manifest.documents) {
    listed.add(d.path);
    await verifyFile(zip, entries.get(d.path), d.path, manifest.algorithm, { size: d.size, hash: d.hash, sha256: d.sha256 }, add);
  }
  for (const f of manifest.files) {
    listed.add(f.path);
    await verifyFile(zip, entries.get(f.path), f.path, manifest.algorithm, { size: f.size, hash: f.hash }, add);
  }
  for (const name of entries.keys()) {
    if (!listed.has(name)) add(name, false, 'is in the ZIP but not listed in the manifest (added after sealing)');
  }
  return manifest;
}

function verifySeal(manifest: ArchiveManifest, add: Add, options: VerifyArchiveOptions): void {
  const { seal } = manifest;
  let recomputed: string | undefined;
  try {
    recomputed = computeManifestHash(manifest);
  } catch (error) {
    add('manifest hash', false, `cannot be computed: ${(error as Error).message}`);
  }
  if (recomputed !== undefined) {
    if (seal.algorithm !== manifest.algorithm) add('manifest hash', false, `the seal says ${seal.algorithm}, the manifest ${manifest.algorithm}`);
    else if (recomputed === seal.manifestHash) add('manifest hash', true, `${seal.algorithm} ${recomputed} matches the seal`);
    else add('manifest hash', false, `the manifest was changed after sealing: its ${seal.algorithm} is ${recomputed}, the seal says ${seal.manifestHash}`);
  }
  if (options.expectedManifestHash !== undefined) {
    const expected = options.expectedManifestHash.toLowerCase();
    const ok = expected === seal.manifestHash && recomputed === expected;
    add('expected manifest hash', ok, ok ? 'matches the value recorded at sealing' : `the archive is sealed with ${seal.manifestHash}, the record says ${expected}`);
  }
  const stamp = seal.trustedTimestamp;
  if (stamp === null) {
    add('trusted timestamp', true, 'none recorded');
  } else if (stamp.hashedValue !== seal.manifestHash || stamp.hashAlgorithm !== seal.algorithm) {
    add('trusted timestamp', false, `was made over ${stamp.hashAlgorithm} ${stamp.hashedValue}, not over the manifest hash`);
  } else if (stamp.trusted) {
    add(
      'trusted timestamp',
      true,
      `${stamp.kind} from ${stamp.authority ?? 'an unnamed authority'} at ${stamp.time} over the manifest hash (the token's signature is not checked offline)`,
    );
  } else {
    add('trusted timestamp', true, `${stamp.time}: ${stamp.note}`);
  }
}

function toChain(e: ManifestEvent): ChainEvent {
  return {
    alg: e.algorithm,
    prevHash: e.prevHash,
    sequence: e.sequence,
    type: e.type,
    actorId: e.actorId,
    occurredAt: new Date(e.occurredAt),
    payload: e.payload,
    hash: e.hash,
  };
}

/** Each event on its own (so every altered one is named), then the chain with its seal. */
function verifyEvents(manifest: ArchiveManifest, add: Add): void {
  const events = manifest.events;
  let prevHash = GENESIS_PREV_HASH;
  events.forEach((e, i) => {
    const name = `event ${e.sequence}`;
    const problems: string[] = [];
    if (e.sequence !== i + 1) problems.push(`is at position ${i + 1}`);
    if (new Date(e.occurredAt).toISOString() !== e.occurredAt) problems.push('occurredAt is not an ISO 8601 UTC time as the chain hashes it');
    else {
      try {
        if (chainHash(toChain(e)) !== e.hash) problems.push(`its content does not match its hash (the ${e.type} event was altered)`);
      } catch (error) {
        problems.push(`is malformed: ${(error as Error).message}`);
      }
    }
    if (e.prevHash !== prevHash) problems.push(`prevHash does not match the hash of ${i === 0 ? 'the genesis' : `event ${events[i - 1].sequence}`}`);
    if (problems.length > 0) add(name, false, problems.join('; '));
    prevHash = e.hash;
  });
  if (manifest.eventChain.count !== events.length) {
    add('event chain', false, `the manifest lists ${events.length} events but says there are ${manifest.eventChain.count}`);
    return;
  }
  const chain = events.every((e) => new Date(e.occurredAt).toISOString() === e.occurredAt)
    ? verifyChain(events.map(toChain), { sealedHash: manifest.eventChain.lastHash })
    : ({ ok: false, brokenAt: 0, reason: 'malformed', detail: 'an event time is not in ISO 8601 UTC form' } as const);
  if (chain.ok) add('event chain', true, `${events.length} events, linked from the genesis to the sealed last hash ${manifest.eventChain.lastHash}`);
  else add('event chain', false, `broken at event ${chain.brokenAt} (${chain.reason}): ${chain.detail}`);
}

async function verifyFile(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry | undefined,
  path: string,
  algorithm: HashAlgorithm,
  expected: { size: number; hash: string; sha256?: string },
  add: Add,
): Promise<void> {
  if (!entry) {
    add(path, false, 'is listed in the manifest but missing from the ZIP');
    return;
  }
  let digest: EntryDigest;
  try {
    digest = await digestEntry(zip, entry, algorithm);
  } catch (error) {
    add(path, false, `cannot be read: ${(error as Error).message}`);
    return;
  }
  const problems: string[] = [];
  if (digest.hash !== expected.hash) problems.push(`its ${algorithm} is ${digest.hash}, the manifest says ${expected.hash}`);
  if (expected.sha256 !== undefined && algorithm !== 'sha256' && digest.sha256 !== expected.sha256) {
    problems.push(`its SHA-256 is ${digest.sha256}, the manifest says ${expected.sha256}`);
  }
  if (digest.size !== expected.size) problems.push(`it has ${digest.size} bytes, the manifest says ${expected.size}`);
  if (digest.crc32 !== entry.crc32) problems.push("its CRC-32 differs from the ZIP's directory (altered inside the ZIP)");
  if (problems.length > 0) add(path, false, `the file was changed: ${problems.join('; ')}`);
  else add(path, true, `${digest.size} bytes, ${algorithm} matches`);
}

interface EntryDigest {
  size: number;
  hash: string;
  sha256: string;
  crc32: number;
}

/** Streams one entry (inflated) through the hashes; nothing is held in memory. */
async function digestEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, algorithm: HashAlgorithm): Promise<EntryDigest> {
  const hasher = createStreamingHasher(algorithm);
  const sha256 = algorithm === 'sha256' ? undefined : createHash('sha256');
  let size = 0;
  let crc = 0;
  const stream = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    hasher.update(chunk);
    sha256?.update(chunk);
    crc = crc32(chunk, crc);
  }
  const hash = hasher.digest();
  return { size, hash, sha256: sha256 ? sha256.digest('hex') : hash, crc32: crc };
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let crc = 0;
  const stream = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    crc = crc32(chunk, crc);
  }
  if (crc !== entry.crc32) throw new Error("its CRC-32 differs from the ZIP's directory (altered inside the ZIP)");
  return Buffer.concat(chunks);
}

async function digestFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    createReadStream(path),
    new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        size += chunk.length;
        hash.update(chunk);
        callback();
      },
    }),
  );
  return { size, sha256: hash.digest('hex') };
}

// --- Shape of an untrusted manifest ------------------------------------------------------------

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isHex: Check = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isCount: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullOr =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

/** The first place where `value` is not a manifest this verifier can check, or undefined. */
export function manifestProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.format !== ARCHIVE_FORMAT) return `format is ${JSON.stringify(value.format)}, expected ${ARCHIVE_FORMAT}`;
  if (value.formatVersion !== ARCHIVE_FORMAT_VERSION)
    return `formatVersion ${JSON.stringify(value.formatVersion)} is not supported (this verifier reads ${ARCHIVE_FORMAT_VERSION})`;
  if (!isHashAlgorithm(value.algorithm)) return 'algorithm must be sha256 or sm3';
  if (!isString(value.archivedAt)) return 'archivedAt must be a string';
  if (!isObject(value.case) || !isString(value.case.number) || !isString(value.case.id)) return 'case must have an id and a number';
  if (!isObject(value.retention)) return 'retention must be an object';
  const chain = value.eventChain;
  if (!isObject(chain) || !isCount(chain.count) || !isString(chain.lastHash)) return 'eventChain must have a count and a lastHash';
  const problem =
    listProblem(value.events, 'events', {
      sequence: isCount,
      type: isString,
      actorId: nullOr(isString),
      actorRole: isString,
      occurredAt: isString,
      prevHash: isString,
      hash: isString,
      algorithm: isHashAlgorithm,
      sealed: (v) => typeof v === 'boolean',
    }) ??
    listProblem(value.documents, 'documents', { id: isString, path: isString, size: isCount, hash: isHex, sha256: isHex, sealed: (v) => typeof v === 'boolean' }) ??
    listProblem(value.files, 'files', { path: isString, size: isCount, hash: isHex });
  if (problem) return problem;
  const seal = value.seal;
  if (!isObject(seal) || !isHashAlgorithm(seal.algorithm) || !isHex(seal.manifestHash)) return 'seal must have an algorithm and a manifestHash';
  const stamp = seal.trustedTimestamp;
  if (stamp !== null) {
    if (!isObject(stamp)) return 'seal.trustedTimestamp must be an object or null';
    for (const key of ['kind', 'time', 'hashedValue', 'note'] as const) if (!isString(stamp[key])) return `seal.trustedTimestamp.${key} must be a string`;
    if (typeof stamp.trusted !== 'boolean') return 'seal.trustedTimestamp.trusted must be true or false';
  }
  return undefined;
}

function listProblem(list: unknown, name: string, fields: Record<string, Check>): string | undefined {
  if (!Array.isArray(list)) return `${name} must be a list`;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isObject(item)) return `${name}[${i}] must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      if (!check(item[key])) return `${name}[${i}].${key} is missing or of the wrong type`;
    }
  }
  return undefined;
}
