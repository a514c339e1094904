import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Language } from '../auth/roles';
import type { Environment } from '../config/environment';
import { Clock } from '../infrastructure/clock/clock';
import { DeliveryError } from '../infrastructure/delivery.error';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import { JobHandler } from '../infrastructure/queue/job-handler.decorator';
import { JobName } from '../infrastructure/queue/queue-names';
import { SmsSender } from '../infrastructure/sms/sms-sender';
import { SignatureCode } from './signature-code.entity';
import { deriveSignatureCode, signatureCodeMessage } from './signature-codes';

export type SendCodeOutcome = { sent: true } | { skipped: string };

/**
 * Sends one signing code (queued through the outbox by AgreementSigning.requestCode). The job
 * holds only the code's id; the digits are derived here from SIGNATURE_CODE_SECRET and put into
 * the message, and go nowhere else: not into the job's result, an error or a log line. A code
 * that can no longer sign (used, replaced, expired) is not sent. Idempotent: a code delivered
 * once is not sent again, and the mail Message-ID and SMS idempotency key are the code's id.
 */
@Injectable()
export class SendSignatureCode {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailSender,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  @JobHandler(JobName.SendSignatureCode)
  async handle(job: Job<{ codeId: string }>): Promise<SendCodeOutcome> {
    const codes = this.db.getRepository(SignatureCode);
    const code = await codes.findOneBy({ id: job.data.codeId });
    if (!code) return { skipped: 'no such code' };
    if (code.deliveryStatus === 'sent') return { skipped: 'already sent' };
    if (code.usedAt || code.supersededAt || code.expiresAt.getTime() <= this.clock.nowMs()) {
      await codes.update(code.id, { deliveryStatus: 'failed', deliveryError: 'not sent: the code can no longer sign' });
      return { skipped: 'the code can no longer sign' };
    }
    const delivers = code.channel === 'sms' ? this.config.get('SMS_DRIVER') === 'http' : this.mail.delivers;
    if (!delivers && this.config.get('NODE_ENV') !== 'development') {
      await codes.update(code.id, { deliveryStatus: 'failed', deliveryError: 'no real delivery channel is configured; signing codes are never logged' });
      throw new UnrecoverableError('no delivery channel for signing codes');
    }
    const secret = this.config.get('SIGNATURE_CODE_SECRET') ?? this.config.get('JWT_SECRET');
    if (!secret) throw new UnrecoverableError('SIGNATURE_CODE_SECRET or JWT_SECRET is needed to send signing codes');
    const [context] = (await this.db.query(
      `SELECT c.number, v.version, v.hash, u.preferred_language FROM signature_codes s
       JOIN cases c ON c.id = s.case_id JOIN agreement_versions v ON v.id = s.version_id JOIN users u ON u.id = s.signer_id
       WHERE s.id = $1`,
      [code.id],
    )) as { number: string; version: number; hash: string; preferred_language: string }[];
    const message = signatureCodeMessage(context.preferred_language === Language.En ? Language.En : Language.ZhCN, {
      code: deriveSignatureCode(secret, code.id),
      caseNumber: context.number,
      version: context.version,
      versionHash: context.hash,
      ttlSeconds: Math.round((code.expiresAt.getTime() - code.createdAt.getTime()) / 1000),
    });
    let providerMessageId: string;
    try {
      if (code.channel === 'email') {
        providerMessageId = (await this.mail.send({ to: code.address, subject: message.subject, text: message.text, messageId: `<${code.id}@signature-codes.accord>` })).messageId;
      } else {
        providerMessageId = (await this.sms.send({ to: code.address, text: message.sms, idempotencyKey: `signature-code-${code.id}` })).providerMessageId;
      }
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      const reason = error instanceof DeliveryError ? error.message : 'the message could not be handed over';
      await codes.update(code.id, { deliveryStatus: permanent ? 'failed' : 'pending', deliveryError: reason.slice(0, 2000) });
      // BullMQ keeps the message and stack, neither of which carries the code.
      if (permanent) throw new UnrecoverableError(reason);
      throw new Error(reason, { cause: error });
    }
    await codes.update(code.id, { deliveryStatus: 'sent', deliveredAt: new Date(), providerMessageId, deliveryError: null });
    return { sent: true };
  }
}
