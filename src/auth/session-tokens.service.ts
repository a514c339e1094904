import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEventType } from '../audit/security-event.entity';
import { UnauthenticatedProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { User, UserStatus } from '../users/user.entity';
import { ACCESS_TOKEN_AUDIENCE } from './access-token';
import { RefreshToken } from './refresh-token.entity';
import type { AccessTokenClaims } from './session-generation';
import { newSecretToken, parseSecretToken, secretMatches } from './secret-token';

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/**
 * Access tokens are short-lived JWTs; refresh tokens are opaque, stored hashed, and rotate on
 * every use. A rotated token presented again is treated as stolen: its whole family (every
 * token descended from the same sign-in) is revoked.
 */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: SecurityAudit,
  ) {}

  /** A new sign-in: a new family. */
  async issue(user: User, origin: RequestOrigin, manager: EntityManager = this.db.manager): Promise<IssuedSession> {
    return this.issueInFamily(user, randomUUID(), origin, manager);
  }

  async rotate(presented: string, origin: RequestOrigin): Promise<IssuedSession> {
    const parsed = parseSecretToken(presented);
    if (!parsed) throw new UnauthenticatedProblem('The refresh token is not valid');
    // The transaction commits the revocation of a reused family before the refusal is thrown.
    const outcome = await this.db.transaction(async (tx): Promise<IssuedSession | { refused: string }> => {
      const row = await tx.findOne(RefreshToken, { where: { id: parsed.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !secretMatches(parsed.secret, row.tokenHash)) return { refused: 'The refresh token is not valid' };
      if (row.replacedAt && !row.revokedAt && (await this.benignRace(row, tx))) {
        // The same browser again (a reload cut off the answer that carried the new token, or two
        // tabs refreshed at once): a new token of the family, as if this were the first use.
        const user = await tx.findOne(User, { where: { id: row.userId } });
        if (!user || user.status !== UserStatus.Active) return { refused: 'The account is not active' };
        return this.issueInFamily(user, row.familyId, origin, tx);
      }
      if (row.replacedAt || row.revokedAt) {
        if (row.replacedAt && !row.revokedAt) {
          // Reuse of a rotated token: someone else holds a copy. End every session of the family.
          await this.revokeFamily(row.familyId, tx);
          await this.audit.record(SecurityEventType.RefreshTokenReused, { userId: row.userId, details: { familyId: row.familyId } }, origin, tx);
        }
        return { refused: 'The refresh token was already used or revoked: sign in again' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { refused: 'The refresh token expired: sign in again' };
      const user = await tx.findOne(User, { where: { id: row.userId } });
      if (!user || user.status !== UserStatus.Active) return { refused: 'The account is not active' };
      await tx.update(RefreshToken, { id: row.id }, { replacedAt: new Date() });
      return this.issueInFamily(user, row.familyId, origin, tx);
    });
    if ('refused' in outcome) throw new UnauthenticatedProblem(outcome.refused);
    return outcome;
  }

  /**
   * A replaced token presented again within REFRESH_TOKEN_REUSE_GRACE_SECONDS of its replacement,
   * while no token of its family has been replaced since, is the same browser racing itself, not
   * a stolen copy: a page reloaded while its refresh was on the way never stored the new cookie.
   * Refusing it (and revoking the family) would sign people out for reloading. A copy used later,
   * or after the family moved on, is still treated as stolen.
   */
  private async benignRace(row: RefreshToken, tx: EntityManager): Promise<boolean> {
    const graceMs = this.config.get('REFRESH_TOKEN_REUSE_GRACE_SECONDS') * 1000;
    if (!row.replacedAt || Date.now() - row.replacedAt.getTime() > graceMs) return false;
    const movedOn = await tx
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .where('t.family_id = :family AND t.replaced_at > :replacedAt', { family: row.familyId, replacedAt: row.replacedAt })
      .getExists();
    return !movedOn;
  }

  /** Sign out the session the token belongs to. Unknown or foreign tokens change nothing. */
  async revokeByToken(presented: string, manager: EntityManager = this.db.manager): Promise<string | undefined> {
    const parsed = parseSecretToken(presented);
    if (!parsed) return undefined;
    const row = await manager.findOne(RefreshToken, { where: { id: parsed.id } });
    if (!row || !secretMatches(parsed.secret, row.tokenHash)) return undefined;
    await this.revokeFamily(row.familyId, manager);
    return row.userId;
  }

  async revokeAllOfUser(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * Sign out everywhere: every refresh token dies, and raising the session generation stops the
   * access tokens already handed out (the JWT strategy compares it).
   */
  async endEverySession(userId: string, manager: EntityManager): Promise<void> {
    await this.revokeAllOfUser(userId, manager);
    await manager.increment(User, { id: userId }, 'sessionGeneration', 1);
  }

  private async revokeFamily(familyId: string, manager: EntityManager): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async issueInFamily(user: User, familyId: string, origin: RequestOrigin, manager: EntityManager): Promise<IssuedSession> {
    const ttl = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const claims: AccessTokenClaims & { aud: string } = { sub: user.id, gen: user.sessionGeneration, aud: ACCESS_TOKEN_AUDIENCE };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl });
    const id = randomUUID();
    const { token, hash } = newSecretToken(id);
    const expiresAt = new Date(Date.now() + this.config.get('REFRESH_TOKEN_TTL_DAYS') * 86_400_000);
    await manager.insert(RefreshToken, {
      id,
      userId: user.id,
      familyId,
      tokenHash: hash,
      expiresAt,
      createdIp: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, refreshToken: token, refreshTokenExpiresAt: expiresAt.toISOString() };
  }
}
