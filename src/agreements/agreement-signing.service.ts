import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import type { Case } from '../cases/entities/case.entity';
import { ConflictProblem, ForbiddenProblem, IdentityVerificationRequiredProblem, ProblemException, ValidationProblem, type FieldError } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { type CaseDocument } from '../documents/document.entity';
import { liveVersion, loadCaseSigners, type CaseSignerRows } from './agreement-store';
import { AgreementVersionRecord, AgreementVersionStatus } from './agreement-version.entity';
import { SignatureCode } from './signature-code.entity';
import { capacitiesOf, type CodeChannel, type SigningCapacity } from './signature-codes';

export const SIGNATURE_CODE_REFUSED = 'urn:accord:problem:signature-code-refused';
export const STALE_AGREEMENT_VERSION = 'urn:accord:problem:stale-agreement-version';

export interface CodeIssued {
  codeId: string;
  channel: CodeChannel;
  destination: string;
  expiresAt: Date;
  maxAttempts: number;
}

/**
 * E-signatures (docs/procedural-rules.md C12; ESL 13-14; OMR 19): one-time codes to the signer's own phone or
 * e-mail, signature records bound to the exact version hash, the agreement taking effect at the
 * last required signature, and refusals to sign. Every step takes the case's row lock, so two
 * signatures, or a signature and a new version, never interleave.
 *
 * The steps are actions (`actions/`: request a code, sign, refuse) and `AgreementTakesEffect`;
 * this is what they share: who signs for whom on which version, and the codes' secret.
 */
@Injectable()
export class AgreementSigning {
  constructor(
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Who is signing and for whom, on which version. 404 for someone who can't see the case, 403
   * for an unverified identity or someone who signs for nobody, 409 when the version hash they
   * saw is no longer the one being signed. Takes the case's row lock unless `lock: false` (a
   * look ahead, outside any transaction, that the locked step asks again).
   */
  async signerContext(
    tx: EntityManager,
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; partyId?: string },
    options: { verified?: boolean; lock?: boolean } = {},
  ): Promise<{ c: Case; version: AgreementVersionRecord; capacity: SigningCapacity; signers: CaseSignerRows }> {
    const { verified = true, lock = true } = options;
    if (lock) await this.events.lockCase(tx, caseId);
    const { case: c } = await this.access.require(user, caseId, CaseAction.SignAgreement, tx);
    if (verified && !user.identityVerified) throw new IdentityVerificationRequiredProblem('signing the agreement', 'ESL 13');
    const signers = await loadCaseSigners(tx, caseId);
    const capacities = capacitiesOf(user.id, signers);
    const capacity = this.chooseCapacity(capacities, body.partyId);
    const version = await liveVersion(tx, caseId, lock);
    if (!version || version.status !== AgreementVersionStatus.Signing) {
      throw new ConflictProblem(version ? 'The agreement is already in effect' : 'No agreement is awaiting signature in this case');
    }
    if (version.hash !== body.versionHash) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        STALE_AGREEMENT_VERSION,
        'Stale agreement version',
        `The agreement changed: version ${version.version} is being signed now. Read it before signing.`,
        {
          currentVersion: version.version,
          currentVersionHash: version.hash,
        },
      );
    }
    return { c, version, capacity, signers };
  }

  chooseCapacity(capacities: SigningCapacity[], partyId: string | undefined): SigningCapacity {
    if (capacities.length === 0) throw new ForbiddenProblem('You sign for no party of this case');
    if (partyId !== undefined) {
      const chosen = capacities.find((c) => c.partyId === partyId);
      if (!chosen) throw new ValidationProblem([{ field: 'partyId', rule: 'signer', message: 'partyId is not a party you may sign for' }]);
      return chosen;
    }
    if (capacities.length > 1) {
      const errors: FieldError[] = [{ field: 'partyId', rule: 'required', message: 'you may sign in several capacities: name the party (partyId)' }];
      throw new ValidationProblem(errors);
    }
    return capacities[0];
  }

  async refuseIfSigned(tx: EntityManager, versionId: string, capacity: SigningCapacity): Promise<void> {
    const rows = (await tx.query(`SELECT 1 FROM agreement_signatures WHERE version_id = $1 AND COALESCE(party_id::text, 'mediator') = $2`, [
      versionId,
      capacity.partyId ?? 'mediator',
    ])) as unknown[];
    if (rows.length > 0) throw new ConflictProblem(capacity.partyId ? 'This party has already signed this version' : 'The mediator has already signed this version');
  }

  async documentOf(tx: EntityManager, id: string): Promise<CaseDocument> {
    const [doc] = (await tx.query(`SELECT id, sha256 FROM documents WHERE id = $1`, [id])) as CaseDocument[];
    return doc;
  }

  smsDelivers(): boolean {
    return this.config.get('SMS_DRIVER') === 'http';
  }

  codeSecret(): string {
    const secret = this.config.get('SIGNATURE_CODE_SECRET') ?? this.config.get('JWT_SECRET');
    if (!secret) throw new Error('SIGNATURE_CODE_SECRET or JWT_SECRET is needed to issue signing codes');
    return secret;
  }

  issuedView(c: SignatureCode): CodeIssued {
    return { codeId: c.id, channel: c.channel, destination: c.destination, expiresAt: c.expiresAt, maxAttempts: c.maxAttempts };
  }
}
