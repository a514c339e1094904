import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentController } from './assignment.controller';
import { AssignmentOffer } from './assignment-offer.entity';
import { AssignmentService } from './assignment.service';
import { AssignmentEffects } from './assignment.effects';
import { AssignmentReader } from './assignment-reader';
import { AcceptOffer } from './actions/accept-offer.action';
import { DeclineOffer } from './actions/decline-offer.action';
import { NominateMediator } from './actions/nominate-mediator.action';
import { AssignManually } from './actions/assign-manually.action';
import { Recuse } from './actions/recuse.action';
import { Reassign } from './actions/reassign.action';
import { MediatorDirectory } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';
import { MediatorsController } from './mediators.controller';

@Module({
  imports: [TypeOrmModule.forFeature([MediatorProfileRecord, AssignmentOffer])],
  controllers: [AssignmentController, MediatorsController],
  providers: [AssignmentService, AssignmentEffects, AssignmentReader, MediatorDirectory, AcceptOffer, DeclineOffer, NominateMediator, AssignManually, Recuse, Reassign],
  exports: [AssignmentService, MediatorDirectory, AssignManually, AcceptOffer],
})
export class AssignmentModule {}
