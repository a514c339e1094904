import { DeliveryError } from '../delivery.error';

export class SmsDeliveryError extends DeliveryError {
  constructor(
    message: string,
    permanent: boolean,
    /** The provider's HTTP status, when it answered at all. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${permanent ? 'Permanent' : 'Temporary'} SMS failure: ${message}`, permanent, options);
  }
}

/** Refused before anything was sent: the number is not E.164. Permanent, as no retry fixes it. */
export class InvalidPhoneNumberError extends SmsDeliveryError {
  constructor(readonly phoneNumber: string) {
    super(`${JSON.stringify(phoneNumber)} is not a phone number in E.164 form, such as +8613800138000`, true);
  }
}
