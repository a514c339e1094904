import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/config.module';
import { Clock } from './clock';

/** `Clock`: the system clock; movable only when NODE_ENV=test. */
@Global()
@Module({
  providers: [{ provide: Clock, inject: [ConfigService], useFactory: (config: AppConfig) => new Clock(config.get('NODE_ENV') === 'test') }],
  exports: [Clock],
})
export class ClockModule {}
