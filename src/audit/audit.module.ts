import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityAudit } from './security-audit.service';
import { SecurityEvent } from './security-event.entity';
import { SecurityEventsController } from './security-events.controller';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEvent])],
  controllers: [SecurityEventsController],
  providers: [SecurityAudit],
  exports: [SecurityAudit],
})
export class AuditModule {}
