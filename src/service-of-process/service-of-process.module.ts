import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ServiceOfProcessController } from './service-of-process.controller';
import { ServiceOfProcess } from './service-of-process.service';
import { Service } from './service.entity';

/** Electronic service: notices, reading proof, deemed-served rules, certificates, respondents' answers. */
@Module({
  imports: [AuthModule, NotificationsModule, DocumentsModule, TypeOrmModule.forFeature([Service])],
  controllers: [ServiceOfProcessController],
  providers: [ServiceOfProcess],
  exports: [ServiceOfProcess],
})
export class ServiceOfProcessModule {}
