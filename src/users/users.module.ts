import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { FirstAdmin } from './first-admin.service';
import { IdentityVerifier, ManualReviewIdentityVerifier } from './identity-verifier';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [UsersController, MeController],
  providers: [UsersService, FirstAdmin, { provide: IdentityVerifier, useClass: ManualReviewIdentityVerifier }],
  exports: [UsersService],
})
export class UsersModule {}
