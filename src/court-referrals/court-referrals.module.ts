import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { CourtReferralsController } from './court-referrals.controller';
import { CourtReferrals } from './court-referrals.service';

@Module({
  imports: [IntakeModule],
  controllers: [CourtReferralsController],
  providers: [CourtReferrals],
})
export class CourtReferralsModule {}
