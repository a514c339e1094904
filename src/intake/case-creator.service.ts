import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { Environment } from '../config/environment';
import { CaseEventLog } from '../cases/case-event-log.service';
import { caseNumberYear } from '../cases/case-numbers';
import type { Case } from '../cases/entities/case.entity';
import type { ApplicationInput } from './application.dto';
import { applicationColumns, applicationHash, insertNewCase, type NewCaseParts } from './application-writer';

export interface NewCase {
  application: ApplicationInput;
  /** Columns beyond the application's own (status, source, referral fields…). */
  columns: Partial<Case>;
  createdBy: string;
  parts: NewCaseParts;
  /** The first event of the chain. */
  event: { type: string; actorId: string; actorRole: string; payload: Record<string, unknown> };
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
    const year = caseNumberYear(new Date(), this.config.get('PLATFORM_TIMEZONE'));
    const caseId = randomUUID();
    const row: Partial<Case> = { ...applicationColumns(input.application), ...input.columns, version: 1, createdBy: input.createdBy, hashAlgorithm: algorithm };
    try {
      return await this.db.transaction(async (tx) => {
        // First: a concurrent duplicate then fails on the key before taking a number.
        await this.idempotency.record(tx, idem, 'case', caseId);
        // The year's counter row is locked from when the number is taken (in the statement that
        // writes the case) until commit, and every creation on the platform waits for it: it is
        // held for one more statement (the first event, whose hash covers the number) and the commit.
        const number = await insertNewCase(tx, caseId, row, input.application, year, input.parts);
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
