import { createHash, getHashes, type Hash } from 'node:crypto';

/**
 * SHA-256 is the default; SM3 (GB/T 32905-2016) is there because Chinese archive standards
 * (DA/T 97-2023, docs/procedural-rules.md G32) list it. Both give 256-bit digests, written as 64 hex digits.
 */
export type HashAlgorithm = 'sha256' | 'sm3';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'sm3'];

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === 'string' && (HASH_ALGORITHMS as readonly string[]).includes(value);
}

/** Bytes in, hex digest out; feed a file chunk by chunk without holding it in memory. */
export interface StreamingHasher {
  readonly algorithm: HashAlgorithm;
  /** Strings are hashed as their UTF-8 bytes. */
  update(chunk: Uint8Array | string): this;
  /** Lower-case hex; the hasher cannot be used afterwards. */
  digest(): string;
}

// SM3 comes from the OpenSSL that Node is built with (Node's bundled OpenSSL 3 has it). A Node
// built against a system OpenSSL without SM3 fails here with a message that says so, rather
// than with OpenSSL's bare "Digest method not supported".
function nodeHash(alg: HashAlgorithm): Hash {
  if (!isHashAlgorithm(alg)) throw new TypeError(`unsupported hash algorithm "${String(alg)}"`);
  if (alg === 'sm3' && !getHashes().includes('sm3')) {
    throw new Error('this Node.js build has no SM3 (its OpenSSL lacks it); use the official Node.js 24 build');
  }
  return createHash(alg);
}

export function createStreamingHasher(alg: HashAlgorithm): StreamingHasher {
  const hash = nodeHash(alg);
  const hasher: StreamingHasher = {
    algorithm: alg,
    update(chunk) {
      hash.update(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      return this;
    },
    digest: () => hash.digest('hex'),
  };
  return hasher;
}

/** Hex digest of a string (as UTF-8) or of bytes. */
export function hashOf(alg: HashAlgorithm, data: Uint8Array | string): string {
  return createStreamingHasher(alg).update(data).digest();
}

/** Hex digest of everything a stream yields (a file read stream, an upload…). */
export async function hashStream(alg: HashAlgorithm, source: AsyncIterable<Uint8Array | string>): Promise<string> {
  const hasher = createStreamingHasher(alg);
  for await (const chunk of source) hasher.update(chunk);
  return hasher.digest();
}
