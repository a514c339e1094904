import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecurityAudit } from '../audit/security-audit.service';
import { SecurityEventType } from '../audit/security-event.entity';
import { hashPassword } from '../auth/password-hasher';
import { GlobalRole, Language } from '../auth/roles';
import type { Environment } from '../config/environment';
import { User } from './user.entity';

/** Any number: it only has to differ from the other advisory locks (migrations use their own). */
const FIRST_ADMIN_LOCK = 0x41444d31;

/**
 * Every account but a party's is created by an administrator, so an installation needs a way to
 * its first: ADMIN_EMAIL (and ADMIN_PASSWORD) make that account an administrator at start-up,
 * once, while the platform has none. Several processes starting together take an advisory lock,
 * so exactly one of them does it; once any administrator exists the variables do nothing, and an
 * administrator removed later is not silently restored.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdmin.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: SecurityAudit,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('ADMIN_EMAIL', { infer: true })?.trim().toLowerCase();
    if (!email) return;
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    const outcome = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      const [{ count }] = (await tx.query(`SELECT count(*)::int AS count FROM users WHERE roles @> ARRAY['admin']::text[]`)) as { count: number }[];
      if (count > 0) return 'an administrator exists' as const;
      const existing = await tx.findOne(User, { where: { email } });
      if (existing) {
        existing.roles = [...new Set([...existing.roles, GlobalRole.Admin])];
        await tx.save(existing);
        await this.audit.record(SecurityEventType.RolesChanged, { userId: existing.id, details: { roles: existing.roles, by: 'ADMIN_EMAIL' } }, {}, tx);
        return 'promoted' as const;
      }
      if (!password) return 'no password' as const;
      const user = await tx.save(
        tx.create(User, { email, displayName: 'Administrator', preferredLanguage: Language.ZhCN, roles: [GlobalRole.Admin], passwordHash: await hashPassword(password) }),
      );
      await this.audit.record(SecurityEventType.UserCreated, { userId: user.id, details: { roles: user.roles, by: 'ADMIN_EMAIL' } }, {}, tx);
      return 'created' as const;
    });
    if (outcome === 'created') this.logger.log(`created the first administrator, ${email}`);
    if (outcome === 'promoted') this.logger.log(`made ${email} the first administrator`);
    if (outcome === 'no password') this.logger.warn(`ADMIN_EMAIL names no account and ADMIN_PASSWORD is not set: no administrator was created`);
  }
}
