import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ProblemException, ValidationProblem } from '../errors/problem';
import { IdempotencyKey } from './idempotency-key.entity';

export interface IdempotentRequest {
  userId: string;
  key: string;
  fingerprint: string;
}

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Idempotency-Key on creating requests (DESIGN.md §6). The key row is inserted in the same
 * transaction as the thing created, so a retry finds it and gets the first result; two
 * concurrent first attempts collide on the primary key and only one commits.
 */
@Injectable()
export class Idempotency {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Parse the header; undefined when the client sent none. */
  request(userId: string, header: string | undefined, method: string, path: string, body: unknown): IdempotentRequest | undefined {
    if (header === undefined) return undefined;
    if (!KEY.test(header)) {
      throw new ValidationProblem([{ field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key must be 8-100 letters, digits, dots, dashes, underscores or colons' }]);
    }
    const fingerprint = createHash('sha256')
      .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
    return { userId, key: header, fingerprint };
  }

  /** The resource a previous request with this key created, if any. */
  async previous(request: IdempotentRequest | undefined, resourceType: string): Promise<string | undefined> {
    if (!request) return undefined;
    const row = await this.db.getRepository(IdempotencyKey).findOne({ where: { userId: request.userId, key: request.key } });
    if (!row) return undefined;
    if (row.fingerprint !== request.fingerprint || row.resourceType !== resourceType) {
      throw new ProblemException(
        422,
        'urn:accord:problem:idempotency-key-reused',
        'Idempotency-Key reused',
        'This Idempotency-Key was already used for a different request: use a new key for a new request',
      );
    }
    return row.resourceId;
  }

  async record(tx: EntityManager, request: IdempotentRequest | undefined, resourceType: string, resourceId: string): Promise<void> {
    if (!request) return;
    await tx.insert(IdempotencyKey, { ...request, resourceType, resourceId });
  }

  /** A concurrent duplicate lost the race on the key: find what the winner created. */
  isKeyCollision(error: unknown): boolean {
    const e = error as { code?: string; constraint?: string; driverError?: { constraint?: string } };
    return e.code === '23505' && (e.constraint ?? e.driverError?.constraint) === 'idempotency_keys_pkey';
  }
}
