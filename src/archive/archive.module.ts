import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArchiveController } from './archive.controller';
import { ArchiveRecord } from './archive-record.entity';
import { ArchiveService } from './archive.service';

@Module({ imports: [TypeOrmModule.forFeature([ArchiveRecord])], controllers: [ArchiveController], providers: [ArchiveService], exports: [ArchiveService] })
export class ArchiveModule {}
