import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEventType } from '../audit/security-event.entity';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password-hasher';
import { COURT_STAFF_ROLES, GlobalRole, Language } from '../auth/roles';
import { SessionTokens } from '../auth/session-tokens.service';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import { MembershipRole } from '../organisations/membership.entity';
import { OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import type { CreateUserRequest, UpdateMeRequest, UsersQuery, VerifyIdentityRequest } from './user.dto';
import { User, UserStatus } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: SecurityAudit,
    private readonly organisations: OrganisationsService,
    private readonly tokens: SessionTokens,
  ) {}

  async get(id: string): Promise<User> {
    const user = await this.db.getRepository(User).findOne({ where: { id } });
    if (!user) throw new NotFoundProblem(`No user ${id}`);
    return user;
  }

  /**
   * Mediators, court staff and admins are created by a platform admin. A court's own
   * administrator may create clerks and judges, for that court only.
   */
  async create(actor: AuthUser, dto: CreateUserRequest, origin: RequestOrigin): Promise<User> {
    const isAdmin = actor.roles.includes(GlobalRole.Admin);
    if (!isAdmin) {
      if (!dto.organisationId) throw new ForbiddenProblem('Only a platform administrator can create users outside an organisation');
      const org = await this.organisations.get(dto.organisationId);
      this.organisations.assertCanManage(actor, org.id);
      if (org.kind !== OrganisationKind.Court || dto.roles.some((r) => !COURT_STAFF_ROLES.includes(r))) {
        throw new ForbiddenProblem('A court administrator can only create court clerks and judges of its own court');
      }
    }
    if (dto.membershipRole && !dto.organisationId) {
      throw new ValidationProblem([{ field: 'membershipRole', rule: 'requires', message: 'membershipRole needs organisationId' }]);
    }
    const passwordHash = dto.initialPassword ? await hashPassword(dto.initialPassword) : null;
    try {
      return await this.db.transaction(async (tx) => {
        const user = await tx.save(
          tx.create(User, {
            email: dto.email,
            displayName: dto.displayName,
            phone: dto.phone ?? null,
            preferredLanguage: dto.preferredLanguage ?? Language.ZhCN,
            roles: dto.roles,
            passwordHash,
          }),
        );
        await this.audit.record(SecurityEventType.UserCreated, { userId: user.id, actorId: actor.id, details: { roles: dto.roles } }, origin, tx);
        if (dto.organisationId) {
          await this.organisations.addMember(actor, dto.organisationId, { userId: user.id, role: dto.membershipRole ?? MembershipRole.Member }, origin, tx);
        }
        return user;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictProblem('An account with this e-mail already exists');
      throw error;
    }
  }

  /** By e-mail (unique, so the cursor is the last e-mail seen). */
  async list(query: UsersQuery): Promise<Page<User>> {
    const limit = query.limit ?? 20;
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.email')
      .take(limit + 1);
    if (query.role) qb.andWhere('u.roles @> ARRAY[:role]::text[]', { role: query.role }); // @>: can use the GIN index on roles
    if (query.q) qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const after = decodeCursor(query.cursor, ['text']);
    if (after) qb.andWhere('u.email > :after', { after: after[0] });
    return toPage(await qb.getMany(), limit, (u) => [u.email]);
  }

  async setRoles(actor: AuthUser, userId: string, roles: GlobalRole[], origin: RequestOrigin): Promise<User> {
    if (userId === actor.id && !roles.includes(GlobalRole.Admin)) {
      throw new ConflictProblem('Administrators cannot remove their own admin role: ask another administrator');
    }
    return this.db.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundProblem(`No user ${userId}`);
      const before = user.roles;
      user.roles = roles;
      await tx.save(user);
      await this.audit.record(SecurityEventType.RolesChanged, { userId, actorId: actor.id, details: { before, after: roles } }, origin, tx);
      return user;
    });
  }

  /** A platform admin disables or enables anyone; a court's own administrator, its clerks and judges. */
  async setStatus(actor: AuthUser, userId: string, status: UserStatus, origin: RequestOrigin): Promise<User> {
    if (userId === actor.id) throw new ConflictProblem('You cannot disable your own account');
    return this.db.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundProblem(`No user ${userId}`);
      if (!actor.roles.includes(GlobalRole.Admin)) await this.assertCourtStaffOf(actor, user, tx);
      user.status = status;
      await tx.save(user);
      if (status === UserStatus.Disabled) await this.tokens.revokeAllOfUser(userId, tx);
      await this.audit.record(status === UserStatus.Disabled ? SecurityEventType.UserDisabled : SecurityEventType.UserEnabled, { userId, actorId: actor.id }, origin, tx);
      return user;
    });
  }

  /**
   * A court administrator manages only accounts that are nothing but clerks or judges of a court
   * it administers: a mediator's or a party's account is not the court's to switch off.
   */
  private async assertCourtStaffOf(actor: AuthUser, user: User, tx: EntityManager): Promise<void> {
    const administered = actor.memberships.filter((m) => m.role === MembershipRole.Admin).map((m) => m.organisationId);
    const [shared] = administered.length
      ? ((await tx.query(
          `SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.user_id = $1 AND m.organisation_id = ANY($2::uuid[]) AND o.kind = $3 LIMIT 1`,
          [user.id, administered, OrganisationKind.Court],
        )) as unknown[])
      : [];
    if (!shared || user.roles.length === 0 || user.roles.some((r) => !COURT_STAFF_ROLES.includes(r))) {
      throw new ForbiddenProblem('Only a platform administrator, or the administrator of a court for its own clerks and judges, can do this');
    }
  }

  /** The manual path of real-name verification: an administrator checked the identity. */
  async verifyIdentity(actor: AuthUser, userId: string, dto: VerifyIdentityRequest, origin: RequestOrigin): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await tx.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundProblem(`No user ${userId}`);
      user.identityVerifiedAt = new Date();
      user.identityVerificationMethod = dto.method;
      user.identityVerifiedBy = actor.id;
      await tx.save(user);
      await this.audit.record(SecurityEventType.IdentityVerified, { userId, actorId: actor.id, details: { method: dto.method, note: dto.note ?? null } }, origin, tx);
      return user;
    });
  }

  async updateMe(userId: string, dto: UpdateMeRequest): Promise<User> {
    const user = await this.get(userId);
    Object.assign(user, {
      displayName: dto.displayName ?? user.displayName,
      phone: dto.phone ?? user.phone,
      preferredLanguage: dto.preferredLanguage ?? user.preferredLanguage,
    });
    return this.db.getRepository(User).save(user);
  }
}
