import { DynamicModule, Module } from '@nestjs/common';
import { ServiceFallbackSweep } from './service-fallback.sweep';
import { ServiceOfProcessModule } from './service-of-process.module';

/** The fallback sweep, in processes that run workers only. */
@Module({})
export class ServiceFallbackModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return { module: ServiceFallbackModule, imports: [ServiceOfProcessModule], providers: options.runWorkers ? [ServiceFallbackSweep] : [] };
  }
}
