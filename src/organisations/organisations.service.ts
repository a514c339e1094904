import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import type { RequestOrigin } from '../common/request-origin';
import { SecurityEventType } from '../audit/security-event.entity';
import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import { decodeCursor, toPage, type Page, type PageQuery } from '../common/pagination';
import { User } from '../users/user.entity';
import type { AddMemberRequest, CreateOrganisationRequest, MemberView } from './organisation.dto';
import { Membership, MembershipRole } from './membership.entity';
import { Organisation, OrganisationKind } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: SecurityAudit,
  ) {}

  async create(dto: CreateOrganisationRequest): Promise<Organisation> {
    if (dto.parentId) await this.get(dto.parentId);
    try {
      return await this.db.getRepository(Organisation).save({
        kind: dto.kind,
        name: dto.name,
        courtCode: dto.kind === OrganisationKind.Court ? dto.courtCode! : null,
        courtLevel: dto.kind === OrganisationKind.Court ? dto.courtLevel! : null,
        region: dto.region ?? null,
        parentId: dto.parentId ?? null,
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictProblem(`A court with code ${dto.courtCode} exists already`);
      throw error;
    }
  }

  async get(id: string): Promise<Organisation> {
    const org = await this.db.getRepository(Organisation).findOne({ where: { id } });
    if (!org) throw new NotFoundProblem(`No organisation ${id}`);
    return org;
  }

  /** By name, then id (names are not unique). */
  async list(kind: OrganisationKind | undefined, page: PageQuery): Promise<Page<Organisation>> {
    const limit = page.limit ?? 20;
    const qb = this.db
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .orderBy('o.name')
      .addOrderBy('o.id')
      .take(limit + 1);
    if (kind) qb.andWhere('o.kind = :kind', { kind });
    const after = decodeCursor(page.cursor, ['text', 'uuid']);
    if (after) qb.andWhere('(o.name, o.id) > (:name, :id)', { name: after[0], id: after[1] });
    return toPage(await qb.getMany(), limit, (o) => [o.name, o.id]);
  }

  /** Platform admins manage every organisation; an organisation's admins manage their own. */
  assertCanManage(actor: AuthUser, organisationId: string): void {
    if (actor.roles.includes(GlobalRole.Admin)) return;
    const own = actor.memberships.some((m) => m.organisationId === organisationId && m.role === MembershipRole.Admin);
    if (!own) throw new ForbiddenProblem('Only a platform administrator or an administrator of this organisation can do this');
  }

  async addMember(actor: AuthUser, organisationId: string, dto: AddMemberRequest, origin: RequestOrigin, manager?: EntityManager): Promise<Membership> {
    await this.get(organisationId);
    this.assertCanManage(actor, organisationId);
    const run = async (tx: EntityManager): Promise<Membership> => {
      const byEmail = dto.email !== undefined;
      const user = await tx.findOne(User, { where: byEmail ? { email: dto.email!.trim().toLowerCase() } : { id: dto.userId } });
      if (!user && byEmail) throw new ValidationProblem([{ field: 'email', rule: 'isAccount', message: 'email must be the address of an existing account' }]);
      if (!user) throw new NotFoundProblem(`No user ${dto.userId}`);
      const membership = tx.create(Membership, { userId: user.id, organisationId, role: dto.role ?? MembershipRole.Member });
      await tx.upsert(Membership, membership, ['userId', 'organisationId']);
      await this.audit.record(SecurityEventType.MembershipGranted, { userId: user.id, actorId: actor.id, details: { organisationId, role: membership.role } }, origin, tx);
      return membership;
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  /** The members, administrators first, then by name; for the organisation's administrators. */
  async members(actor: AuthUser, organisationId: string): Promise<MemberView[]> {
    await this.get(organisationId);
    this.assertCanManage(actor, organisationId);
    const rows = (await this.db.query(
      `SELECT m.user_id, u.display_name, u.email, m.role, u.roles, u.status FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ORDER BY (m.role = 'admin') DESC, u.display_name, u.id`,
      [organisationId],
    )) as { user_id: string; display_name: string; email: string; role: MembershipRole; roles: GlobalRole[]; status: string }[];
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, email: r.email, role: r.role, roles: r.roles, status: r.status }));
  }
}
