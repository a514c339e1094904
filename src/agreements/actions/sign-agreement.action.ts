import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ProblemException, ValidationProblem } from '../../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import { Clock } from '../../infrastructure/clock/clock';
import { type RequestOrigin } from '../../service-of-process/service-of-process.service';
import { AgreementSignature } from '../agreement-signature.entity';
import { storedSignature } from '../agreement-store';
import { AgreementVersionRecord } from '../agreement-version.entity';
import { SignatureCode } from '../signature-code.entity';
import { requiredSigners, signatureCodeBinding } from '../signature-codes';
import { isEffective, signatureDigest, validateSignatureRecord, verifyOneTimeCode, type SignatureRecord } from '../signatures';

import { AgreementSigning, SIGNATURE_CODE_REFUSED } from '../agreement-signing.service';
import { AgreementTakesEffect } from '../agreement-takes-effect';

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
    type Outcome = { signature: AgreementSignature; version: AgreementVersionRecord } | { refused: string; attemptsLeft: number };
    const outcome = await this.db.transaction(async (tx): Promise<Outcome> => {
      const { version, capacity, signers } = await this.signing.signerContext(tx, user, caseId, body);
      const now = this.clock.now();
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

      const record: SignatureRecord = {
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
      const updated = effect.effective ? await this.effect.takeEffect(tx, fired.case, version, effect, signers) : version;
      await this.idempotency.record(tx, idem, 'agreement_signature', signature.id);
      return { signature, version: updated };
    });
    if ('refused' in outcome) throw new SignatureCodeRefused(outcome.refused, CODE_REFUSALS[outcome.refused] ?? outcome.refused, outcome.attemptsLeft);
    return outcome;
  }
}
