import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEventType } from '../audit/security-event.entity';
import { ConflictProblem, UnauthenticatedProblem, ValidationProblem } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { User, UserStatus } from '../users/user.entity';
import type { ChangePasswordRequest, CompletePasswordResetRequest, RegisterRequest } from './auth.dto';
import { LoginLockout } from './login-lockout.service';
import { hashPassword, verifyPassword } from './password-hasher';
import { PasswordResetToken } from './password-reset-token.entity';
import { GlobalRole, Language } from './roles';
import { newSecretToken, parseSecretToken, secretMatches } from './secret-token';
import { SessionTokens } from './session-tokens.service';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: SessionTokens,
    private readonly lockout: LoginLockout,
    private readonly audit: SecurityAudit,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Parties register themselves; every other role is granted by an administrator. */
  async register(dto: RegisterRequest, origin: RequestOrigin): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await tx.save(
          tx.create(User, {
            email: dto.email,
            displayName: dto.displayName,
            phone: dto.phone ?? null,
            preferredLanguage: dto.preferredLanguage ?? Language.ZhCN,
            roles: [GlobalRole.Party],
            passwordHash,
          }),
        );
        await this.audit.record(SecurityEventType.Registered, { userId: user.id }, origin, tx);
        return user;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictProblem('An account with this e-mail already exists: sign in or reset the password');
      }
      throw error;
    }
  }

  /** Check credentials under the lockout; the caller issues the session. */
  async authenticate(email: string, password: string, origin: RequestOrigin): Promise<User> {
    await this.lockout.assertNotLocked(email);
    const user = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!ok || !user || user.status !== UserStatus.Active) {
      const locked = await this.lockout.recordFailure(email);
      await this.audit.record(
        SecurityEventType.LoginFailed,
        { userId: user?.id ?? null, details: { reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' } },
        origin,
      );
      if (locked) {
        await this.audit.record(SecurityEventType.AccountLocked, { userId: user?.id ?? null, details: { email } }, origin);
      }
      throw new UnauthenticatedProblem('The e-mail or password is wrong');
    }
    await this.lockout.recordSuccess(email);
    await this.audit.record(SecurityEventType.LoginSucceeded, { userId: user.id }, origin);
    return user;
  }

  async logout(refreshToken: string, origin: RequestOrigin): Promise<void> {
    const userId = await this.tokens.revokeByToken(refreshToken);
    if (userId) await this.audit.record(SecurityEventType.LoggedOut, { userId }, origin);
  }

  async logoutEverywhere(userId: string, origin: RequestOrigin): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.tokens.endEverySession(userId, tx);
      await this.audit.record(SecurityEventType.LoggedOutEverywhere, { userId }, origin, tx);
    });
  }

  /** Changing the password ends every session: a thief's refresh token stops working. */
  async changePassword(userId: string, dto: ChangePasswordRequest, origin: RequestOrigin): Promise<void> {
    const user = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :userId', { userId }).getOneOrFail();
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw new ValidationProblem([{ field: 'currentPassword', rule: 'matches', message: 'currentPassword is wrong' }]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.db.transaction(async (tx) => {
      await tx.update(User, { id: userId }, { passwordHash });
      await this.tokens.revokeAllOfUser(userId, tx);
      await this.audit.record(SecurityEventType.PasswordChanged, { userId }, origin, tx);
    });
  }

  /**
   * Always answers the same way, whether or not the e-mail is registered. Returns the link
   * only so the caller can deliver it; it is never logged.
   */
  async requestPasswordReset(email: string, origin: RequestOrigin): Promise<{ user: User; link: string; ttlMinutes: number } | undefined> {
    const user = await this.db.getRepository(User).findOne({ where: { email, status: UserStatus.Active } });
    if (!user) return undefined;
    const id = randomUUID();
    const { token, hash } = newSecretToken(id);
    const ttlMs = this.config.get('PASSWORD_RESET_TTL_MINUTES') * 60_000;
    await this.db.transaction(async (tx) => {
      await tx.insert(PasswordResetToken, { id, userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs) });
      await this.audit.record(SecurityEventType.PasswordResetRequested, { userId: user.id }, origin, tx);
    });
    const base = this.config.get('PUBLIC_URL').replace(/\/$/, '');
    return { user, link: `${base}/reset-password?token=${encodeURIComponent(token)}`, ttlMinutes: this.config.get('PASSWORD_RESET_TTL_MINUTES') };
  }

  async completePasswordReset(dto: CompletePasswordResetRequest, origin: RequestOrigin): Promise<void> {
    const invalid = new ValidationProblem([{ field: 'token', rule: 'isValidResetToken', message: 'token is invalid, expired or already used: request a new link' }]);
    const parsed = parseSecretToken(dto.token);
    if (!parsed) throw invalid;
    const passwordHash = await hashPassword(dto.newPassword);
    await this.db.transaction(async (tx) => {
      const row = await tx.findOne(PasswordResetToken, {
        where: { id: parsed.id, usedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !secretMatches(parsed.secret, row.tokenHash) || row.expiresAt.getTime() <= Date.now()) throw invalid;
      await tx.update(PasswordResetToken, { id: row.id }, { usedAt: new Date() });
      await tx.update(User, { id: row.userId }, { passwordHash });
      await this.tokens.revokeAllOfUser(row.userId, tx);
      await this.audit.record(SecurityEventType.PasswordResetCompleted, { userId: row.userId }, origin, tx);
    });
  }
}
