import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { archiveCase, readZip, retention } from '../../test/support/archive-fixtures';
import { hashOf } from '../common/hashing/hash-algorithm';
import { LocalObjectStorage } from '../infrastructure/storage/local-object-storage';
import { ObjectStorage, type PutObjectOptions, type StoredObject } from '../infrastructure/storage/object-storage';
import { archiveFingerprint, archiveStorageKey, ArchiveInputError, computeManifestHash, type ArchiveInput, type ArchiveManifest } from './archive-manifest';
import { verifyArchiveFile } from './archive-verifier';
import { ArchiveConflictError, ArchiveSourceError, ArchiveWriter, type WriteArchiveOptions } from './archive-writer';
import { TrustedTimestamper, type TrustedTimestampRecord } from './trusted-timestamper';

const MiB = 1024 * 1024;

describe('ArchiveWriter', () => {
  let base: string;
  let storage: LocalObjectStorage;
  let writer: ArchiveWriter;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'accord-archive-'));
    storage = new LocalObjectStorage(join(base, 'files'));
    writer = new ArchiveWriter(storage, { tempDir: base });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const optionsFor = (input: ArchiveInput, overrides: Partial<WriteArchiveOptions> = {}): WriteArchiveOptions => {
    const algorithm = overrides.algorithm ?? 'sha256';
    const languages = overrides.languages ?? ['zh-CN'];
    return {
      storageKey: archiveStorageKey(input.case.id, archiveFingerprint(input, algorithm, languages)),
      algorithm,
      languages,
      retention: retention(input),
      archivedAt: new Date('2026-05-01T08:00:00Z'),
      ...overrides,
    };
  };

  /** Downloads the stored archive to a file, as a person would before verifying it offline. */
  const download = async (key: string): Promise<string> => {
    const file = join(base, `download-${Math.random().toString(36).slice(2)}.zip`);
    await pipeline(await storage.get(key), createWriteStream(file));
    return file;
  };

  it('stores one ZIP with the documents, a cover sheet and a manifest, and it verifies offline', async () => {
    const input = await archiveCase(storage, { documentSizes: [3000, 1, 70_000, 0], sealedDocuments: [2], confidentialEvents: [5] });
    const options = optionsFor(input, { languages: ['zh-CN', 'en'] });
    const result = await writer.write(input, options);

    expect(result).toMatchObject({ storageKey: options.storageKey, algorithm: 'sha256', events: 6, documents: 4, reused: false });
    expect(result.storageKey).toMatch(new RegExp(`^archives/${input.case.id}/[0-9a-f]{32}\\.zip$`));
    const file = await download(result.storageKey);
    const entries = await readZip(file);
    expect(entries.map((e) => e.name)).toEqual([
      'documents/001-证据 1.pdf',
      'documents/002-证据 2.pdf',
      'sealed/003.pdf',
      'documents/004-证据 4.pdf',
      'cover.zh-CN.pdf',
      'cover.en.pdf',
      'manifest.json',
    ]);
    // Documents are stored byte for byte, and the stored ZIP is what the result describes.
    const firstDoc = await storage.get(input.documents[0].storageKey);
    const chunks: Buffer[] = [];
    for await (const c of firstDoc) chunks.push(c as Buffer);
    expect(entries[0].data.equals(Buffer.concat(chunks))).toBe(true);
    expect(entries[0].compressed).toBe(false);
    expect(result.size).toBe((await storage.head(result.storageKey))?.size);

    const manifest = JSON.parse(entries.at(-1)!.data.toString('utf8')) as ArchiveManifest;
    expect(result.manifestHash).toBe(manifest.seal.manifestHash);
    expect(computeManifestHash(manifest)).toBe(result.manifestHash);
    expect(manifest.case.number).toBe(input.case.number);
    expect(manifest.case.parties.map((p) => p.side)).toEqual(['applicant', 'respondent']);
    expect(manifest.retention).toMatchObject({ years: 30, basis: 'default', outcome: 'fulfilled' });
    expect(manifest.eventChain).toEqual({ count: 6, lastHash: input.events[5].hash });
    expect(manifest.events[4]).toMatchObject({ sequence: 5, sealed: true, visibleTo: ['applicant', 'applicant_agent', 'respondent', 'respondent_agent', 'mediator'] });
    expect(manifest.events[0]).toMatchObject({ sealed: false, visibleTo: null });
    const sealed = manifest.documents.find((d) => d.path.startsWith('sealed/'))!;
    expect(sealed).toMatchObject({ sealed: true, visibleTo: ['applicant', 'applicant_agent', 'mediator'], sha256: input.documents[2].sha256 });
    expect(manifest.files.map((f) => f.path)).toEqual(['cover.zh-CN.pdf', 'cover.en.pdf']);
    expect(manifest.seal.trustedTimestamp).toMatchObject({ kind: 'local-clock', trusted: false, hashedValue: result.manifestHash });
    expect(result.trustedTimestamp).toEqual(manifest.seal.trustedTimestamp);

    const report = await verifyArchiveFile(file, { expectedManifestHash: result.manifestHash, expectedSha256: result.sha256 });
    expect(report.items.filter((i) => !i.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.zip).toEqual({ size: result.size, sha256: result.sha256 });
    expect(report.items.map((i) => i.item)).toEqual(
      expect.arrayContaining(['manifest.json', 'manifest hash', 'event chain', 'sealed/003.pdf', 'cover.en.pdf', 'expected manifest hash', 'zip sha256']),
    );
  });

  it('prints the case, the catalogue with hashes and the event record on the cover sheet, and hides sealed names', async () => {
    const input = await archiveCase(storage, { documentSizes: [10, 20], sealedDocuments: [1], filenames: ['起诉状.pdf', '调解方案（保密）.pdf'] });
    const result = await writer.write(input, optionsFor(input));
    const entries = await readZip(await download(result.storageKey));
    const proxy = await getDocumentProxy(new Uint8Array(entries.find((e) => e.name === 'cover.zh-CN.pdf')!.data));
    const { text } = await extractText(proxy, { mergePages: true });
    for (const expected of [
      input.case.number,
      '调解卷宗',
      '卷内目录',
      '杭州甲科技有限公司',
      '专利',
      '调解协议已履行完毕',
      '起诉状.pdf',
      '【密封】',
      '30 年（自2026年3月2日起至2056年3月2日止）',
      input.documents[0].sha256,
      input.events[5].hash,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('调解方案（保密）');
  });

  it('hashes the files and the manifest with SM3 when asked, keeping each document’s SHA-256', async () => {
    const input = await archiveCase(storage, { documentSizes: [5000, 123_457], eventAlgorithm: 'sm3' });
    const result = await writer.write(input, optionsFor(input, { algorithm: 'sm3' }));
    const file = await download(result.storageKey);
    const entries = await readZip(file);
    const manifest = JSON.parse(entries.at(-1)!.data.toString('utf8')) as ArchiveManifest;
    expect(manifest.algorithm).toBe('sm3');
    expect(manifest.seal.algorithm).toBe('sm3');
    expect(manifest.events.every((e) => e.algorithm === 'sm3')).toBe(true);
    expect(manifest.documents[1].hash).toBe(hashOf('sm3', entries[1].data));
    expect(manifest.documents[1].sha256).toBe(hashOf('sha256', entries[1].data));
    expect(manifest.documents[1].hash).not.toBe(manifest.documents[1].sha256);
    expect(result.manifestHash).toBe(computeManifestHash(manifest));
    const report = await verifyArchiveFile(file, { expectedManifestHash: result.manifestHash });
    expect(report.items.filter((i) => !i.ok)).toEqual([]);
  });

  it('refuses to seal a broken event chain or a case that is not closed', async () => {
    const input = await archiveCase(storage);
    const altered = { ...input, events: input.events.map((e, i) => (i === 2 ? { ...e, payload: { forged: true } } : e)) };
    await expect(writer.write(altered, optionsFor(input))).rejects.toThrow(/broken at event 3 \(hash\)/);
    await expect(writer.write({ ...input, events: [] }, optionsFor(input))).rejects.toThrow(ArchiveInputError);
    expect(await storage.head(optionsFor(input).storageKey)).toBeUndefined();
  });

  it('fails, storing nothing, when a document in storage no longer matches its recorded SHA-256', async () => {
    const input = await archiveCase(storage, { documentSizes: [100, 200] });
    const tampered = { ...input, documents: input.documents.map((d, i) => (i === 1 ? { ...d, sha256: hashOf('sha256', 'something else') } : d)) };
    const options = optionsFor(input);
    const error = await writer.write(tampered, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveSourceError);
    expect((error as ArchiveSourceError).documentId).toBe(input.documents[1].id);
    expect(await storage.head(options.storageKey)).toBeUndefined();
    // No temp file of the failed upload is left in the archive folder either.
    expect(readdirSync(join(base, 'files', 'archives', input.case.id))).toEqual([]);
  });

  it('fails with the document named when it is missing from storage', async () => {
    const input = await archiveCase(storage, { documentSizes: [100] });
    await storage.delete(input.documents[0].storageKey);
    await expect(writer.write(input, optionsFor(input))).rejects.toThrow(new RegExp(`document ${input.documents[0].id}: not found in storage`));
  });

  it('reuses the archive an earlier attempt stored, after verifying it, instead of writing a second one', async () => {
    const input = await archiveCase(storage, { documentSizes: [1000, 2000] });
    const first = await writer.write(input, optionsFor(input));
    // The retry runs later: its own time would differ, but the stored archive is what counts.
    const again = await writer.write(input, optionsFor(input, { archivedAt: new Date('2026-05-02T00:00:00Z') }));
    expect(again).toEqual({ ...first, reused: true });
    expect(readdirSync(join(base, 'files', 'archives', input.case.id))).toHaveLength(1);
  });

  it('lets exactly one of two concurrent attempts store the archive; the other reuses it', async () => {
    const input = await archiveCase(storage, { documentSizes: [400_000, 300_000] });
    const [a, b] = await Promise.all([writer.write(input, optionsFor(input)), writer.write(input, optionsFor(input))]);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
    expect(a.sha256).toBe(b.sha256);
    expect(a.manifestHash).toBe(b.manifestHash);
  });

  it('never overwrites an object under the key that is not this archive', async () => {
    const input = await archiveCase(storage);
    const options = optionsFor(input);
    await storage.put(options.storageKey, Readable.from([Buffer.from('not a zip')]), { contentType: 'application/zip' });
    const error = await writer.write(input, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveConflictError);
    expect((error as Error).message).toMatch(/does not verify .*zip: cannot be read as a ZIP/);

    // A valid archive of another case under this key is refused too.
    const other = await archiveCase(storage);
    const otherKey = optionsFor(other).storageKey;
    await writer.write(other, optionsFor(other));
    await expect(writer.write(input, { ...options, storageKey: otherKey })).rejects.toThrow(/an archive of other inputs is stored under this key: case/);
  });

  it('leaves nothing under the key when the write dies halfway, and a retry then writes it', async () => {
    const input = await archiveCase(storage, { documentSizes: [2 * MiB, 2 * MiB] });
    const options = optionsFor(input);
    // Storage whose second document read fails after 1 MiB, as when a disk or network fails.
    const flaky = new FailingReads(storage, input.documents[1].storageKey, MiB);
    await expect(new ArchiveWriter(flaky).write(input, options)).rejects.toThrow(/read failed/);
    expect(await storage.head(options.storageKey)).toBeUndefined();
    expect(flaky.openStreams()).toBe(0);

    const retried = await writer.write(input, options);
    expect(retried.reused).toBe(false);
    const report = await verifyArchiveFile(await download(options.storageKey));
    expect(report.ok).toBe(true);
  });

  it('records what a trusted timestamper returns, and refuses a stamp over another hash', async () => {
    const input = await archiveCase(storage);
    const tsa = new FakeTsa();
    const result = await new ArchiveWriter(storage, { timestamper: tsa }).write(input, optionsFor(input));
    expect(tsa.requests).toEqual([{ algorithm: 'sha256', hash: result.manifestHash }]);
    expect(result.trustedTimestamp).toMatchObject({ kind: 'rfc3161', trusted: true, token: 'MIIB' });
    const report = await verifyArchiveFile(await download(result.storageKey));
    expect(report.items.find((i) => i.item === 'trusted timestamp')).toMatchObject({ ok: true, reason: expect.stringContaining('tsa.example') });

    const other = await archiveCase(storage);
    tsa.lie = true;
    await expect(new ArchiveWriter(storage, { timestamper: tsa }).write(other, optionsFor(other))).rejects.toThrow(/stamped another hash/);
    const none = await new ArchiveWriter(storage, { timestamper: null }).write(other, optionsFor(other));
    expect(none.trustedTimestamp).toBeNull();
  });

  it('streams a 100 MB document through without holding it in memory', async () => {
    const size = 100 * MiB;
    const input = await archiveCase(storage, { documentSizes: [size, 1000] });
    // The storage counts how far reading runs ahead of what reached the stored ZIP.
    const meter = new MeteredStorage(storage);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    try {
      const result = await new ArchiveWriter(meter).write(input, optionsFor(input));
      expect(result.size).toBeGreaterThan(size);
    } finally {
      clearInterval(sampler);
    }
    expect(meter.read).toBe(size + 1000);
    // Bounded by stream buffers (tens of KiB each), not by the document: a copy held in
    // memory would put the whole 100 MB ahead.
    expect(meter.maxAhead).toBeLessThan(4 * MiB);
    // Resident memory grows by less than the document: a copy held in memory alone would
    // add 100 MiB. Measured 27-42 MiB (the cover PDF's fonts and uncollected stream buffers).
    expect(rssPeak - rssBefore).toBeLessThan(90 * MiB);
  }, 60_000);
});

/** Passes through to real storage; one object's read stream fails after `failAfter` bytes. */
class FailingReads extends ObjectStorage {
  private readonly streams = new Set<Readable>();
  constructor(
    private readonly inner: ObjectStorage,
    private readonly failingKey: string,
    private readonly failAfter: number,
  ) {
    super();
  }
  openStreams(): number {
    return [...this.streams].filter((s) => !s.destroyed).length;
  }
  put(key: string, body: Readable, options: PutObjectOptions): Promise<StoredObject> {
    return this.inner.put(key, body, options);
  }
  async get(key: string): Promise<Readable> {
    const source = await this.inner.get(key);
    this.streams.add(source);
    if (key !== this.failingKey) return source;
    let seen = 0;
    const failAfter = this.failAfter;
    const failing = Readable.from(
      (async function* () {
        for await (const chunk of source) {
          seen += (chunk as Buffer).length;
          if (seen > failAfter) throw new Error('read failed: disk error');
          yield chunk as Buffer;
        }
      })(),
      { objectMode: false },
    );
    this.streams.add(failing);
    return failing;
  }
  head(key: string) {
    return this.inner.head(key);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

/** Counts bytes read from storage and bytes that reached the stored archive. */
class MeteredStorage extends ObjectStorage {
  read = 0;
  written = 0;
  maxAhead = 0;
  constructor(private readonly inner: ObjectStorage) {
    super();
  }
  put(key: string, body: Readable, options: PutObjectOptions): Promise<StoredObject> {
    const counted = body.pipe(counter((n) => (this.written += n)));
    return this.inner.put(key, counted, options);
  }
  async get(key: string): Promise<Readable> {
    const source = await this.inner.get(key);
    return source.pipe(
      counter((n) => {
        this.read += n;
        this.maxAhead = Math.max(this.maxAhead, this.read - this.written);
      }),
    );
  }
  head(key: string) {
    return this.inner.head(key);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
}

const counter = (onBytes: (n: number) => void): Transform =>
  new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });

class FakeTsa extends TrustedTimestamper {
  requests: unknown[] = [];
  lie = false;
  async stamp(request: { algorithm: 'sha256' | 'sm3'; hash: string }): Promise<TrustedTimestampRecord> {
    this.requests.push(request);
    return {
      kind: 'rfc3161',
      trusted: true,
      authority: 'https://tsa.example',
      time: '2026-05-01T08:00:01.000Z',
      hashAlgorithm: request.algorithm,
      hashedValue: this.lie ? hashOf('sha256', 'other') : request.hash,
      token: 'MIIB',
      note: 'RFC 3161 token',
    };
  }
}
