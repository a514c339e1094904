import type { HashAlgorithm } from '../common/hashing/hash-algorithm';

/**
 * A time stamp over an archive's manifest hash (docs/procedural-rules.md G32: DA/T 97-2023 lists trusted
 * timestamps). It is recorded in the manifest's `seal`, outside what the manifest hash
 * covers, because it is made over that hash.
 */
export interface TrustedTimestampRecord {
  /** `local-clock` (no authority), or the adapter's kind, e.g. `rfc3161`. */
  kind: string;
  /** True only when an independent time-stamping authority (TSA) vouches for the time. */
  trusted: boolean;
  /** Who issued it: the TSA's name or URL; null for the local clock. */
  authority: string | null;
  /** ISO 8601 UTC. */
  time: string;
  hashAlgorithm: HashAlgorithm;
  /** The manifest hash that was stamped. */
  hashedValue: string;
  /** The TSA's token (e.g. an RFC 3161 TimeStampToken, DER in base64); null when there is none. */
  token: string | null;
  /** What a reader should know about this stamp, in plain words. */
  note: string;
}

/**
 * Adapter to a time-stamping service. An implementation must either return a record for
 * exactly `hash` or throw; the archive job then fails and retries rather than sealing an
 * archive with a stamp over something else.
 */
export abstract class TrustedTimestamper {
  abstract stamp(request: { algorithm: HashAlgorithm; hash: string }): Promise<TrustedTimestampRecord>;
}

/**
 * The default when no TSA is configured: records the platform's clock and says plainly that
 * it is not a trusted time stamp, so nobody mistakes it for one.
 */
export class LocalClockTimestamper extends TrustedTimestamper {
  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  async stamp(request: { algorithm: HashAlgorithm; hash: string }): Promise<TrustedTimestampRecord> {
    return {
      kind: 'local-clock',
      trusted: false,
      authority: null,
      time: this.now().toISOString(),
      hashAlgorithm: request.algorithm,
      hashedValue: request.hash,
      token: null,
      note: 'Time of the platform clock when the archive was sealed; not issued by a time-stamping authority (TSA).',
    };
  }
}
