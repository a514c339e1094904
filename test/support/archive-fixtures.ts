import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import type { ArchiveDocumentInput, ArchiveEventInput, ArchiveInput } from '../../src/archive/archive-manifest';
import { retentionFor, retentionPolicy } from '../../src/archive/archive-retention';
import { chainHash, GENESIS_PREV_HASH } from '../../src/common/hashing/event-chain';
import type { HashAlgorithm } from '../../src/common/hashing/hash-algorithm';
import type { ObjectStorage } from '../../src/infrastructure/storage/object-storage';

/**
 * `size` bytes produced chunk by chunk as they are read, never held whole: a random 64 KiB
 * block with the chunk number stamped in, so no two chunks are alike. `onChunk` sees each.
 */
export function generatedStream(size: number, onChunk?: (bytes: number) => void): Readable {
  const block = randomBytes(64 * 1024);
  let sent = 0;
  let n = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(block.length, size - sent);
      const chunk = Buffer.from(block.subarray(0, length));
      if (length >= 4) chunk.writeUInt32LE(n++, 0);
      sent += length;
      onChunk?.(length);
      this.push(chunk);
    },
  });
}

export interface ArchiveCaseOptions {
  /** Sizes of the documents to store; one small one by default. */
  documentSizes?: number[];
  events?: number;
  /** Algorithm of the event chain. */
  eventAlgorithm?: HashAlgorithm;
  /** Index of documents filed as `own_side_and_mediator` (sealed in the archive). */
  sealedDocuments?: number[];
  /** Sequence numbers of confidential events. */
  confidentialEvents?: number[];
  filenames?: string[];
}

/** Appends `count` events to a valid chain, as CaseEventLog would. */
export function eventChain(count: number, algorithm: HashAlgorithm = 'sha256', confidential: number[] = []): ArchiveEventInput[] {
  const types = ['case.created', 'case.submitted', 'case.accepted', 'mediator.assigned', 'mediation.message', 'mediation.offer', 'agreement.signed'];
  const events: ArchiveEventInput[] = [];
  const start = Date.parse('2026-03-02T01:00:00Z');
  for (let i = 1; i <= count; i++) {
    const fields = {
      alg: algorithm,
      prevHash: events.at(-1)?.hash ?? GENESIS_PREV_HASH,
      sequence: i,
      type: i === count ? 'case.closed' : types[(i - 1) % types.length],
      actorId: i % 5 === 0 ? null : `user-${i % 3}`,
      occurredAt: new Date(start + i * 3_600_000),
      payload: { step: i, note: i % 2 === 0 ? '双方同意继续调解' : 'offer made', amounts: [i * 100, '120000.00'] },
    };
    events.push({
      sequence: i,
      type: fields.type,
      actorId: fields.actorId,
      actorRole: fields.actorId === null ? 'system' : 'mediator',
      occurredAt: fields.occurredAt,
      payload: fields.payload,
      prevHash: fields.prevHash,
      hash: chainHash(fields),
      algorithm,
      confidential: confidential.includes(i),
    });
  }
  return events;
}

/** A closed case with its documents stored in `storage`, ready to archive. */
export async function archiveCase(storage: ObjectStorage, options: ArchiveCaseOptions = {}): Promise<ArchiveInput> {
  const caseId = randomUUID();
  const sizes = options.documentSizes ?? [2048];
  const documents: ArchiveDocumentInput[] = [];
  for (let i = 0; i < sizes.length; i++) {
    const id = randomUUID();
    const storageKey = `cases/${caseId}/documents/${id}`;
    const stored = await storage.put(storageKey, generatedStream(sizes[i]), { contentType: 'application/pdf' });
    const sealed = options.sealedDocuments?.includes(i) ?? false;
    documents.push({
      id,
      kind: i === 0 ? 'application' : 'evidence',
      visibility: sealed ? 'own_side_and_mediator' : 'all_parties',
      side: i % 2 === 0 ? 'applicant' : 'respondent',
      filename: options.filenames?.[i] ?? `证据 ${i + 1}.pdf`,
      contentType: 'application/pdf',
      size: stored.size,
      sha256: stored.sha256,
      storageKey,
      uploadedBy: `user-${i % 3}`,
      uploadedAt: new Date(Date.parse('2026-03-02T02:00:00Z') + i * 60_000),
      supersedesId: null,
    });
  }
  const events = eventChain(options.events ?? 6, options.eventAlgorithm, options.confidentialEvents);
  return {
    case: {
      id: caseId,
      number: `ACC-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      title: '杭州甲科技有限公司诉深圳乙电子有限公司专利侵权纠纷',
      disputeType: 'patent',
      source: 'court_referral',
      referralType: 'pre_filing',
      referralNumber: '(2026)浙01民诉前调1234号',
      outcome: 'fulfilled',
      outcomeReason: null,
      foreignElement: false,
      parties: [
        { side: 'respondent', position: 1, kind: 'organisation', name: '深圳乙电子有限公司', idType: null, idNumber: null },
        { side: 'applicant', position: 1, kind: 'organisation', name: '杭州甲科技有限公司', idType: 'unified_social_credit_code', idNumber: '91330100MA2H3X4Y5Z' },
      ],
      createdAt: new Date('2026-03-02T01:00:00Z'),
      submittedAt: new Date('2026-03-02T01:30:00Z'),
      closedAt: events.at(-1)!.occurredAt,
    },
    events,
    documents,
  };
}

export const retention = (input: ArchiveInput) => retentionFor(retentionPolicy(), input.case.outcome, input.case.closedAt, 'Asia/Shanghai');

/** Every entry of a (small) ZIP, in order, with its bytes. */
export async function readZip(path: string): Promise<{ name: string; data: Buffer; compressed: boolean }[]> {
  const zip = await yauzl.openPromise(path, { autoClose: false });
  const result: { name: string; data: Buffer; compressed: boolean }[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      result.push({ name: entry.fileName, data: Buffer.concat(chunks), compressed: entry.compressionMethod !== 0 });
    }
  } finally {
    zip.close();
  }
  return result;
}

/**
 * Rewrites a (small) ZIP as a forger would with an ordinary zip tool: `change` returns new
 * bytes for an entry, null to drop it, or undefined to keep it; `extra` entries are appended.
 */
export async function rewriteZip(path: string, change: (name: string, data: Buffer) => Buffer | null | undefined, extra: { name: string; data: Buffer }[] = []): Promise<void> {
  const entries = await readZip(path);
  const zip = new ZipFile();
  for (const e of entries) {
    const data = change(e.name, e.data);
    if (data === null) continue;
    zip.addBuffer(data ?? e.data, e.name, { compress: e.compressed, mtime: new Date('2026-04-01T00:00:00Z') });
  }
  for (const e of extra) zip.addBuffer(e.data, e.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  await writeFile(path, Buffer.concat(chunks));
}

/** Flips one byte of an entry's stored data in place, leaving the ZIP's structure intact. */
export async function flipByteOfEntry(path: string, name: string, offsetInEntry = 0): Promise<void> {
  const zip = await yauzl.openPromise(path, { autoClose: false });
  let position: number | undefined;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      if (entry.compressionMethod !== 0) throw new Error(`${name} is compressed; flip a byte of a stored entry`);
      const header = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      position = header.fileDataStart + offsetInEntry;
    }
  } finally {
    zip.close();
  }
  if (position === undefined) throw new Error(`${name} is not in ${path}`);
  const bytes = await readFile(path);
  bytes[position] ^= 0xff;
  await writeFile(path, bytes);
}
