import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assertSendableSms, SmsSender, type SmsMessage, type SmsReceipt } from './sms-sender';

/**
 * Development driver: nothing is sent, the message goes to the log (a developer needs to read
 * the codes it carries). Messages are checked as the http driver checks them, so a bad
 * number fails in development too.
 */
export class LogSmsSender extends SmsSender {
  private readonly log = new Logger('SmsSender');

  constructor(warnInProduction = false) {
    super();
    if (warnInProduction) this.log.warn('SMS_DRIVER=log in production: text messages are logged, not sent');
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    assertSendableSms(message);
    const providerMessageId = `log-${randomUUID()}`;
    this.log.log(`SMS not sent (SMS_DRIVER=log) to ${message.to} [${providerMessageId}]: ${message.text}`);
    return { providerMessageId, acceptedAt: new Date(), loggedOnly: true };
  }
}
