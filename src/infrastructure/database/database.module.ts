import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsUnderLock } from './run-migrations';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.get('DATABASE_URL'), config.get('DATABASE_POOL_SIZE')),
        // In the app, entities register through TypeOrmModule.forFeature in their own modules.
        entities: [],
        autoLoadEntities: true,
        // Read back in dataSourceFactory, which only receives the options.
        migrationsRun: config.get('MIGRATIONS_RUN'),
      }),
      // Migrations run here, before any module can touch a table.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource({ ...options!, migrationsRun: false }).initialize();
        if (options!.migrationsRun) await runMigrationsUnderLock(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
