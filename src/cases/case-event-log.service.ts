import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, GENESIS_PREV_HASH, verifyChain, type ChainVerification } from '../common/hashing/event-chain';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { StaleRead } from '../common/stale-read';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { CaseEventRecord } from './entities/case-event.entity';

export interface NewCaseEvent {
  type: string;
  actorId: string | null;
  actorRole: string;
  payload: Record<string, unknown>;
  confidential?: boolean;
  /** A caucus entry: only this side and the mediator see it (implies confidential). */
  confidentialSide?: 'applicant' | 'respondent';
}

/** The chain's last link: what the next one hashes after. */
export interface ChainHead {
  sequence: number;
  hash: string;
}

const CHAIN_HEAD: PreparedStatement = {
  name: 'case-events.head',
  text: 'SELECT sequence, hash FROM case_events WHERE case_id = $1 ORDER BY sequence DESC LIMIT 1',
};

/**
 * The chain head as a column (`head`, a JSON object or null) of a statement about the case whose
 * id is `caseIdSql`, for a statement that reads the case anyway. Read it only under the case's
 * lock, in a statement that started after the lock was taken: one that waited for the lock still
 * sees, in its subqueries, the chain as it was before the wait.
 */
export const chainHeadColumn = (caseIdSql: string): string =>
  `(SELECT json_build_object('sequence', e.sequence, 'hash', e.hash) FROM case_events e WHERE e.case_id = ${caseIdSql} ORDER BY e.sequence DESC LIMIT 1) AS head`;

/** Locks a case's row until commit: every change of a case and its chain is made holding it. */
export const LOCK_CASE: PreparedStatement = { name: 'cases.lock', text: 'SELECT 1 FROM cases WHERE id = $1 FOR UPDATE' };

/** One link: every change of every case writes one, so its text is fixed rather than built per call. */
const APPEND: PreparedStatement = {
  name: 'case-events.append',
  text: `INSERT INTO case_events (case_id, sequence, type, actor_id, actor_role, occurred_at, payload, confidential, confidential_side, prev_hash, hash, algorithm)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
};

/** Appends to and verifies a case's hash chain. */
@Injectable()
export class CaseEventLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Append in the caller's transaction. The caller must hold the case row's lock (the guarded
   * UPDATE does; `lockCase` otherwise), so sequence numbers and prev-hashes never race.
   */
  async append(tx: EntityManager, caseId: string, algorithm: HashAlgorithm, event: NewCaseEvent, occurredAt = new Date()): Promise<CaseEventRecord> {
    const [last] = await runPrepared<ChainHead>(tx, CHAIN_HEAD, [caseId]);
    return this.appendAfter(tx, caseId, algorithm, last ?? null, event, occurredAt);
  }

  /** Append after a head the caller read under the case's lock (`chainHeadColumn`); null for an empty chain. */
  async appendAfter(tx: EntityManager, caseId: string, algorithm: HashAlgorithm, head: ChainHead | null, event: NewCaseEvent, occurredAt = new Date()): Promise<CaseEventRecord> {
    return this.write(tx, caseId, algorithm, event, occurredAt, (head?.sequence ?? 0) + 1, head?.hash ?? GENESIS_PREV_HASH);
  }

  /**
   * Append after a head read without the case's lock, in the statement that read the case for a
   * transition (whose guarded UPDATE takes the lock after it): one round trip fewer than reading it
   * under the lock. Were a link appended in between (an upload, a message), the chain's primary
   * key refuses this one rather than fork the chain: a StaleRead, and the caller's attempt runs
   * again from a fresh read (`retryStaleReads`).
   */
  async appendAfterUnlockedRead(
    tx: EntityManager,
    caseId: string,
    algorithm: HashAlgorithm,
    head: ChainHead | null,
    event: NewCaseEvent,
    currentVersion: number,
  ): Promise<CaseEventRecord> {
    try {
      return await this.appendAfter(tx, caseId, algorithm, head, event);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'case_events_pkey') throw new StaleRead(currentVersion, 'a link was added to the chain of the case since it was read');
      throw error;
    }
  }

  /**
   * The first link of a case created in this transaction: nothing to read before it. Were there
   * a link already, the insert fails on the chain's primary key rather than fork the chain.
   */
  async appendFirst(tx: EntityManager, caseId: string, algorithm: HashAlgorithm, event: NewCaseEvent, occurredAt = new Date()): Promise<CaseEventRecord> {
    return this.write(tx, caseId, algorithm, event, occurredAt, 1, GENESIS_PREV_HASH);
  }

  private async write(
    tx: EntityManager,
    caseId: string,
    algorithm: HashAlgorithm,
    event: NewCaseEvent,
    occurredAt: Date,
    sequence: number,
    prevHash: string,
  ): Promise<CaseEventRecord> {
    // Round-trip the payload through JSON so what is hashed is exactly what jsonb will hold.
    const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
    // PostgreSQL keeps microseconds, JavaScript milliseconds: hash the millisecond instant.
    const at = new Date(Math.floor(occurredAt.getTime()));
    const hash = chainHash({ alg: algorithm, prevHash, sequence, type: event.type, actorId: event.actorId, occurredAt: at, payload });
    const record = tx.create(CaseEventRecord, {
      caseId,
      sequence,
      type: event.type,
      actorId: event.actorId,
      actorRole: event.actorRole,
      occurredAt: at,
      payload,
      confidential: (event.confidential ?? false) || event.confidentialSide !== undefined,
      confidentialSide: event.confidentialSide ?? null,
      prevHash,
      hash,
      algorithm,
    });
    await runPrepared(tx, APPEND, [
      record.caseId,
      record.sequence,
      record.type,
      record.actorId,
      record.actorRole,
      record.occurredAt,
      JSON.stringify(record.payload),
      record.confidential,
      record.confidentialSide,
      record.prevHash,
      record.hash,
      record.algorithm,
    ]);
    return record;
  }

  async lockCase(tx: EntityManager, caseId: string): Promise<void> {
    await runPrepared(tx, LOCK_CASE, [caseId]);
  }

  async list(caseId: string, manager: EntityManager = this.db.manager): Promise<CaseEventRecord[]> {
    return manager.find(CaseEventRecord, { where: { caseId }, order: { sequence: 'ASC' } });
  }

  /** Recompute every link from what is stored now. */
  async verify(caseId: string): Promise<ChainVerification & { events: number; lastHash: string | null }> {
    const rows = await this.list(caseId);
    const result = verifyChain(
      rows.map((r) => ({
        alg: r.algorithm as HashAlgorithm,
        prevHash: r.prevHash,
        sequence: r.sequence,
        type: r.type,
        actorId: r.actorId,
        occurredAt: r.occurredAt,
        payload: r.payload,
        hash: r.hash,
      })),
    );
    return { ...result, events: rows.length, lastHash: rows.at(-1)?.hash ?? null };
  }
}
