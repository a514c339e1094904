import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CourtSystemPrincipal } from '../access/court-system-access.policy';
import type { AuthUser } from '../auth/auth-user';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEventType } from '../audit/security-event.entity';
import { NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import { decodeCursor, TIME_AND_ID, toPage, type Page } from '../common/pagination';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { User, UserStatus } from '../users/user.entity';
import { apiKeySecretMatches, newApiKey, parseApiKey } from './api-key';
import type { CourtSystemKeysQuery, IssueCourtSystemKeyRequest } from './court-system-keys.dto';
import { CourtSystem, CourtSystemKey, CourtSystemKeyView, type IssuedCourtSystemKeyView } from './court-system.entity';

/** What a request with a key did, for the security log of its use. */
export interface KeyUse extends RequestOrigin {
  method: string;
  path: string;
}

/**
 * Court systems' API keys: issued by an administrator (the secret shown once), listed without
 * their secrets, revoked, and checked on every request. Nothing about a key is cached: each
 * request reads its row, so a revocation holds from the next request on.
 */
@Injectable()
export class CourtSystemKeys {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: SecurityAudit,
  ) {}

  async issue(admin: AuthUser, dto: IssueCourtSystemKeyRequest, origin: RequestOrigin): Promise<IssuedCourtSystemKeyView> {
    const court = await this.db.getRepository(Organisation).findOne({ where: { id: dto.courtId } });
    if (!court || court.kind !== OrganisationKind.Court) {
      throw new ValidationProblem([{ field: 'courtId', rule: 'isCourt', message: 'courtId must name a court' }]);
    }
    return this.db.transaction(async (tx) => {
      // Two keys issued at once for a new system: one creates it, the other waits and joins it.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`court-system:${court.id}:${dto.courtSystemName}`]);
      let system = await tx.getRepository(CourtSystem).findOne({ where: { courtId: court.id, name: dto.courtSystemName } });
      if (!system) {
        const systemId = randomUUID();
        // The system's account: disabled, with no password and no role, it can never sign in;
        // it exists so that what the system does names an actor, as everything on a case does.
        const account = await tx.getRepository(User).save({
          email: `court-system-${systemId}@court-systems.accord.invalid`,
          displayName: `${dto.courtSystemName} (${court.name})`,
          roles: [],
          passwordHash: null,
          status: UserStatus.Disabled,
        });
        system = await tx.getRepository(CourtSystem).save({ id: systemId, courtId: court.id, name: dto.courtSystemName, accountUserId: account.id, createdBy: admin.id });
      }
      const keyId = randomUUID();
      const { key, secretHash } = newApiKey(keyId);
      const row = await tx.getRepository(CourtSystemKey).save({
        id: keyId,
        courtSystemId: system.id,
        label: dto.label,
        permissions: dto.permissions,
        secretHash,
        issuedBy: admin.id,
      });
      await this.audit.record(
        SecurityEventType.ApiKeyIssued,
        { userId: system.accountUserId, actorId: admin.id, details: { keyId, courtSystemId: system.id, courtId: court.id, permissions: dto.permissions } },
        origin,
        tx,
      );
      return { ...CourtSystemKeyView.of(row, system), key };
    });
  }

  /** Every key, newest first, optionally of one court: never a secret. */
  async list(query: CourtSystemKeysQuery): Promise<Page<CourtSystemKeyView>> {
    const limit = query.limit ?? 20;
    const qb = this.db
      .getRepository(CourtSystemKey)
      .createQueryBuilder('k')
      .innerJoinAndMapOne('k.system', CourtSystem, 's', 's.id = k.court_system_id')
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .take(limit + 1);
    if (query.courtId) qb.andWhere('s.court_id = :courtId', { courtId: query.courtId });
    const after = decodeCursor(query.cursor, TIME_AND_ID);
    if (after) qb.andWhere('(k.created_at, k.id) < (:at, :id)', { at: after[0], id: after[1] });
    const page = toPage(await qb.getMany(), limit, (k) => [k.createdAt.toISOString(), k.id]);
    return { items: page.items.map((k) => CourtSystemKeyView.of(k, (k as CourtSystemKey & { system: CourtSystem }).system)), nextCursor: page.nextCursor };
  }

  /** Revokes a key: refused from the next request on. Revoking a revoked key changes nothing. */
  async revoke(admin: AuthUser, keyId: string, origin: RequestOrigin): Promise<CourtSystemKeyView> {
    return this.db.transaction(async (tx) => {
      const key = await tx.getRepository(CourtSystemKey).findOne({ where: { id: keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new NotFoundProblem(`No API key ${keyId}`);
      const system = await tx.getRepository(CourtSystem).findOneOrFail({ where: { id: key.courtSystemId } });
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        key.revokedBy = admin.id;
        await tx.getRepository(CourtSystemKey).update({ id: key.id }, { revokedAt: key.revokedAt, revokedBy: admin.id });
        await this.audit.record(SecurityEventType.ApiKeyRevoked, { userId: system.accountUserId, actorId: admin.id, details: { keyId, courtSystemId: system.id } }, origin, tx);
      }
      return CourtSystemKeyView.of(key, system);
    });
  }

  /**
   * The court system a presented key stands for, or undefined for a wrong, unknown or revoked
   * key. Every use and every refusal is in the security log.
   */
  async authenticate(presented: string, use: KeyUse): Promise<CourtSystemPrincipal | undefined> {
    const parsed = parseApiKey(presented);
    const origin = { ip: use.ip, userAgent: use.userAgent };
    const refuse = async (reason: string, accountUserId: string | null = null): Promise<undefined> => {
      await this.audit.record(
        SecurityEventType.ApiKeyRefused,
        { userId: accountUserId, details: { keyId: parsed?.keyId ?? null, reason, method: use.method, path: use.path } },
        origin,
      );
      return undefined;
    };
    if (!parsed) return refuse('malformed');
    const key = await this.db
      .getRepository(CourtSystemKey)
      .createQueryBuilder('k')
      .addSelect('k.secretHash')
      .innerJoinAndMapOne('k.system', CourtSystem, 's', 's.id = k.court_system_id')
      .where('k.id = :id', { id: parsed.keyId })
      .getOne();
    if (!key || !apiKeySecretMatches(parsed.secret, key.secretHash)) return refuse('unknown_key');
    const system = (key as CourtSystemKey & { system: CourtSystem }).system;
    if (key.revokedAt) return refuse('revoked', system.accountUserId);
    await this.db.getRepository(CourtSystemKey).update({ id: key.id }, { lastUsedAt: new Date() });
    await this.audit.record(SecurityEventType.ApiKeyUsed, { userId: system.accountUserId, details: { keyId: key.id, method: use.method, path: use.path } }, origin);
    return {
      kind: 'court_system',
      keyId: key.id,
      courtSystemId: system.id,
      courtId: system.courtId,
      accountUserId: system.accountUserId,
      permissions: key.permissions,
    };
  }
}
