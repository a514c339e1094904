import { createHash, type Hash } from 'node:crypto';
import { finished, Transform, type Readable, type TransformCallback } from 'node:stream';
import { ObjectTooLargeError } from './object-storage.errors';

/**
 * A pass-through that hashes and counts the bytes on their way to storage, and fails as soon
 * as they pass `maxBytes`, so an oversized upload stops early instead of being written in
 * full and rejected afterwards.
 */
export class HashingMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private digest?: string;

  private constructor(
    private readonly key: string,
    private readonly maxBytes?: number,
  ) {
    super();
    if (maxBytes !== undefined && (!Number.isSafeInteger(maxBytes) || maxBytes < 0)) {
      throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
    }
  }

  /**
   * Feed `body` through a new meter. The body is piped, not handed over: when storing fails
   * the body is unpiped but neither drained nor destroyed, because it may be an HTTP request
   * whose socket must stay open for the 413 or 409 answer. The caller owns it.
   */
  static of(body: Readable, key: string, maxBytes?: number): HashingMeter {
    const meter = new HashingMeter(key, maxBytes);
    if (body.destroyed || body.readableEnded) {
      // pipe() from such a stream never ends the meter: fail now instead of hanging.
      meter.destroy(new Error(`The body for "${key}" was already ${body.destroyed ? 'destroyed' : 'consumed'}`));
      return meter;
    }
    // pipe() does not forward a source's failure; a body that errors or closes early must
    // fail the upload, not leave it waiting for bytes that never come.
    const stopWatching = finished(body, { writable: false }, (error) => {
      if (error) meter.destroy(error);
    });
    meter.once('close', stopWatching);
    body.pipe(meter);
    return meter;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.maxBytes !== undefined && this.bytes > this.maxBytes) {
      callback(new ObjectTooLargeError(this.key, this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** Size and hash of everything that went through; only once all of it has. */
  result(): { size: number; sha256: string } {
    if (!this.writableFinished) throw new Error('HashingMeter.result() called before the body ended');
    this.digest ??= this.hash.digest('hex');
    return { size: this.bytes, sha256: this.digest };
  }
}
