import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Readable } from 'node:stream';
import { MailDeliveryError, type SmtpFailure } from './mail-delivery.error';

export interface MailAttachment {
  filename: string;
  content: Buffer | string | Readable;
  contentType?: string;
}

export interface MailMessage {
  to: string | string[];
  subject: string;
  /** Plain-text body; always sent, so every client can show the message. */
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /**
   * `Message-ID` to send, e.g. one derived from the notification: a message sent again after an
   * interrupted attempt then carries the same id, and mail clients show it once.
   */
  messageId?: string;
}

export interface MailReceipt {
  messageId: string;
  /** Recipients the server took. */
  accepted: string[];
  /** Recipients the server refused while taking the others (when it refuses all, send throws). */
  rejected: string[];
  /** The server's last reply, kept as proof of hand-over. */
  response: string;
}

export interface MailSettings {
  /** smtp:// or smtps:// URL; unset: messages are logged, not sent (development and tests). */
  smtpUrl?: string;
  from: string;
  /**
   * Connections kept open to the SMTP server and messages sent over one before it is replaced
   * (nodemailer's defaults: 5 and 100).
   */
  maxConnections?: number;
  maxMessages?: number;
}

type Address = string | { address: string };
const addressOf = (a: Address): string => (typeof a === 'string' ? a : a.address);

/**
 * Sends e-mail over SMTP, through a pool of reused connections. Failures are MailDeliveryError with `permanent` set, so the job that
 * sends a notification knows whether to retry.
 */
export class MailSender implements OnApplicationShutdown {
  private readonly log = new Logger(MailSender.name);
  private readonly transport: Transporter;
  /** False when no SMTP server is configured and messages only go to the log. */
  readonly delivers: boolean;

  constructor(settings: MailSettings) {
    this.delivers = settings.smtpUrl !== undefined;
    this.transport = settings.smtpUrl
      ? createTransport(
          {
            url: settings.smtpUrl,
            // A pool: opening a connection (and greeting, EHLO, perhaps TLS and AUTH) per e-mail was
            // 18 % of a worker's CPU (issue 24). Idle connections close after nodemailer's idle
            // timeout; onApplicationShutdown closes the rest.
            pool: true,
            maxConnections: settings.maxConnections ?? 5,
            maxMessages: settings.maxMessages ?? 100,
            // A connection lost mid-message fails this attempt (the job retries it, and records each
            // attempt) rather than being resent quietly by the pool.
            maxRequeues: 0,
            // nodemailer waits up to two minutes for a connection by default: far too long for
            // a queue job, which retries later anyway. Query parameters of the URL override these.
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 60_000,
          },
          { from: settings.from },
        )
      : createTransport({ jsonTransport: true }, { from: settings.from });
    if (!this.delivers) this.log.warn('SMTP_URL is not set: e-mails are written to the log, not sent');
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    let info: {
      messageId: string;
      accepted?: Address[];
      rejected?: Address[];
      response?: string;
      envelope?: { to?: string[] };
    };
    try {
      info = await this.transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
        messageId: message.messageId,
      });
    } catch (error) {
      const failure = error as SmtpFailure & Error;
      throw new MailDeliveryError(
        {
          message: failure.message,
          code: failure.code,
          responseCode: failure.responseCode,
          response: failure.response,
          command: failure.command,
        },
        { cause: error },
      );
    }

    if (!this.delivers) {
      const to = info.envelope?.to ?? [];
      this.log.log(`e-mail not sent (no SMTP_URL) to ${to.join(', ')}: ${JSON.stringify(message.subject)}\n${message.text}`);
      return { messageId: info.messageId, accepted: to, rejected: [], response: 'logged; not sent (SMTP_URL is not set)' };
    }
    return {
      messageId: info.messageId,
      accepted: (info.accepted ?? []).map(addressOf),
      rejected: (info.rejected ?? []).map(addressOf),
      response: info.response ?? '',
    };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
