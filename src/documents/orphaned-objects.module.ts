import { DynamicModule, Module } from '@nestjs/common';
import { OrphanedObjectSweep } from './orphaned-object.sweep';

/** The orphaned-object sweep, in processes that run workers only. */
@Module({})
export class OrphanedObjectsModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return { module: OrphanedObjectsModule, providers: options.runWorkers ? [OrphanedObjectSweep] : [] };
  }
}
