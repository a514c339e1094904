import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseAccess } from '../access/case-access.service';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { workingDayCalendarProvider } from '../deadlines/calendar.provider';
import { CaseDocument } from '../documents/document.entity';
import { AgentsController } from './agents.controller';
import { CaseActions } from './case-actions.service';
import { CaseEventLog } from './case-event-log.service';
import { CaseReader } from './case-reader.service';
import { CaseTransitions } from './case-transitions.service';
import { CasesController } from './cases.controller';
import { TransitionEffects } from './transition-effects.service';
import { CaseAgent } from './entities/case-agent.entity';
import { CaseEventRecord } from './entities/case-event.entity';
import { Case } from './entities/case.entity';
import { CaseParty } from './entities/case-party.entity';
import { IpRight } from './entities/ip-right.entity';
import { OfflineStepRecord } from './entities/offline-step.entity';
import { OfflineSteps } from './offline-steps.service';
import { User } from '../users/user.entity';

/** The case aggregate: lifecycle, hash chain, access, reading. Global: every stage plugs into it. */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([Case, CaseParty, CaseAgent, IpRight, CaseEventRecord, CaseDocument, IdempotencyKey, User, OfflineStepRecord])],
  controllers: [CasesController, AgentsController],
  providers: [CaseAccess, CaseEventLog, CaseTransitions, TransitionEffects, CaseReader, CaseActions, Idempotency, workingDayCalendarProvider, OfflineSteps],
  exports: [CaseAccess, CaseEventLog, CaseTransitions, TransitionEffects, CaseReader, Idempotency, workingDayCalendarProvider, OfflineSteps],
})
export class CasesModule {}
