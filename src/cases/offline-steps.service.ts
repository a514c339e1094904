import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseEventLog } from './case-event-log.service';
import type { Case } from './entities/case.entity';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { Clock } from '../infrastructure/clock/clock';
import { OfflineStepRecord } from './entities/offline-step.entity';
import type { OfflineStep } from './offline-steps';

export interface NewOfflineStep {
  step: OfflineStep;
  partyId: string | null;
  reason: string;
  decidedBy: string | null;
  decidedRole: string;
}

/**
 * Records a switch to offline handling (OLR 5; docs/procedural-rules.md A1) in the caller's
 * transaction, which holds the case lock: the marker, and a `step_switched_offline` entry in the
 * case's hash chain, which the timeline shows.
 */
@Injectable()
export class OfflineSteps {
  constructor(
    private readonly events: CaseEventLog,
    private readonly clock: Clock,
  ) {}

  async record(tx: EntityManager, c: Case, step: NewOfflineStep): Promise<OfflineStepRecord> {
    const now = this.clock.now();
    const saved = await tx.save(tx.create(OfflineStepRecord, { caseId: c.id, ...step, decidedAt: now }));
    await this.events.append(
      tx,
      c.id,
      c.hashAlgorithm as HashAlgorithm,
      {
        type: 'step_switched_offline',
        actorId: step.decidedBy,
        actorRole: step.decidedRole,
        payload: { offlineStepId: saved.id, step: step.step, partyId: step.partyId, reason: step.reason },
      },
      now,
    );
    return saved;
  }

  async list(manager: EntityManager, caseId: string): Promise<OfflineStepRecord[]> {
    return manager.find(OfflineStepRecord, { where: { caseId }, order: { decidedAt: 'ASC' } });
  }
}
