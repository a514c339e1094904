import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import {
  ConflictProblem,
  ForbiddenProblem,
  IdentityVerificationRequiredProblem,
  ProblemException,
  ProblemType,
  TooManyRequestsProblem,
  ValidationProblem,
  type FieldError,
} from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { confirmationWindow } from '../confirmation/confirmation-rules';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { DocumentKind, DocumentVisibility, type CaseDocument } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import { JobName } from '../infrastructure/queue/queue-names';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { Outbox } from '../outbox/outbox.service';
import { ServiceOfProcess, type RequestOrigin } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { signedAgreementDocument } from './agreement-document';
import { AgreementRefusal } from './agreement-refusal.entity';
import { AgreementSignature } from './agreement-signature.entity';
import { liveVersion, loadCaseSigners, storedSignature, type CaseSignerRows } from './agreement-store';
import { AgreementVersionRecord, AgreementVersionStatus } from './agreement-version.entity';
import { SignatureCode } from './signature-code.entity';
import { capacitiesOf, deriveSignatureCode, maskDestination, requiredSigners, signatureCodeBinding, type CodeChannel, type SigningCapacity } from './signature-codes';
import { isEffective, issueOneTimeCode, signatureDigest, validateSignatureRecord, verifyOneTimeCode, type Effectiveness, type SignatureRecord } from './signatures';

export const SIGNATURE_CODE_REFUSED = 'urn:accord:problem:signature-code-refused';
export const STALE_AGREEMENT_VERSION = 'urn:accord:problem:stale-agreement-version';

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
 */
@Injectable()
export class AgreementSigning {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly serviceOfProcess: ServiceOfProcess,
    private readonly outbox: Outbox,
    private readonly mail: MailSender,
    private readonly idempotency: Idempotency,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Issues a one-time code bound to (signer, party, version hash) and queues its delivery through
   * the outbox in the same transaction: the job carries only the code's id, and the worker
   * derives the digits when it sends them (signature-codes.ts), so no row, job or log holds them.
   */
  async requestCode(
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; channel?: CodeChannel; partyId?: string },
    origin: RequestOrigin,
    idem?: IdempotentRequest,
  ): Promise<CodeIssued> {
    const previous = await this.idempotency.previous(idem, 'signature_code');
    if (previous) return this.issuedView(await this.db.getRepository(SignatureCode).findOneByOrFail({ id: previous }));
    const code = await this.db.transaction(async (tx) => {
      const { version, capacity } = await this.signerContext(tx, user, caseId, body);
      const now = this.clock.now();
      await this.refuseIfSigned(tx, version.id, capacity);
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM signature_codes WHERE version_id = $1 AND signer_id = $2 AND created_at > $3`, [
        version.id,
        user.id,
        hourAgo,
      ])) as {
        n: number;
      }[];
      const limit = this.config.get('SIGNATURE_CODES_PER_HOUR');
      if (n >= limit) throw new TooManyRequestsProblem(`At most ${limit} signing codes an hour: use the last one sent or wait`, 3600);

      const [account] = (await tx.query(`SELECT email, phone FROM users WHERE id = $1`, [user.id])) as { email: string; phone: string | null }[];
      const channel = body.channel ?? (account.phone && this.smsDelivers() ? 'sms' : 'email');
      const address = channel === 'sms' ? account.phone : account.email;
      if (!address)
        throw new ValidationProblem([{ field: 'channel', rule: 'address', message: 'your account has no phone number: choose email, or add a number to your account' }]);
      if (!(channel === 'sms' ? this.smsDelivers() : this.mail.delivers) && this.config.get('NODE_ENV') !== 'development') {
        // The log drivers would write the code into the log: signing codes are never logged.
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ProblemType.NotReady,
          'No delivery channel',
          `No ${channel === 'sms' ? 'SMS provider' : 'mail server'} is configured to send signing codes`,
        );
      }

      // A new code replaces any earlier unused one: one working code per signer and version.
      await tx.query(`UPDATE signature_codes SET superseded_at = $3 WHERE version_id = $1 AND signer_id = $2 AND used_at IS NULL AND superseded_at IS NULL`, [
        version.id,
        user.id,
        now,
      ]);
      const id = randomUUID();
      const binding = signatureCodeBinding({ caseId, versionHash: version.hash, signerId: user.id, partyId: capacity.partyId });
      const { stored } = issueOneTimeCode({
        now,
        binding,
        ttlSeconds: this.config.get('SIGNATURE_CODE_TTL_SECONDS'),
        maxAttempts: this.config.get('SIGNATURE_CODE_MAX_ATTEMPTS'),
        code: deriveSignatureCode(this.codeSecret(), id),
      });
      await tx.insert(SignatureCode, {
        id,
        caseId,
        versionId: version.id,
        signerId: user.id,
        signerRole: capacity.role,
        partyId: capacity.partyId,
        channel,
        address,
        destination: maskDestination(channel, address),
        hash: stored.hash,
        salt: stored.salt,
        expiresAt: stored.expiresAt,
        attempts: 0,
        maxAttempts: stored.maxAttempts,
        usedAt: null,
        supersededAt: null,
        requestedIp: origin.ip,
        requestedUserAgent: origin.userAgent?.slice(0, 1000) ?? null,
        createdAt: now,
        deliveryStatus: 'pending',
      });
      await this.outbox.add(tx, { job: JobName.SendSignatureCode, data: { codeId: id } });
      await this.idempotency.record(tx, idem, 'signature_code', id);
      return tx.findOneByOrFail(SignatureCode, { id });
    });
    return this.issuedView(code);
  }

  /**
   * Signs the version whose hash the signer saw with the code sent to them. A wrong code counts
   * as an attempt even though the request fails: the attempt is committed before the refusal is
   * returned. The last required signature makes the agreement take effect in the same transaction.
   */
  async sign(
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
      const { version, capacity, signers } = await this.signerContext(tx, user, caseId, body);
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
      await this.refuseIfSigned(tx, version.id, capacity);

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
      const updated = effect.effective ? await this.takeEffect(tx, fired.case, version, effect, signers) : version;
      await this.idempotency.record(tx, idem, 'agreement_signature', signature.id);
      return { signature, version: updated };
    });
    if ('refused' in outcome) throw new SignatureCodeRefused(outcome.refused, CODE_REFUSALS[outcome.refused] ?? outcome.refused, outcome.attemptsLeft);
    return outcome;
  }

  /** A party (or its agent) refuses to sign the version, with its reason; the mediator then revises or terminates. */
  async refuse(user: AuthUser, caseId: string, body: { versionHash: string; reason: string; partyId?: string }): Promise<AgreementRefusal> {
    return this.db.transaction(async (tx) => {
      const { version, capacity } = await this.signerContext(tx, user, caseId, body, { verified: false });
      // Asked after the version's state, as before; the policy lets only a party or its agent through, so the capacity is a party's.
      await this.access.require(user, caseId, CaseAction.RefuseToSign, tx);
      const partyId = capacity.partyId!;
      await this.refuseIfSigned(tx, version.id, capacity);
      const refusal = await tx.save(tx.create(AgreementRefusal, { caseId, versionId: version.id, partyId, userId: user.id, reason: body.reason, refusedAt: this.clock.now() }));
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.RefuseToSign,
          actor: { kind: 'user', user },
          payload: { versionId: version.id, version: version.version, partyId, reason: body.reason },
          triggers: ['feature'],
        },
        tx,
      );
      return refusal;
    });
  }

  /**
   * agreement_effective (OMR 19): the version takes effect at the last signature's time; the
   * signed PDF (text + signature page) is stored and served on every party; the confirmation
   * window (docs/procedural-rules.md D15) runs from that time. The event in the chain names the version, which
   * is what judicial confirmation and performance tracking start from.
   */
  private async takeEffect(tx: EntityManager, c: Case, version: AgreementVersionRecord, effect: Effectiveness, signers: CaseSignerRows): Promise<AgreementVersionRecord> {
    const effectiveAt = effect.effectiveAt as Date;
    const frozen = await tx.findOneByOrFail(AgreementVersionRecord, { id: version.id });
    const frozenDoc = await this.documentOf(tx, frozen.documentId);
    const content = frozen.content;
    const pdf = await renderPdf(
      signedAgreementDocument(content, {
        documentId: `${c.number}-AGREEMENT-V${frozen.version}-SIGNED`,
        version: frozen.version,
        frozenAt: frozen.frozenAt,
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
        versionHash: frozen.hash,
        hashAlgorithm: frozen.hashAlgorithm,
        frozenDocumentSha256: frozenDoc.sha256,
        effectiveAt,
        signatures: effect.counted.map((s) => ({
          signerName: s.signerName,
          signerRole: s.signerRole,
          partyName: s.partyId ? (signers.parties.find((p) => p.id === s.partyId)?.name ?? null) : null,
          signedAt: s.signedAt,
          channel: s.oneTimeCode.channel,
          destination: s.oneTimeCode.destination,
          digest: s.digest ?? signatureDigest(s),
        })),
      }),
      content.language,
      { timeZone: this.config.get('PLATFORM_TIMEZONE') },
    );
    const signedDoc = await this.documents.addGenerated(
      {
        caseId: c.id,
        kind: DocumentKind.SignedAgreement,
        // Part of the signed agreement: no longer confidential mediation content (docs/procedural-rules.md B10), so the court may read it.
        visibility: DocumentVisibility.Court,
        filename: content.language === 'zh-CN' ? `调解协议书-${c.number}-已签署.pdf` : `settlement-agreement-${c.number}-signed.pdf`,
        contentType: 'application/pdf',
        bytes: pdf,
        actorId: null,
        actorRole: CaseRole.System,
      },
      tx,
    );
    await tx.query(`UPDATE agreement_versions SET status = 'effective', effective_at = $2, signed_document_id = $3 WHERE id = $1 AND status = 'signing'`, [
      frozen.id,
      effectiveAt,
      signedDoc.id,
    ]);
    const window = confirmationWindow(effectiveAt, this.calendar, this.config.get('CONFIRMATION_WINDOW_DAYS'));
    const fired = await this.transitions.fire(
      {
        caseId: c.id,
        event: CaseEvent.AgreementEffective,
        actor: { kind: 'system', reason: 'the last required signature was given' },
        facts: { allSigned: true },
        payload: {
          versionId: frozen.id,
          version: frozen.version,
          hash: frozen.hash,
          effectiveAt: effectiveAt.toISOString(),
          signedDocumentId: signedDoc.id,
          signedDocumentSha256: signedDoc.sha256,
          confirmsOwnership: frozen.confirmsOwnership,
          confirmationWindowLastDay: window.lastDay,
          confirmationWindowEndsAt: window.closesAt.toISOString(),
        },
        triggers: ['feature'],
      },
      tx,
    );
    // The signed agreement is served on every party (特邀 19), in the agreement's own language.
    await this.serviceOfProcess.serveOnParties(tx, { case: fired.case, purpose: ServicePurpose.SignedAgreement, document: async () => signedDoc });
    return tx.findOneByOrFail(AgreementVersionRecord, { id: frozen.id });
  }

  /**
   * Who is signing and for whom, on which version. 404 for someone who can't see the case, 403
   * for an unverified identity or someone who signs for nobody, 409 when the version hash they
   * saw is no longer the one being signed.
   */
  private async signerContext(
    tx: EntityManager,
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; partyId?: string },
    options: { verified: boolean } = { verified: true },
  ): Promise<{ c: Case; version: AgreementVersionRecord; capacity: SigningCapacity; signers: CaseSignerRows }> {
    await this.events.lockCase(tx, caseId);
    const { case: c } = await this.access.require(user, caseId, CaseAction.SignAgreement, tx);
    if (options.verified && !user.identityVerified) throw new IdentityVerificationRequiredProblem('signing the agreement', 'ESL 13');
    const signers = await loadCaseSigners(tx, caseId);
    const capacities = capacitiesOf(user.id, signers);
    const capacity = this.chooseCapacity(capacities, body.partyId);
    const version = await liveVersion(tx, caseId, true);
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

  private chooseCapacity(capacities: SigningCapacity[], partyId: string | undefined): SigningCapacity {
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

  private async refuseIfSigned(tx: EntityManager, versionId: string, capacity: SigningCapacity): Promise<void> {
    const rows = (await tx.query(`SELECT 1 FROM agreement_signatures WHERE version_id = $1 AND COALESCE(party_id::text, 'mediator') = $2`, [
      versionId,
      capacity.partyId ?? 'mediator',
    ])) as unknown[];
    if (rows.length > 0) throw new ConflictProblem(capacity.partyId ? 'This party has already signed this version' : 'The mediator has already signed this version');
  }

  private async documentOf(tx: EntityManager, id: string): Promise<CaseDocument> {
    const [doc] = (await tx.query(`SELECT id, sha256 FROM documents WHERE id = $1`, [id])) as CaseDocument[];
    return doc;
  }

  private smsDelivers(): boolean {
    return this.config.get('SMS_DRIVER') === 'http';
  }

  private codeSecret(): string {
    const secret = this.config.get('SIGNATURE_CODE_SECRET') ?? this.config.get('JWT_SECRET');
    if (!secret) throw new Error('SIGNATURE_CODE_SECRET or JWT_SECRET is needed to issue signing codes');
    return secret;
  }

  private issuedView(c: SignatureCode): CodeIssued {
    return { codeId: c.id, channel: c.channel, destination: c.destination, expiresAt: c.expiresAt, maxAttempts: c.maxAttempts };
  }
}
