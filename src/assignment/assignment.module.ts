import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentController } from './assignment.controller';
import { AssignmentOffer } from './assignment-offer.entity';
import { AssignmentService } from './assignment.service';
import { MediatorDirectory } from './mediator-directory.service';
import { MediatorProfileRecord } from './mediator-profile.entity';
import { MediatorsController } from './mediators.controller';

@Module({
  imports: [TypeOrmModule.forFeature([MediatorProfileRecord, AssignmentOffer])],
  controllers: [AssignmentController, MediatorsController],
  providers: [AssignmentService, MediatorDirectory],
  exports: [AssignmentService, MediatorDirectory],
})
export class AssignmentModule {}
