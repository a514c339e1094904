import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/config.module';
import { HttpSmsSender } from './http-sms-sender';
import { LogSmsSender } from './log-sms-sender';
import { SmsSender } from './sms-sender';

/** `SmsSender`, backed by the driver SMS_DRIVER names. */
@Global()
@Module({
  providers: [
    {
      provide: SmsSender,
      inject: [ConfigService],
      useFactory: (config: AppConfig): SmsSender =>
        config.get('SMS_DRIVER') === 'http'
          ? new HttpSmsSender({
              // Presence is checked by the configuration schema when SMS_DRIVER=http.
              url: config.get('SMS_PROVIDER_URL') as string,
              key: config.get('SMS_PROVIDER_KEY') as string,
              timeoutMs: config.get('SMS_TIMEOUT_MS'),
            })
          : new LogSmsSender(config.get('NODE_ENV') === 'production'),
    },
  ],
  exports: [SmsSender],
})
export class SmsModule {}
