import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ProblemException, ValidationProblem } from '../../common/errors/problem';
import { retryStaleReads, StaleRead } from '../../common/stale-read';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { RequestOrigin } from '../../common/request-origin';
import type { SigningCapacity } from '../signature-codes';
import { AgreementSignature } from '../agreement-signature.entity';
import { storedSignature } from '../agreement-store';
import { AgreementVersionRecord } from '../agreement-version.entity';
import { SignatureCode } from '../signature-code.entity';
import { requiredSigners, signatureCodeBinding } from '../signature-codes';
import { isEffective, signatureDigest, validateSignatureRecord, verifyOneTimeCode, type SignatureRecord } from '../signatures';

import { AgreementSigning, SIGNATURE_CODE_REFUSED } from '../agreement-signing.service';
import { AgreementTakesEffect, sameSignedAgreement, type SignedAgreementFacts, type SignedAgreementPrepared } from '../agreement-takes-effect';

/** A code that did not sign: which rule refused it and how many tries are left (docs/procedural-rules.md C12). */
class SignatureCodeRefused extends ProblemException {
  constructor(rule: string, message: string, attemptsLeft: number) {
    super(HttpStatus.BAD_REQUEST, SIGNATURE_CODE_REFUSED, 'Signing code refused', message, { errors: [{ field: 'code', rule, message }], attemptsLeft });
  }
}

const CODE_REFUSALS: Record<string, string> = {
  wrong: 'the code is wrong',
  expired: 'the code has expired: ask for a new one',
  used: 'the code was already used: each code signs once',
  too_many_attempts: 'too many wrong codes: ask for a new one',
  no_code: 'ask for a code first',
};

@Injectable()
export class SignAgreement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: AgreementSigning,
    private readonly effect: AgreementTakesEffect,
    private readonly transitions: CaseTransitions,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs the version whose hash the signer saw with the code sent to them. A wrong code counts
   * as an attempt even though the request fails: the attempt is committed before the refusal is
   * returned. The last required signature makes the agreement take effect in the same transaction.
   *
   * No PDF is rendered or stored while the case is locked (issue 22, item 4): the signature's time
   * is fixed first; if an unlocked look ahead finds this would be the last required signature, the
   * signed PDF is made and stored from exactly the signatures that will count; the transaction then
   * checks those facts under the lock and, when they no longer hold, rolls back and the whole
   * action starts again (retryStaleReads: three attempts, then 409). The object of a lost attempt is never
   * recorded: the orphaned-object sweep removes it.
   */
  async run(
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; code: string; partyId?: string },
    origin: RequestOrigin,
    idem?: IdempotentRequest,
  ): Promise<{ signature: AgreementSignature; version: AgreementVersionRecord }> {
    const previous = await this.idempotency.previous(idem, 'agreement_signature');
    if (previous) {
      const signature = await this.db.getRepository(AgreementSignature).findOneByOrFail({ id: previous });
      return { signature, version: await this.db.getRepository(AgreementVersionRecord).findOneByOrFail({ id: signature.versionId }) };
    }
    return retryStaleReads(async () => {
      const now = this.clock.now();
      const signed = await this.prepareIfLast(user, caseId, body, origin, now);
      const outcome = await this.db.transaction((tx) => this.sign(tx, user, caseId, body, origin, now, signed, idem));
      if ('refused' in outcome) throw new SignatureCodeRefused(outcome.refused, CODE_REFUSALS[outcome.refused] ?? outcome.refused, outcome.attemptsLeft);
      return outcome;
    });
  }

  /**
   * Outside any transaction: when this signature, at `now`, would be the last required one, the
   * signed PDF it completes, rendered and stored. Null otherwise, and whenever the signature would
   * be refused: the transaction says why, under the lock.
   */
  private async prepareIfLast(
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; code: string; partyId?: string },
    origin: RequestOrigin,
    now: Date,
  ): Promise<SignedAgreementPrepared | null> {
    const m = this.db.manager;
    let facts: SignedAgreementFacts;
    try {
      const { c, version, capacity, signers } = await this.signing.signerContext(m, user, caseId, body, { lock: false });
      const code = await m.findOne(SignatureCode, { where: { versionId: version.id, signerId: user.id, supersededAt: IsNull() }, order: { createdAt: 'DESC' } });
      if (!code || code.partyId !== capacity.partyId) return null;
      const binding = signatureCodeBinding({ caseId, versionHash: version.hash, signerId: user.id, partyId: capacity.partyId });
      if (verifyOneTimeCode(code, body.code, now, binding).result !== 'ok') return null;
      await this.signing.refuseIfSigned(m, version.id, capacity);
      const record = signatureRecord(user, capacity, version, code, now, origin);
      if (validateSignatureRecord(record).length > 0) return null;
      const all = await m.find(AgreementSignature, { where: { versionId: version.id, voidedAt: IsNull() } });
      const effect = isEffective(requiredSigners(signers), [...all.map(storedSignature), { ...record, digest: signatureDigest(record) }], version.hash);
      if (!effect.effective) return null;
      facts = await this.effect.facts(m, c, version, effect, signers);
    } catch (error) {
      if (error instanceof ProblemException) return null;
      throw error;
    }
    return this.effect.prepare(caseId, facts);
  }

  /** The signature's transaction: database work only. */
  private async sign(
    tx: EntityManager,
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; code: string; partyId?: string },
    origin: RequestOrigin,
    now: Date,
    signed: SignedAgreementPrepared | null,
    idem: IdempotentRequest | undefined,
  ): Promise<{ signature: AgreementSignature; version: AgreementVersionRecord } | { refused: string; attemptsLeft: number }> {
    const { c, version, capacity, signers } = await this.signing.signerContext(tx, user, caseId, body);
    const code = await tx.findOne(SignatureCode, {
      where: { versionId: version.id, signerId: user.id, supersededAt: IsNull() },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!code || code.partyId !== capacity.partyId) return { refused: 'no_code', attemptsLeft: 0 };
    const binding = signatureCodeBinding({ caseId, versionHash: version.hash, signerId: user.id, partyId: capacity.partyId });
    const checked = verifyOneTimeCode(code, body.code, now, binding);
    if (checked.result !== 'ok') {
      if (checked.stored.attempts !== code.attempts) await tx.update(SignatureCode, { id: code.id }, { attempts: checked.stored.attempts });
      return { refused: checked.result, attemptsLeft: checked.attemptsLeft };
    }
    await tx.update(SignatureCode, { id: code.id }, { usedAt: now });
    await this.signing.refuseIfSigned(tx, version.id, capacity);

    const record = signatureRecord(user, capacity, version, code, now, origin);
    const invalid = validateSignatureRecord(record);
    if (invalid.length > 0) throw new ValidationProblem(invalid);
    const digest = signatureDigest(record);
    const signature = await tx.save(
      tx.create(AgreementSignature, {
        caseId,
        versionId: version.id,
        signerId: record.signerId,
        signerName: record.signerName,
        signerRole: record.signerRole,
        partyId: record.partyId,
        agreementHash: record.agreementHash,
        hashAlgorithm: record.hashAlgorithm,
        signedAt: now,
        ip: record.ip,
        userAgent: record.userAgent,
        codeId: code.id,
        codeChannel: code.channel,
        codeDestination: code.destination,
        codeVerifiedAt: now,
        digest,
        voidedAt: null,
      }),
    );
    const fired = await this.transitions.fire(
      {
        caseId,
        event: CaseEvent.Sign,
        actor: { kind: 'user', user },
        payload: {
          versionId: version.id,
          version: version.version,
          signatureId: signature.id,
          signerRole: record.signerRole,
          partyId: record.partyId,
          agreementHash: version.hash,
          digest,
        },
        triggers: ['feature'],
      },
      tx,
    );
    const all = await tx.find(AgreementSignature, { where: { versionId: version.id, voidedAt: IsNull() } });
    const effect = isEffective(requiredSigners(signers), all.map(storedSignature), version.hash);
    let updated = version;
    if (effect.effective) {
      // The PDF was made before the lock was taken: it stands only if it says what is true now.
      const facts = await this.effect.facts(tx, fired.case, version, effect, signers);
      if (!signed || !sameSignedAgreement(signed.facts, facts)) throw new StaleRead(c.version, 'the signed agreement prepared before the transaction no longer fits the case');
      updated = await this.effect.takeEffect(tx, fired.case, signed);
    }
    await this.idempotency.record(tx, idem, 'agreement_signature', signature.id);
    return { signature, version: updated };
  }
}

/** The record a signature with `code` at `now` makes: the same before the transaction and inside it. */
function signatureRecord(user: AuthUser, capacity: SigningCapacity, version: AgreementVersionRecord, code: SignatureCode, now: Date, origin: RequestOrigin): SignatureRecord {
  return {
    signerId: user.id,
    signerName: user.displayName,
    signerRole: capacity.role,
    partyId: capacity.partyId,
    agreementHash: version.hash,
    hashAlgorithm: version.hashAlgorithm as SignatureRecord['hashAlgorithm'],
    signedAt: now,
    ip: origin.ip ?? '',
    userAgent: origin.userAgent?.slice(0, 1000) || '(none sent)',
    oneTimeCode: { codeId: code.id, channel: code.channel, destination: code.destination, verifiedAt: now },
  };
}
