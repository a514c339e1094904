import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FieldError } from '../common/errors/problem';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf, isHashAlgorithm, type HashAlgorithm } from '../common/hashing/hash-algorithm';

/**
 * Electronic signatures on a frozen agreement version (docs/procedural-rules.md C12; ESL 13–14). A reliable
 * e-signature needs signing data controlled by the signer alone and any later change to the
 * signature or the document to be detectable. Here a signature record binds: who signed (the
 * account), in what capacity and for which party, the exact agreement version hash, when, from
 * which IP and user agent, and the proof that the signer controlled the phone or e-mail a
 * one-time code was sent to at that moment. `signatureDigest` fixes the record; a signature
 * counts only for the version hash it carries, so any change of the agreement (a new version)
 * leaves every earlier signature without effect.
 *
 * The agreement takes effect when the last required signer signs (OMR 19): `isEffective`.
 */

export enum SignerRole {
  /** The party itself (a person, or an organisation's authorised staff account). */
  Party = 'party',
  /** An agent with authority to sign for the party (Interp. 351). */
  Agent = 'agent',
  Mediator = 'mediator',
}

export interface OneTimeCodeProof {
  /** The stored code's id: the record of issue, delivery and verification. */
  codeId: string;
  channel: 'sms' | 'email';
  /** Where it was sent, masked as shown to the signer: 138****5678, z***@example.com. */
  destination: string;
  verifiedAt: Date;
}

export interface SignatureRecord {
  /** The signer's account. */
  signerId: string;
  /** The name printed with the signature. */
  signerName: string;
  signerRole: SignerRole;
  /** The party signed for (itself or the agent's principal); null for the mediator. */
  partyId: string | null;
  /** `agreementHash` of the version signed. */
  agreementHash: string;
  /** Algorithm of agreementHash and of this record's digest. */
  hashAlgorithm: HashAlgorithm;
  signedAt: Date;
  ip: string;
  userAgent: string;
  oneTimeCode: OneTimeCodeProof;
}

/** As stored: the record and the digest computed when it was made. */
export type StoredSignature = SignatureRecord & { digest?: string };

const HEX_256 = /^[0-9a-f]{64}$/;
const SIGNER_ROLES = new Set<string>(Object.values(SignerRole));

/** Field-level errors of a signature record about to be stored; empty when it is well formed. */
export function validateSignatureRecord(record: SignatureRecord): FieldError[] {
  const errors: FieldError[] = [];
  const text = (field: keyof SignatureRecord, value: unknown, max: number) => {
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, rule: 'required', message: `${field} is required` });
    else if (value.length > max) errors.push({ field, rule: 'max_length', message: `${field} must be at most ${max} characters` });
  };
  text('signerId', record.signerId, 200);
  text('signerName', record.signerName, 200);
  if (!SIGNER_ROLES.has(record.signerRole)) errors.push({ field: 'signerRole', rule: 'enum', message: 'signerRole must be party, agent or mediator' });
  if (record.signerRole === SignerRole.Mediator ? record.partyId !== null : typeof record.partyId !== 'string' || record.partyId === '') {
    errors.push({ field: 'partyId', rule: 'party', message: 'partyId names the party signed for, and is null for the mediator' });
  }
  if (!isHashAlgorithm(record.hashAlgorithm)) errors.push({ field: 'hashAlgorithm', rule: 'enum', message: 'hashAlgorithm must be sha256 or sm3' });
  if (typeof record.agreementHash !== 'string' || !HEX_256.test(record.agreementHash)) {
    errors.push({ field: 'agreementHash', rule: 'hash', message: 'agreementHash must be 64 lower-case hex digits' });
  }
  const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
  if (!validDate(record.signedAt)) errors.push({ field: 'signedAt', rule: 'date', message: 'signedAt must be a valid time' });
  if (typeof record.ip !== 'string' || isIP(record.ip) === 0) errors.push({ field: 'ip', rule: 'ip', message: 'ip must be an IPv4 or IPv6 address' });
  text('userAgent', record.userAgent, 1000);
  const proof = record.oneTimeCode;
  if (!proof || typeof proof.codeId !== 'string' || proof.codeId === '') {
    errors.push({ field: 'oneTimeCode.codeId', rule: 'required', message: 'a signature needs the verified one-time code' });
  } else {
    if (proof.channel !== 'sms' && proof.channel !== 'email') errors.push({ field: 'oneTimeCode.channel', rule: 'enum', message: 'oneTimeCode.channel must be sms or email' });
    if (typeof proof.destination !== 'string' || proof.destination === '') {
      errors.push({ field: 'oneTimeCode.destination', rule: 'required', message: 'oneTimeCode.destination is required' });
    }
    if (!validDate(proof.verifiedAt) || (validDate(record.signedAt) && proof.verifiedAt.getTime() > record.signedAt.getTime())) {
      errors.push({ field: 'oneTimeCode.verifiedAt', rule: 'order', message: 'the one-time code must be verified no later than the signature' });
    }
  }
  return errors;
}

/** The record's digest: its algorithm over the canonical JSON of every field. */
export function signatureDigest(record: SignatureRecord): string {
  const { signerId, signerName, signerRole, partyId, agreementHash, hashAlgorithm, signedAt, ip, userAgent, oneTimeCode } = record;
  if (!isHashAlgorithm(hashAlgorithm)) throw new TypeError(`unsupported hash algorithm "${String(hashAlgorithm)}"`);
  const { codeId, channel, destination, verifiedAt } = oneTimeCode;
  return hashOf(
    hashAlgorithm,
    canonicalJson({
      schema: 'accord.signature/1',
      signerId,
      signerName,
      signerRole,
      partyId,
      agreementHash,
      hashAlgorithm,
      signedAt,
      ip,
      userAgent,
      oneTimeCode: { codeId, channel, destination, verifiedAt },
    }),
  );
}

// ── Effect ──────────────────────────────────────────────────────────────────────────────────

/**
 * Who must sign. A party is signed for by its own account or an authorised agent: the caller
 * lists those accounts in `signerIds` as of the signing.
 */
export type RequiredSigner = { role: 'party'; partyId: string; signerIds: readonly string[] } | { role: 'mediator'; userId: string };

export type IgnoredReason =
  /** Signed another version: a change voided it. */
  | 'other_version'
  /** The stored digest does not match the record: it was altered. */
  | 'tampered'
  /** Not by an account that may sign for that party, or not a required signer at all. */
  | 'not_required'
  /** A second signature for a requirement already met. */
  | 'duplicate';

export interface Effectiveness {
  effective: boolean;
  /** The time of the last required signature (OMR 19); null until every one is there. */
  effectiveAt: Date | null;
  /** Required signers with no valid signature on the current version, in the order given. */
  missing: RequiredSigner[];
  /** The signature that met each requirement met, in the order of `required`. */
  counted: StoredSignature[];
  ignored: { signature: StoredSignature; reason: IgnoredReason }[];
}

function meets(requirement: RequiredSigner, s: SignatureRecord): boolean {
  if (requirement.role === 'mediator') return s.signerRole === SignerRole.Mediator && s.signerId === requirement.userId;
  return (s.signerRole === SignerRole.Party || s.signerRole === SignerRole.Agent) && s.partyId === requirement.partyId && requirement.signerIds.includes(s.signerId);
}

/**
 * Whether the version whose hash is `currentVersionHash` is in effect: every required signer has
 * a signature over exactly that hash. Signatures over any other hash do not count (a change
 * voids them); where a requirement has several, the earliest counts.
 */
export function isEffective(required: readonly RequiredSigner[], signatures: readonly StoredSignature[], currentVersionHash: string): Effectiveness {
  if (required.length === 0) throw new RangeError('an agreement needs at least one required signer');
  const ignored: Effectiveness['ignored'] = [];
  const valid: StoredSignature[] = [];
  for (const s of signatures) {
    if (s.agreementHash !== currentVersionHash) ignored.push({ signature: s, reason: 'other_version' });
    else if (s.digest !== undefined && s.digest !== signatureDigest(s)) ignored.push({ signature: s, reason: 'tampered' });
    else valid.push(s);
  }
  valid.sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());

  const used = new Set<StoredSignature>();
  const counted: StoredSignature[] = [];
  const missing: RequiredSigner[] = [];
  for (const requirement of required) {
    const first = valid.find((s) => !used.has(s) && meets(requirement, s));
    if (first) {
      used.add(first);
      counted.push(first);
    } else {
      missing.push(requirement);
    }
  }
  for (const s of valid) {
    if (used.has(s)) continue;
    ignored.push({ signature: s, reason: required.some((r) => meets(r, s)) ? 'duplicate' : 'not_required' });
  }
  const effective = missing.length === 0;
  const effectiveAt = effective ? new Date(Math.max(...counted.map((s) => s.signedAt.getTime()))) : null;
  return { effective, effectiveAt, missing, counted, ignored };
}

// ── One-time codes ──────────────────────────────────────────────────────────────────────────

export const ONE_TIME_CODE_DEFAULTS = Object.freeze({
  digits: 6,
  /** Five minutes: long enough to read an SMS, short enough to limit guessing. */
  ttlSeconds: 300,
  /** Wrong codes before the code is locked; with 6 digits, 5 tries guess it 1 time in 200 000. */
  maxAttempts: 5,
});

/**
 * What is stored for an issued code: never the code itself. The hash is keyed with a random
 * salt and covers a binding (e.g. the case, version hash and signer), so a code issued to sign
 * one version can't sign another, nor be used by someone else.
 */
export interface StoredOneTimeCode {
  hash: string;
  salt: string;
  expiresAt: Date;
  attempts: number;
  maxAttempts: number;
  usedAt: Date | null;
}

export interface IssueOneTimeCode {
  now: Date;
  /** What the code may be used for; the same string must be given to verify it. */
  binding: string;
  ttlSeconds?: number;
  maxAttempts?: number;
  /**
   * A code the caller derived itself (e.g. from a secret and the code's id, so that it need
   * never be stored to be sent later); drawn at random when absent.
   */
  code?: string;
}

export interface IssuedOneTimeCode {
  /** Six digits, leading zeros kept: send it, never store or log it. */
  code: string;
  stored: StoredOneTimeCode;
}

function codeHash(salt: string, binding: string, code: string): string {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(`${binding}\u0000${code}`, 'utf8').digest('hex');
}

export function issueOneTimeCode(input: IssueOneTimeCode): IssuedOneTimeCode {
  const ttl = input.ttlSeconds ?? ONE_TIME_CODE_DEFAULTS.ttlSeconds;
  const maxAttempts = input.maxAttempts ?? ONE_TIME_CODE_DEFAULTS.maxAttempts;
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new RangeError('ttlSeconds must be a positive whole number');
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive whole number');
  const digits = ONE_TIME_CODE_DEFAULTS.digits;
  if (input.code !== undefined && !new RegExp(`^[0-9]{${digits}}$`).test(input.code)) throw new RangeError(`a one-time code is ${digits} digits`);
  // randomInt draws uniformly from the CSPRNG (no modulo bias).
  const code =
    input.code ??
    randomInt(0, 10 ** digits)
      .toString()
      .padStart(digits, '0');
  const salt = randomBytes(16).toString('hex');
  return {
    code,
    stored: {
      hash: codeHash(salt, input.binding, code),
      salt,
      expiresAt: new Date(input.now.getTime() + ttl * 1000),
      attempts: 0,
      maxAttempts,
      usedAt: null,
    },
  };
}

export type OneTimeCodeResult = 'ok' | 'wrong' | 'expired' | 'used' | 'too_many_attempts';

export interface OneTimeCodeVerification {
  result: OneTimeCodeResult;
  /**
   * The code's state after this attempt, to store. Store it with a condition on the state read
   * (same attempts, usedAt still null) so that two concurrent attempts can't both succeed.
   */
  stored: StoredOneTimeCode;
  attemptsLeft: number;
}

/**
 * Checks a presented code: `used` once it has succeeded, `expired` from expiresAt on,
 * `too_many_attempts` after maxAttempts wrong ones, `wrong` (counted) otherwise unless it
 * matches. The comparison takes the same time whatever the presented code.
 */
export function verifyOneTimeCode(stored: StoredOneTimeCode, presented: string, at: Date, binding: string): OneTimeCodeVerification {
  const left = (s: StoredOneTimeCode) => Math.max(0, s.maxAttempts - s.attempts);
  if (stored.usedAt !== null) return { result: 'used', stored, attemptsLeft: 0 };
  if (at.getTime() >= stored.expiresAt.getTime()) return { result: 'expired', stored, attemptsLeft: left(stored) };
  if (stored.attempts >= stored.maxAttempts) return { result: 'too_many_attempts', stored, attemptsLeft: 0 };
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(codeHash(stored.salt, binding, typeof presented === 'string' ? presented.trim() : ''), 'hex');
  const matches = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (matches) {
    const next = { ...stored, usedAt: at };
    return { result: 'ok', stored: next, attemptsLeft: left(next) };
  }
  const next = { ...stored, attempts: stored.attempts + 1 };
  return { result: 'wrong', stored: next, attemptsLeft: left(next) };
}
