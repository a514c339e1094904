import { DeleteObjectCommand, GetObjectCommand, GetObjectLockConfigurationCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { HashingMeter } from './hashing-meter';
import { assertValidObjectKey } from './object-key';
import { ObjectStorage, type PutObjectOptions, type StoredObject } from './object-storage';
import { ObjectAlreadyExistsError, ObjectNotFoundError, ObjectTooLargeError } from './object-storage.errors';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Unset: AWS S3 itself. Set for MinIO, Ceph, R2 and other S3-compatible servers. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** Object Lock mode for objects stored with a retention (archives): COMPLIANCE by default. */
  objectLockMode?: 'COMPLIANCE' | 'GOVERNANCE';
}

const statusOf = (error: unknown): number | undefined => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/**
 * Objects in one S3 bucket. Bodies are streamed with a multipart upload (`@aws-sdk/lib-storage`):
 * memory stays bounded by part size × parts in flight (5 MiB × 4), whatever the file's size.
 */
export class S3ObjectStorage extends ObjectStorage implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly lockMode: 'COMPLIANCE' | 'GOVERNANCE';
  private objectLock?: Promise<boolean>;

  constructor(options: S3StorageOptions) {
    super();
    this.bucket = options.bucket;
    this.lockMode = options.objectLockMode ?? 'COMPLIANCE';
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    });
  }

  async put(key: string, body: Readable, options: PutObjectOptions): Promise<StoredObject> {
    assertValidObjectKey(key);
    // No-overwrite takes two guards. The HEAD check refuses early, before any byte is read,
    // and is the only guard on servers that ignore conditional writes (s3rver, which the
    // tests use, and older Ceph releases); two concurrent writers can both pass it.
    // `IfNoneMatch: '*'` is the real guarantee where the server supports conditional writes
    // (AWS S3 since August 2024, MinIO, Cloudflare R2): the server refuses the PUT, or the
    // CompleteMultipartUpload (lib-storage sends its params with both), with 412 when the key
    // exists, so exactly one of two racing writers wins there.
    if (await this.head(key)) throw new ObjectAlreadyExistsError(key);

    const lock = options.retainUntil && (await this.bucketHasObjectLock()) ? { ObjectLockMode: this.lockMode, ObjectLockRetainUntilDate: options.retainUntil } : {};
    const meter = HashingMeter.of(body, key, options.maxBytes);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: meter, ContentType: options.contentType, IfNoneMatch: '*', ...lock },
      // On failure lib-storage aborts the multipart upload, so no parts are left behind.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The meter's own failure is the one that explains what happened (too large, or the body
      // itself failing: a truncated upload, a client gone); the upload reports it as it saw it
      // (sometimes wrapped, sometimes as an abort, sometimes as the server's answer to that abort).
      if (meter.errored) throw meter.errored;
      if (error instanceof ObjectTooLargeError) throw error;
      if (statusOf(error) === 412) throw new ObjectAlreadyExistsError(key);
      // 409 ConditionalRequestConflict: AWS's answer while another write of the key is in
      // flight. That write may still fail, so the key is taken only if an object is there now;
      // otherwise the error stands and the caller may try again.
      if (statusOf(error) === 409 && (await this.head(key).catch(() => undefined))) throw new ObjectAlreadyExistsError(key);
      throw error;
    }
    return { key, ...meter.result(), ...(lock.ObjectLockRetainUntilDate ? { lockedUntil: lock.ObjectLockRetainUntilDate } : {}) };
  }

  /**
   * Whether the bucket has Object Lock enabled (it can only be turned on when the bucket is
   * made); asked once. Any refusal — no configuration, a server without the feature — means no.
   */
  bucketHasObjectLock(): Promise<boolean> {
    this.objectLock ??= this.client
      .send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }))
      .then((r) => r.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled')
      .catch(() => false);
    return this.objectLock;
  }

  async get(key: string): Promise<Readable> {
    assertValidObjectKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(response.Body instanceof Readable)) throw new Error(`S3 returned no readable body for "${key}"`);
      return response.Body;
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey' || statusOf(error) === 404) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number } | undefined> {
    assertValidObjectKey(key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: response.ContentLength ?? 0 };
    } catch (error) {
      // HEAD responses have no body, so the SDK only knows the status: name is 'NotFound'.
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    // S3 answers 204 whether or not the key existed, which is the contract we want.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
