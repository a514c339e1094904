import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementVersionRecord } from './agreement-version.entity';

/** Settlement agreements: drafting, frozen versions, e-signatures (issue 8; RULES.md C12-C13). */
@Module({
  imports: [TypeOrmModule.forFeature([AgreementVersionRecord])],
  exports: [TypeOrmModule],
})
export class AgreementsModule {}
