import { spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { archiveFingerprint, archiveStorageKey } from '../src/archive/archive-manifest';
import { ArchiveWriter } from '../src/archive/archive-writer';
import { LocalObjectStorage } from '../src/infrastructure/storage/local-object-storage';
import { archiveCase, flipByteOfEntry, retention, rewriteZip } from './support/archive-fixtures';

/**
 * The command a person runs on a downloaded archive: the built script, as a separate process
 * with no database and no configuration (`npm test` builds first).
 */
describe('npm run archive:verify (the built command)', () => {
  let base: string;
  let file: string;
  let manifestHash: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'accord-verify-e2e-'));
    const storage = new LocalObjectStorage(join(base, 'files'));
    const input = await archiveCase(storage, { documentSizes: [5000, 7000], sealedDocuments: [1], events: 12, eventAlgorithm: 'sm3' });
    const result = await new ArchiveWriter(storage).write(input, {
      storageKey: archiveStorageKey(input.case.id, archiveFingerprint(input, 'sm3', ['zh-CN'])),
      algorithm: 'sm3',
      retention: retention(input),
    });
    manifestHash = result.manifestHash;
    file = join(base, 'archive.zip');
    await pipeline(await storage.get(result.storageKey), createWriteStream(file));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const verify = (...args: string[]) => {
    const run = spawnSync('npm', ['run', '-s', 'archive:verify', '--', ...args], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      // Nothing the app needs: the verifier must not reach for a database or configuration.
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    return { code: run.status, out: run.stdout + run.stderr };
  };

  it('exits 0 on the archive as written', () => {
    const { code, out } = verify(file, '--manifest-hash', manifestHash);
    expect(out).toMatch(/VERIFIED: all \d+ checks passed/);
    expect(code).toBe(0);
  });

  it('exits 1 and names the item when a document, the manifest or an event was changed', async () => {
    const doc = join(base, 'doc.zip');
    copyFileSync(file, doc);
    await flipByteOfEntry(doc, 'sealed/002.pdf', 100);
    const docRun = verify(doc);
    expect(docRun.code).toBe(1);
    expect(docRun.out).toMatch(/^FAIL {2}sealed\/002\.pdf +the file was changed/m);

    const event = join(base, 'event.zip');
    copyFileSync(file, event);
    await rewriteZip(event, (name, data) => {
      if (name !== 'manifest.json') return undefined;
      const m = JSON.parse(data.toString('utf8')) as { events: { payload: unknown }[] };
      m.events[6].payload = { forged: true };
      return Buffer.from(JSON.stringify(m));
    });
    const eventRun = verify(event);
    expect(eventRun.code).toBe(1);
    expect(eventRun.out).toMatch(/^FAIL {2}manifest hash +the manifest was changed after sealing/m);
    expect(eventRun.out).toMatch(/^FAIL {2}event 7 +its content does not match its hash/m);
  });

  it('exits 2 when it cannot run', () => {
    expect(verify(join(base, 'nothing.zip')).code).toBe(2);
  });
});
