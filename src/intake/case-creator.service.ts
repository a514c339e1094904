import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { CaseEventLog } from '../cases/case-event-log.service';
import { caseNumberYear } from '../cases/case-numbers';
import type { Case } from '../cases/entities/case.entity';
import type { ApplicationInput } from './application.dto';
import { applicationColumns, applicationHash, insertNewCase, numberNewCase } from './application-writer';

export interface NewCase {
  application: ApplicationInput;
  /** Columns beyond the application's own (status, source, referral fields…). */
  columns: Partial<Case>;
  createdBy: string;
  parts: Parameters<typeof insertNewCase>[3];
  /** The first event of the chain. */
  event: { type: string; actorId: string; actorRole: string; payload: Record<string, unknown> };
  /** More rows to write in the same transaction (an agent, …). */
  also?: (tx: EntityManager, caseId: string) => Promise<void>;
}

/**
 * Creating a case, whichever way it arrives: number, row, parties, first link of the chain and
 * the Idempotency-Key, all in one transaction, so a retried request finds the first case.
 */
@Injectable()
export class CaseCreator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly events: CaseEventLog,
    private readonly idempotency: Idempotency,
  ) {}

  async create(input: NewCase, idem?: IdempotentRequest): Promise<string> {
    const previous = await this.idempotency.previous(idem, 'case');
    if (previous) return previous;
    const algorithm = this.config.get('HASH_ALGORITHM');
    // Hashed before the transaction: nothing of it waits for the case number's lock (below).
    const hashOfApplication = applicationHash(algorithm, input.application);
    try {
      return await this.db.transaction(async (tx) => {
        const caseId = await insertNewCase(
          tx,
          {
            ...applicationColumns(input.application),
            ...input.columns,
            // Never committed: the number is taken last (below).
            number: `provisional-${randomUUID()}`,
            version: 1,
            createdBy: input.createdBy,
            hashAlgorithm: algorithm,
          },
          input.application,
          input.parts,
        );
        await input.also?.(tx, caseId);
        await this.idempotency.record(tx, idem, 'case', caseId);
        // The year's counter row is locked from here until commit, and every creation on the
        // platform waits for it: take it last, so it is held for two statements and the commit
        // (`npm run bench filing` queued on it when it was held for more).
        const number = await numberNewCase(tx, caseId, caseNumberYear(new Date(), this.config.get('PLATFORM_TIMEZONE')));
        await this.events.appendFirst(tx, caseId, algorithm, {
          ...input.event,
          payload: { number, ...input.event.payload, applicationHash: hashOfApplication },
        });
        return caseId;
      });
    } catch (error) {
      // A concurrent duplicate lost the race on the key: answer with what the winner created.
      if (idem && this.idempotency.isKeyCollision(error)) return (await this.idempotency.previous(idem, 'case'))!;
      throw error;
    }
  }
}
