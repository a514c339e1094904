import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingMeter } from './hashing-meter';
import { assertValidObjectKey } from './object-key';
import { ObjectStorage, type PutObjectOptions, type StoredObject } from './object-storage';
import { ObjectAlreadyExistsError, ObjectNotFoundError } from './object-storage.errors';

const isErrno = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;

/**
 * Objects as files under one folder (`${DATA_DIR}/files` in the app). For a single machine:
 * several processes on it may share the folder, several machines need the `s3` driver.
 */
export class LocalObjectStorage extends ObjectStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, body: Readable, options: PutObjectOptions): Promise<StoredObject> {
    const target = this.pathOf(key);
    // Cheap early refusal, before reading a byte of the body; link() below is what decides.
    if (await this.head(key)) throw new ObjectAlreadyExistsError(key);

    const folder = dirname(target);
    const firstMade = await mkdir(folder, { recursive: true });
    // Same folder as the target, so link() never crosses a file system; the leading dot keeps
    // it out of the key space (see object-key.ts).
    const temp = join(folder, `.upload-${randomUUID()}`);
    const meter = HashingMeter.of(body, key, options.maxBytes);
    try {
      // `flush` fsyncs before close: the link below must never publish a file whose bytes
      // are still only in the page cache.
      await pipeline(meter, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      try {
        // link() fails when the target exists, unlike rename(), which would silently replace
        // it: of two concurrent writers of one key exactly one wins, the other gets EEXIST.
        await link(temp, target);
      } catch (error) {
        if (isErrno(error, 'EEXIST')) throw new ObjectAlreadyExistsError(key);
        throw error;
      }
      // The file's name, and the names of the folders made for it (a case's first document).
      for (const synced of [folder, ...foldersHoldingNewNames(firstMade, folder)]) await syncFolder(synced);
    } finally {
      await unlink(temp).catch((error: unknown) => {
        if (!isErrno(error, 'ENOENT')) throw error;
      });
    }
    return { key, ...meter.result() };
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opened here rather than lazily by the stream, so a missing object is an error of get()
      // and not of the first read.
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    try {
      const stats = await stat(this.pathOf(key));
      return stats.isFile() ? { size: stats.size } : undefined;
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isErrno(error, 'ENOENT') && !isErrno(error, 'ENOTDIR')) throw error;
    });
  }

  private pathOf(key: string): string {
    assertValidObjectKey(key);
    const path = resolve(this.root, key);
    // The key check already rules this out; a second, independent guard costs nothing.
    const inside = relative(this.root, path);
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) {
      throw new Error(`Object key "${key}" resolves outside the storage root`);
    }
    return path;
  }
}

/**
 * The folders that hold the names a recursive mkdir of `folder` added, `firstMade` being the
 * first folder it made: `firstMade`'s parent, and each folder it made except `folder` itself (its
 * own new entry, the file's, is synced anyway). Without a journal that orders them (ext4 without
 * one, as on this project's VMs), a crash could otherwise lose the path to a file whose bytes and
 * name were both on disk.
 */
export function foldersHoldingNewNames(firstMade: string | undefined, folder: string): string[] {
  if (firstMade === undefined) return [];
  const holding: string[] = [];
  for (let made = folder; made !== dirname(made); made = dirname(made)) {
    holding.push(dirname(made));
    if (made === firstMade) break;
  }
  return holding;
}

/** Persist the new directory entry too, so a crash right after put() can't lose the name. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
