import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { ProblemException, ProblemType, TooManyRequestsProblem, ValidationProblem } from '../../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import type { Environment } from '../../config/environment';
import { Clock } from '../../infrastructure/clock/clock';
import { MailSender } from '../../infrastructure/mail/mail-sender.service';
import { JobName } from '../../infrastructure/queue/queue-names';
import { Outbox } from '../../outbox/outbox.service';
import type { RequestOrigin } from '../../common/request-origin';
import { SignatureCode } from '../signature-code.entity';
import { deriveSignatureCode, maskDestination, signatureCodeBinding, type CodeChannel } from '../signature-codes';
import { issueOneTimeCode } from '../signatures';

import { AgreementSigning, type CodeIssued } from '../agreement-signing.service';

@Injectable()
export class RequestSignatureCode {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: AgreementSigning,
    private readonly outbox: Outbox,
    private readonly mail: MailSender,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Issues a one-time code bound to (signer, party, version hash) and queues its delivery through
   * the outbox in the same transaction: the job carries only the code's id, and the worker
   * derives the digits when it sends them (signature-codes.ts), so no row, job or log holds them.
   */
  async run(
    user: AuthUser,
    caseId: string,
    body: { versionHash: string; channel?: CodeChannel; partyId?: string },
    origin: RequestOrigin,
    idem?: IdempotentRequest,
  ): Promise<CodeIssued> {
    const previous = await this.idempotency.previous(idem, 'signature_code');
    if (previous) return this.signing.issuedView(await this.db.getRepository(SignatureCode).findOneByOrFail({ id: previous }));
    const code = await this.db.transaction(async (tx) => {
      const { version, capacity } = await this.signing.signerContext(tx, user, caseId, body);
      const now = this.clock.now();
      await this.signing.refuseIfSigned(tx, version.id, capacity);
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
      const channel = body.channel ?? (account.phone && this.signing.smsDelivers() ? 'sms' : 'email');
      const address = channel === 'sms' ? account.phone : account.email;
      if (!address)
        throw new ValidationProblem([{ field: 'channel', rule: 'address', message: 'your account has no phone number: choose email, or add a number to your account' }]);
      if (!(channel === 'sms' ? this.signing.smsDelivers() : this.mail.delivers) && this.config.get('NODE_ENV') !== 'development') {
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
        code: deriveSignatureCode(this.signing.codeSecret(), id),
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
    return this.signing.issuedView(code);
  }
}
