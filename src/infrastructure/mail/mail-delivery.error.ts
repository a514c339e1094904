import { DeliveryError } from '../delivery.error';

/** What an SMTP failure looked like, as nodemailer reports it. */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

// Failures without a server reply that no retry can fix: the message or the configuration
// is wrong (no recipients, a malformed address, missing credentials, an unusable option).
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'ENOAUTH', 'EMAXLIMIT']);

/**
 * True when retrying the same message cannot succeed. Decided on the SMTP reply when there is
 * one: 5xx is permanent, 4xx temporary. 503 ("bad sequence of commands") is the exception, as
 * nodemailer treats it too: it reports a conversation that went wrong, not a refused message.
 * Without a reply (refused or dropped connection, timeout, DNS, TLS) the failure is temporary.
 */
export function isPermanentSmtpFailure(failure: SmtpFailure): boolean {
  if (typeof failure.responseCode === 'number') return failure.responseCode >= 500 && failure.responseCode !== 503;
  return failure.code !== undefined && PERMANENT_CODES.has(failure.code);
}

export class MailDeliveryError extends DeliveryError {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;

  constructor(failure: SmtpFailure & { message: string }, options?: { cause?: unknown }) {
    const permanent = isPermanentSmtpFailure(failure);
    super(`${permanent ? 'Permanent' : 'Temporary'} e-mail failure: ${failure.message}`, permanent, options);
    this.code = failure.code;
    this.responseCode = failure.responseCode;
    this.response = failure.response;
  }
}
