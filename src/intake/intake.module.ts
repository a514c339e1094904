import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CaseCreator } from './case-creator.service';
import { ReferralsService } from './referrals.service';

@Module({
  controllers: [ApplicationsController],
  providers: [CaseCreator, ApplicationsService, ReferralsService],
  exports: [ApplicationsService, ReferralsService],
})
export class IntakeModule {}
