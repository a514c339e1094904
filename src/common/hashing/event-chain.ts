import { canonicalJson } from './canonical-json';
import { hashOf, isHashAlgorithm, type HashAlgorithm } from './hash-algorithm';

/**
 * A case's events form a hash chain: each event's hash covers its own fields and the previous
 * event's hash, so editing, removing or reordering any event breaks every link after it. The
 * archive seals the last hash; verifying the chain shows the history was not altered
 * (docs/procedural-rules.md G29–G30).
 */

/** The prevHash of a case's first event. SHA-256 and SM3 both give 256-bit digests. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

const HEX_256 = /^[0-9a-f]{64}$/;

export interface ChainEventFields {
  /** Algorithm of this event's hash; recorded per event so a chain survives a change of default. */
  alg: HashAlgorithm;
  /** The previous event's hash, or GENESIS_PREV_HASH for sequence 1. */
  prevHash: string;
  /** 1, 2, 3… without gaps within a case. */
  sequence: number;
  type: string;
  /** Null for events the system raises itself (deadline expiry, sweeps…). */
  actorId: string | null;
  occurredAt: Date;
  payload: unknown;
}

export interface ChainEvent extends ChainEventFields {
  hash: string;
}

export type ChainBreakReason = 'sequence' | 'prev-hash' | 'hash' | 'malformed' | 'seal';

export interface VerifyChainOptions {
  /**
   * The last hash as sealed elsewhere (the archive manifest, an external anchor). Without it a
   * forger who rewrites the last events and rehashes them, or drops them, leaves a valid chain.
   */
  sealedHash?: string;
}

export type ChainVerification = { ok: true } | { ok: false; brokenAt: number; reason: ChainBreakReason; detail: string };

/** The hash of one event: `alg` over the canonical JSON of all its fields, prevHash included. */
export function chainHash(event: ChainEventFields): string {
  const { alg, prevHash, sequence, type, actorId, occurredAt, payload } = event;
  if (!isHashAlgorithm(alg)) throw new TypeError(`unsupported hash algorithm "${String(alg)}"`);
  if (typeof prevHash !== 'string' || !HEX_256.test(prevHash)) {
    throw new TypeError('prevHash must be 64 lower-case hex digits');
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new TypeError('sequence must be an integer from 1');
  if (typeof type !== 'string' || type === '') throw new TypeError('type must be a non-empty string');
  if (actorId !== null && typeof actorId !== 'string') throw new TypeError('actorId must be a string or null');
  // The algorithm is hashed too, so an event cannot be passed off under another algorithm.
  return hashOf(alg, canonicalJson({ alg, prevHash, sequence, type, actorId, occurredAt, payload }));
}

/**
 * Checks a case's whole chain, given in sequence order from its first event. Reports the first
 * sequence number at which the chain is not intact and why.
 */
export function verifyChain(events: readonly ChainEvent[], options: VerifyChainOptions = {}): ChainVerification {
  let prevHash = GENESIS_PREV_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const expected = i + 1;
    if (event.sequence !== expected) {
      return {
        ok: false,
        brokenAt: expected,
        reason: 'sequence',
        detail: `expected sequence ${expected}, found ${event.sequence} (an event is missing or out of order)`,
      };
    }
    if (event.prevHash !== prevHash) {
      return {
        ok: false,
        brokenAt: expected,
        reason: 'prev-hash',
        detail: `prevHash does not match the hash of ${expected === 1 ? 'the genesis' : `event ${expected - 1}`}`,
      };
    }
    let recomputed: string;
    try {
      recomputed = chainHash(event);
    } catch (e) {
      return { ok: false, brokenAt: expected, reason: 'malformed', detail: (e as Error).message };
    }
    if (recomputed !== event.hash) {
      return {
        ok: false,
        brokenAt: expected,
        reason: 'hash',
        detail: "the stored hash does not match the event's content (the event was altered)",
      };
    }
    prevHash = event.hash;
  }
  if (options.sealedHash !== undefined && options.sealedHash !== prevHash) {
    return {
      ok: false,
      brokenAt: Math.max(1, events.length),
      reason: 'seal',
      detail: 'the last hash differs from the sealed one (events were rewritten, added or removed at the end)',
    };
  }
  return { ok: true };
}
