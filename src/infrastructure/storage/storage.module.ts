import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import type { AppConfig } from '../../config/config.module';
import { LocalObjectStorage } from './local-object-storage';
import { ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';

/** `ObjectStorage`, backed by the driver STORAGE_DRIVER names. */
@Global()
@Module({
  providers: [
    {
      provide: ObjectStorage,
      inject: [ConfigService],
      useFactory: (config: AppConfig): ObjectStorage => {
        if (config.get('STORAGE_DRIVER') === 's3') {
          // Presence is checked by the configuration schema when STORAGE_DRIVER=s3.
          return new S3ObjectStorage({
            bucket: config.get('S3_BUCKET') as string,
            region: config.get('S3_REGION'),
            endpoint: config.get('S3_ENDPOINT'),
            forcePathStyle: config.get('S3_FORCE_PATH_STYLE'),
            accessKeyId: config.get('S3_ACCESS_KEY_ID') as string,
            secretAccessKey: config.get('S3_SECRET_ACCESS_KEY') as string,
            objectLockMode: config.get('S3_OBJECT_LOCK_MODE'),
          });
        }
        return new LocalObjectStorage(join(config.get('DATA_DIR'), 'files'));
      },
    },
  ],
  exports: [ObjectStorage],
})
export class StorageModule {}
