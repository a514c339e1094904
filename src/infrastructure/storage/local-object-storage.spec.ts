import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ByteSource, digestOf, readAll } from '../../../test/support/byte-streams';
import { foldersHoldingNewNames, LocalObjectStorage } from './local-object-storage';
import { InvalidObjectKeyError, ObjectAlreadyExistsError, ObjectNotFoundError, ObjectTooLargeError } from './object-storage.errors';

const MiB = 1024 * 1024;
const pdf = { contentType: 'application/pdf' };

/** Every file under `dir`, relative, recursively. */
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
        .sort()
    : [];

describe('LocalObjectStorage', () => {
  let base: string;
  let root: string;
  let storage: LocalObjectStorage;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'accord-storage-'));
    root = join(base, 'files');
    storage = new LocalObjectStorage(root);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('streams a multi-megabyte body to disk and reports its size and SHA-256', async () => {
    const source = new ByteSource(12 * MiB + 123);
    const stored = await storage.put('cases/c1/documents/brief.pdf', source.stream(), pdf);

    expect(source.done).toBe(true);
    expect(stored).toEqual({ key: 'cases/c1/documents/brief.pdf', size: 12 * MiB + 123, sha256: source.sha256() });
    expect(await storage.head('cases/c1/documents/brief.pdf')).toEqual({ size: 12 * MiB + 123 });
    expect(await digestOf(await storage.get('cases/c1/documents/brief.pdf'))).toEqual({
      size: stored.size,
      sha256: stored.sha256,
    });
    expect(filesUnder(root)).toEqual(['cases/c1/documents/brief.pdf']);
  });

  it('stores an empty body', async () => {
    const stored = await storage.put('empty.txt', Readable.from([], { objectMode: false }), { contentType: 'text/plain' });
    expect(stored).toEqual({
      key: 'empty.txt',
      size: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect((await readAll(await storage.get('empty.txt'))).length).toBe(0);
  });

  it('refuses to overwrite an existing key, keeping the first content and leaving the body unread', async () => {
    await storage.put('doc.txt', Readable.from([Buffer.from('first version')]), { contentType: 'text/plain' });
    const second = new ByteSource(1000);
    const body = second.stream();

    await expect(storage.put('doc.txt', body, { contentType: 'text/plain' })).rejects.toThrow(ObjectAlreadyExistsError);
    expect(second.pulled).toBe(0);
    expect(body.destroyed).toBe(false);
    expect((await readAll(await storage.get('doc.txt'))).toString()).toBe('first version');
  });

  it('aborts a body over maxBytes mid-stream and keeps nothing, not even a temp file', async () => {
    const source = new ByteSource(50 * MiB);
    const body = source.stream();

    const failure = await storage.put('big.bin', body, { contentType: 'application/octet-stream', maxBytes: 2 * MiB }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ObjectTooLargeError);
    expect((failure as ObjectTooLargeError).maxBytes).toBe(2 * MiB);
    // Stopped soon after the limit: the rest of the 50 MiB was never read.
    expect(source.pulled).toBeLessThan(4 * MiB);
    expect(await storage.head('big.bin')).toBeUndefined();
    expect(filesUnder(root)).toEqual([]);
    // The caller's stream is left to the caller (an HTTP request must stay open for the 413).
    expect(body.destroyed).toBe(false);
    body.destroy();
  });

  it('accepts a body of exactly maxBytes', async () => {
    const source = new ByteSource(MiB);
    const stored = await storage.put('exact.bin', source.stream(), { contentType: 'application/octet-stream', maxBytes: MiB });
    expect(stored.size).toBe(MiB);
    expect(stored.sha256).toBe(source.sha256());
  });

  it('fails the upload and keeps nothing when the body itself fails', async () => {
    const source = new ByteSource(4 * MiB, { failAfter: MiB });
    await expect(storage.put('broken.bin', source.stream(), pdf)).rejects.toThrow('the client went away');
    expect(await storage.head('broken.bin')).toBeUndefined();
    expect(filesUnder(root)).toEqual([]);
  });

  it('fails rather than hangs on a body that was already destroyed', async () => {
    const body = new ByteSource(10).stream();
    body.destroy();
    await expect(storage.put('gone.bin', body, pdf)).rejects.toThrow(/already destroyed/);
    expect(filesUnder(root)).toEqual([]);
  });

  it('lets exactly one of several concurrent writers of a key win', async () => {
    // Slow bodies, so every writer is past the early existence check before any of them
    // finishes: the no-overwrite link() is what has to decide.
    const sources = Array.from({ length: 6 }, () => new ByteSource(256 * 1024, { chunkSize: 16 * 1024, delayMs: 2 }));
    const results = await Promise.allSettled(sources.map((s) => storage.put('race/doc.bin', s.stream(), pdf)));

    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, stored: r.value }] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const reason of lost) expect(reason).toBeInstanceOf(ObjectAlreadyExistsError);
    // Every writer streamed its whole body, so each got as far as the final link().
    expect(sources.every((s) => s.done)).toBe(true);
    const winner = sources[won[0]!.i]!;
    expect(won[0]!.stored.sha256).toBe(winner.sha256());
    expect((await digestOf(await storage.get('race/doc.bin'))).sha256).toBe(winner.sha256());
    expect(filesUnder(root)).toEqual(['race/doc.bin']);
  });

  it('refuses keys that could escape the storage folder, before touching the disk', async () => {
    writeFileSync(join(base, 'secret.txt'), 'outside the storage root');
    for (const key of ['../secret.txt', 'a/../../secret.txt', `/${join(base, 'secret.txt')}`, 'a//b', '.hidden', 'a b']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]), pdf)).rejects.toThrow(InvalidObjectKeyError);
      await expect(storage.get(key)).rejects.toThrow(InvalidObjectKeyError);
      await expect(storage.head(key)).rejects.toThrow(InvalidObjectKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidObjectKeyError);
    }
    expect(existsSync(join(base, 'secret.txt'))).toBe(true);
    expect(filesUnder(root)).toEqual([]);
  });

  it('reports a missing object: get throws ObjectNotFoundError, head answers undefined, delete is a no-op', async () => {
    await expect(storage.get('nope/x.pdf')).rejects.toThrow(ObjectNotFoundError);
    expect(await storage.head('nope/x.pdf')).toBeUndefined();
    await expect(storage.delete('nope/x.pdf')).resolves.toBeUndefined();
  });

  it('deletes an object (clean-up after a failed upload), after which the key can be used again', async () => {
    await storage.put('tmp/a.txt', Readable.from([Buffer.from('one')]), { contentType: 'text/plain' });
    await storage.delete('tmp/a.txt');
    expect(await storage.head('tmp/a.txt')).toBeUndefined();
    await expect(storage.get('tmp/a.txt')).rejects.toThrow(ObjectNotFoundError);
    await storage.put('tmp/a.txt', Readable.from([Buffer.from('two')]), { contentType: 'text/plain' });
    expect((await readAll(await storage.get('tmp/a.txt'))).toString()).toBe('two');
  });
});

describe('foldersHoldingNewNames', () => {
  it('names the folders whose entries a recursive mkdir added, above the folder whose own entry the file adds', () => {
    // cases/<id>/documents made: the names `<id>` (in cases) and `documents` (in <id>) are new.
    expect(foldersHoldingNewNames('/data/files/cases/c1', '/data/files/cases/c1/documents')).toEqual(['/data/files/cases/c1', '/data/files/cases']);
    // Only the last folder made: its name is in its parent.
    expect(foldersHoldingNewNames('/data/files/cases/c1/documents', '/data/files/cases/c1/documents')).toEqual(['/data/files/cases/c1']);
    // Nothing made: nothing more to sync.
    expect(foldersHoldingNewNames(undefined, '/data/files/cases/c1/documents')).toEqual([]);
  });
});
