import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisThrottlerStorage } from '../auth/redis-throttler.storage';
import { IntakeModule } from '../intake/intake.module';
import { CourtSystemApiController } from './court-system-api.controller';
import { CourtSystemKeyGuard, CourtSystemPermissionGuard, CourtSystemRateLimit } from './court-system-auth';
import { CourtSystemKeyStrategy } from './court-system-key.strategy';
import { CourtSystemKeysController } from './court-system-keys.controller';
import { CourtSystemKeys } from './court-system-keys.service';
import { CourtSystemReferrals } from './court-system-referrals.service';
import { CourtSystem, CourtSystemKey } from './court-system.entity';

/** Courts' own case-management systems: their API keys, and what they do with them. */
@Module({
  imports: [TypeOrmModule.forFeature([CourtSystem, CourtSystemKey]), PassportModule, IntakeModule],
  controllers: [CourtSystemKeysController, CourtSystemApiController],
  providers: [CourtSystemKeys, CourtSystemKeyStrategy, CourtSystemReferrals, RedisThrottlerStorage, CourtSystemKeyGuard, CourtSystemRateLimit, CourtSystemPermissionGuard],
})
export class CourtSystemsModule {}
