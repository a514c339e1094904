import { isE164PhoneNumber } from './phone-number';
import { InvalidPhoneNumberError, SmsDeliveryError } from './sms-delivery.error';

export interface SmsMessage {
  /** E.164, e.g. +8613800138000; anything else is refused with InvalidPhoneNumberError. */
  to: string;
  text: string;
  /**
   * Sent as the Idempotency-Key header by the http driver. Pass the job id: a job retried
   * after a timeout may otherwise text the same person twice.
   */
  idempotencyKey?: string;
}

export interface SmsReceipt {
  providerMessageId: string;
  acceptedAt: Date;
  /** The log driver: nobody received it, so it proves no service (docs/procedural-rules.md F27). */
  loggedOnly?: boolean;
}

/**
 * Sends text messages; the driver is chosen by SMS_DRIVER. Failures are SmsDeliveryError
 * with `permanent` set, so the sending job knows whether to retry.
 */
export abstract class SmsSender {
  abstract send(message: SmsMessage): Promise<SmsReceipt>;
}

/** What every driver checks before sending, so a bad message fails the same way in development. */
export function assertSendableSms(message: SmsMessage): void {
  if (!isE164PhoneNumber(message.to)) throw new InvalidPhoneNumberError(message.to);
  if (typeof message.text !== 'string' || message.text.trim() === '') throw new SmsDeliveryError('the text is empty', true);
}
