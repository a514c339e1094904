import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/config.module';
import { MailSender } from './mail-sender.service';

/** `MailSender`, over SMTP_URL, or into the log when it is unset outside production. */
@Global()
@Module({
  providers: [
    {
      provide: MailSender,
      inject: [ConfigService],
      useFactory: (config: AppConfig) =>
        new MailSender({
          smtpUrl: config.get('SMTP_URL'),
          from: config.get('MAIL_FROM'),
          maxConnections: config.get('SMTP_MAX_CONNECTIONS'),
          maxMessages: config.get('SMTP_MAX_MESSAGES'),
        }),
    },
  ],
  exports: [MailSender],
})
export class MailModule {}
