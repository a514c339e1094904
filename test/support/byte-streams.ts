import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A body of `totalBytes` random bytes, produced chunk by chunk as it is read (never held in
 * memory as a whole). It hashes what it hands out itself, independently of the code under
 * test, and counts how much was pulled, so a test can tell whether a consumer stopped early.
 */
export class ByteSource {
  private readonly hash = createHash('sha256');
  private digest?: string;
  pulled = 0;
  done = false;

  constructor(
    readonly totalBytes: number,
    private readonly options: { chunkSize?: number; delayMs?: number; failAfter?: number } = {},
  ) {}

  stream(): Readable {
    const chunkSize = this.options.chunkSize ?? 64 * 1024;
    const delayMs = this.options.delayMs ?? 0;
    const failAfter = this.options.failAfter;
    const generate = async function* (this: ByteSource): AsyncGenerator<Buffer> {
      while (this.pulled < this.totalBytes) {
        if (failAfter !== undefined && this.pulled >= failAfter) throw new Error('the client went away');
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const chunk = randomBytes(Math.min(chunkSize, this.totalBytes - this.pulled));
        this.hash.update(chunk);
        this.pulled += chunk.length;
        yield chunk;
      }
      this.done = true;
    }.bind(this);
    return Readable.from(generate(), { objectMode: false });
  }

  /** SHA-256 (hex) of every byte handed out; call once the whole body was read. */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/** SHA-256 (hex) and length of everything a stream yields. */
export async function digestOf(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
