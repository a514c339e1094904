import { copyFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { archiveCase, flipByteOfEntry, retention } from '../../test/support/archive-fixtures';
import { LocalObjectStorage } from '../infrastructure/storage/local-object-storage';
import { archiveFingerprint, archiveStorageKey } from './archive-manifest';
import { runArchiveVerifyCli } from './archive-verify.cli';
import { ArchiveWriter, type ArchiveWriteResult } from './archive-writer';

describe('archive:verify command', () => {
  let base: string;
  let file: string;
  let written: ArchiveWriteResult;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'accord-verify-cli-'));
    const storage = new LocalObjectStorage(join(base, 'files'));
    const input = await archiveCase(storage, { documentSizes: [1000, 2000] });
    written = await new ArchiveWriter(storage).write(input, {
      storageKey: archiveStorageKey(input.case.id, archiveFingerprint(input, 'sha256', ['zh-CN'])),
      algorithm: 'sha256',
      retention: retention(input),
    });
    file = join(base, 'archive.zip');
    await pipeline(await storage.get(written.storageKey), createWriteStream(file));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const run = async (...argv: string[]): Promise<{ code: number; out: string }> => {
    const lines: string[] = [];
    const code = await runArchiveVerifyCli(argv, (text) => lines.push(text));
    return { code, out: lines.join('\n') };
  };

  it('prints every check and exits 0 for an intact archive', async () => {
    const { code, out } = await run(file, '--manifest-hash', written.manifestHash, '--sha256', written.sha256);
    expect(code).toBe(0);
    expect(out).toContain(`manifest hash ${written.manifestHash}`);
    expect(out).toMatch(/^OK {4}documents\/001-证据 1\.pdf +\d+ bytes, sha256 matches$/m);
    expect(out).toMatch(/^OK {4}expected manifest hash/m);
    expect(out).toMatch(/VERIFIED: all \d+ checks passed\.$/);
  });

  it('names the failing item and exits 1 when a document was altered', async () => {
    const tampered = join(base, 'tampered.zip');
    copyFileSync(file, tampered);
    await flipByteOfEntry(tampered, 'documents/002-证据 2.pdf', 10);
    const { code, out } = await run(tampered);
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}documents\/002-证据 2\.pdf +the file was changed/m);
    expect(out).toMatch(/NOT VERIFIED: 1 of \d+ checks failed\.$/);

    const json = await run(tampered, '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as { ok: boolean; items: { item: string; ok: boolean }[]; archive: { manifestHash: string } };
    expect(report.ok).toBe(false);
    expect(report.items.filter((i) => !i.ok).map((i) => i.item)).toEqual(['documents/002-证据 2.pdf']);
    expect(report.archive.manifestHash).toBe(written.manifestHash);
  });

  it('fails when the recorded manifest hash is not the archive’s', async () => {
    const { code, out } = await run(file, '--manifest-hash', 'a'.repeat(64));
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}expected manifest hash/m);
  });

  it('exits 2 on bad usage or an unreadable file', async () => {
    expect((await run()).code).toBe(2);
    expect((await run(file, '--manifest-hash', 'xyz')).out).toMatch(/needs a 64-digit hex value/);
    expect((await run(file, '--frobnicate')).code).toBe(2);
    const missing = await run(join(base, 'missing.zip'));
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/cannot read .*missing\.zip: ENOENT/);
    expect((await run('--help')).code).toBe(0);
  });
});
