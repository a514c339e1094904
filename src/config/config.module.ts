import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Environment, validateEnvironment } from './environment';

/** The validated configuration, injected as ConfigService<Environment, true>. */
export type AppConfig = ConfigService<Environment, true>;

@Module({})
export class AppConfigModule {
  /** Reads and validates the environment each time an app is built (tests build several). */
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          cache: true,
          validate: (raw) => ({ ...validateEnvironment(raw) }),
        }),
      ],
      exports: [ConfigModule],
    };
  }
}
