import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveCase, flipByteOfEntry, readZip, retention, rewriteZip } from '../../test/support/archive-fixtures';
import { chainHash } from '../common/hashing/event-chain';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { LocalObjectStorage } from '../infrastructure/storage/local-object-storage';
import { archiveFingerprint, archiveStorageKey, computeManifestHash, toChainEvent, type ArchiveManifest } from './archive-manifest';
import { manifestProblem, verifyArchiveFile, verifyStoredArchive, type ArchiveVerification } from './archive-verifier';
import { ArchiveWriter, type ArchiveWriteResult } from './archive-writer';

const failed = (report: ArchiveVerification): string[] => report.items.filter((i) => !i.ok).map((i) => i.item);
const reasonOf = (report: ArchiveVerification, item: string): string => report.items.find((i) => i.item === item)?.reason ?? '';

describe.each<HashAlgorithm>(['sha256', 'sm3'])('verifyArchiveFile (%s)', (algorithm) => {
  let base: string;
  let storage: LocalObjectStorage;
  let original: string;
  let written: ArchiveWriteResult;
  let manifest: ArchiveManifest;
  let copies = 0;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'accord-verify-'));
    storage = new LocalObjectStorage(join(base, 'files'));
    const input = await archiveCase(storage, {
      documentSizes: [4096, 150_000, 10],
      sealedDocuments: [1],
      events: 8,
      eventAlgorithm: algorithm,
      confidentialEvents: [4],
    });
    const languages = ['zh-CN', 'en'] as const;
    written = await new ArchiveWriter(storage).write(input, {
      storageKey: archiveStorageKey(input.case.id, archiveFingerprint(input, algorithm, languages)),
      algorithm,
      languages,
      retention: retention(input),
    });
    original = join(base, 'original.zip');
    const bytes: Buffer[] = [];
    for await (const chunk of await storage.get(written.storageKey)) bytes.push(chunk as Buffer);
    writeFileSync(original, Buffer.concat(bytes));
    manifest = JSON.parse((await readZip(original)).find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as ArchiveManifest;
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  /** A fresh copy of the archive to tamper with. */
  const copy = (): string => {
    const file = join(base, `copy-${++copies}.zip`);
    copyFileSync(original, file);
    return file;
  };
  const editManifest = async (file: string, edit: (m: ArchiveManifest) => void): Promise<void> => {
    await rewriteZip(file, (name, data) => {
      if (name !== 'manifest.json') return undefined;
      const m = JSON.parse(data.toString('utf8')) as ArchiveManifest;
      edit(m);
      return Buffer.from(JSON.stringify(m, null, 2));
    });
  };

  it('passes every item of an untouched archive, each file named', async () => {
    const report = await verifyArchiveFile(copy(), { expectedManifestHash: written.manifestHash, expectedSha256: written.sha256 });
    expect(failed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.manifest?.algorithm).toBe(algorithm);
    const names = report.items.map((i) => i.item);
    for (const path of [...manifest.documents.map((d) => d.path), ...manifest.files.map((f) => f.path)]) expect(names).toContain(path);
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'manifest hash', 'event chain', 'trusted timestamp', 'expected manifest hash', 'zip sha256']));
    expect(reasonOf(report, 'trusted timestamp')).toMatch(/not issued by a time-stamping authority/);
  });

  it('fails on one changed byte of any file and names that file', async () => {
    const paths = [...manifest.documents.map((d) => d.path), ...manifest.files.map((f) => f.path)];
    expect(paths).toHaveLength(5);
    for (const path of paths) {
      const file = copy();
      const size = [...manifest.documents, ...manifest.files].find((f) => f.path === path)!.size;
      await flipByteOfEntry(file, path, Math.floor(size / 2));
      const report = await verifyArchiveFile(file);
      expect(report.ok).toBe(false);
      expect(failed(report)).toEqual([path]);
      expect(reasonOf(report, path)).toMatch(new RegExp(`the file was changed: its ${algorithm} is [0-9a-f]{64}, the manifest says`));
      // The ZIP's own SHA-256 no longer matches what was recorded, either.
      expect(report.zip.sha256).not.toBe(written.sha256);
    }
  });

  it('fails on one changed field of the manifest and says the manifest was changed after sealing', async () => {
    const edits: [string, (m: ArchiveManifest) => void][] = [
      ['case title', (m) => (m.case.title += '（修订）')],
      ['outcome', (m) => (m.case.outcome = 'withdrawn')],
      ['retention', (m) => (m.retention.years = 5)],
      ['a sealed document opened up', (m) => ((m.documents[1].sealed = false), (m.documents[1].visibleTo = null))],
      ['a party', (m) => (m.case.parties[0].name = '某某公司')],
    ];
    for (const [what, edit] of edits) {
      const file = copy();
      await editManifest(file, edit);
      const report = await verifyArchiveFile(file);
      expect({ what, failed: failed(report) }).toEqual({ what, failed: ['manifest hash'] });
      expect(reasonOf(report, 'manifest hash')).toMatch(/the manifest was changed after sealing/);
    }
  });

  it('names the file when the manifest’s hash for it was changed', async () => {
    const file = copy();
    await editManifest(file, (m) => (m.documents[2].hash = m.documents[0].hash));
    const report = await verifyArchiveFile(file);
    expect(failed(report)).toEqual(['manifest hash', manifest.documents[2].path]);
  });

  it('fails on one changed event and names the event', async () => {
    const file = copy();
    await editManifest(file, (m) => (m.events[2].payload = { step: 3, note: 'rewritten' }));
    const report = await verifyArchiveFile(file);
    expect(failed(report)).toEqual(['manifest hash', 'event 3', 'event chain']);
    expect(reasonOf(report, 'event 3')).toMatch(/does not match its hash \(the case.accepted event was altered\)/);
    expect(reasonOf(report, 'event chain')).toMatch(/broken at event 3 \(hash\)/);
  });

  it('names an event removed from the middle and one dropped from the end', async () => {
    const middle = copy();
    await editManifest(middle, (m) => m.events.splice(3, 1));
    expect(failed(await verifyArchiveFile(middle))).toEqual(expect.arrayContaining(['event 5', 'event chain']));

    const end = copy();
    await editManifest(end, (m) => {
      m.events.pop();
      m.eventChain.count -= 1;
    });
    const report = await verifyArchiveFile(end);
    expect(failed(report)).toEqual(['manifest hash', 'event chain']);
    expect(reasonOf(report, 'event chain')).toMatch(/\(seal\)/);
  });

  it('cannot see a forger who rewrites an event, the chain and the seal, until given the recorded manifest hash', async () => {
    const file = copy();
    await editManifest(file, (m) => {
      m.events[5].payload = { step: 6, note: 'forged' };
      for (let i = 5; i < m.events.length; i++) {
        const e = m.events[i];
        if (i > 5) e.prevHash = m.events[i - 1].hash;
        e.hash = chainHash(toChainEvent({ ...e, occurredAt: new Date(e.occurredAt) }));
      }
      m.eventChain.lastHash = m.events.at(-1)!.hash;
      m.seal.manifestHash = computeManifestHash(m);
      if (m.seal.trustedTimestamp) m.seal.trustedTimestamp.hashedValue = m.seal.manifestHash;
    });
    expect(failed(await verifyArchiveFile(file))).toEqual([]);
    const report = await verifyArchiveFile(file, { expectedManifestHash: written.manifestHash, expectedSha256: written.sha256 });
    expect(failed(report)).toEqual(['zip sha256', 'expected manifest hash']);
  });

  it('names a file missing from the ZIP and one added after sealing', async () => {
    const file = copy();
    const removed = manifest.documents[0].path;
    await rewriteZip(file, (name) => (name === removed ? null : undefined), [{ name: 'documents/999-extra.pdf', data: Buffer.from('%PDF-') }]);
    const report = await verifyArchiveFile(file);
    expect(failed(report)).toEqual([removed, 'documents/999-extra.pdf']);
    expect(reasonOf(report, removed)).toMatch(/missing from the ZIP/);
    expect(reasonOf(report, 'documents/999-extra.pdf')).toMatch(/not listed in the manifest/);
  });

  it('names a timestamp that was made over another hash', async () => {
    const file = copy();
    await editManifest(file, (m) => (m.seal.trustedTimestamp!.hashedValue = m.events[0].hash));
    expect(failed(await verifyArchiveFile(file))).toEqual(['trusted timestamp']);
  });

  it('verifies an archive straight from storage through a temporary copy', async () => {
    const report = await verifyStoredArchive(storage, written.storageKey, { tempDir: base, expectedManifestHash: written.manifestHash });
    expect(report.ok).toBe(true);
    expect(report.zip.sha256).toBe(written.sha256);
  });
});

describe('verifyArchiveFile on what is not a sealed archive', () => {
  let base: string;
  beforeAll(() => (base = mkdtempSync(join(tmpdir(), 'accord-verify-bad-'))));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('fails on a file that is not a ZIP', async () => {
    const file = join(base, 'not.zip');
    writeFileSync(file, 'hello');
    const report = await verifyArchiveFile(file);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['zip']);
  });

  it('fails on a ZIP without a manifest, or with a manifest that is not one', async () => {
    const file = join(base, 'plain.zip');
    writeFileSync(file, Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    expect(failed(await verifyArchiveFile(file))).toEqual(['manifest.json']);
    expect(manifestProblem({ format: 'accord-case-archive', formatVersion: 2 })).toMatch(/formatVersion 2 is not supported/);
    expect(manifestProblem([])).toBe('not a JSON object');
  });
});
