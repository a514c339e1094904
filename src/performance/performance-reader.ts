import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import type { CaseStatus } from '../cases/lifecycle/case-states';
import { allPerformed } from './performance-rules';
import { PerformanceDefault } from './performance-item.entity';
import type { ItemState } from './performance-items';
import { PerformanceTracking } from './performance-tracking';

export interface PerformanceOverview {
  caseId: string;
  caseStatus: CaseStatus;
  items: ItemState[];
  allPerformed: boolean;
  defaultDeclared: PerformanceDefault | null;
}

/** What anyone who sees the case reads of its performance: the items with their status, and a declared default. */
@Injectable()
export class PerformanceReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly tracking: PerformanceTracking,
  ) {}

  async overview(user: AuthUser, caseId: string): Promise<PerformanceOverview> {
    const { case: c } = await this.access.load(user, caseId);
    await this.tracking.ensureTracked(c);
    const items = await this.tracking.states(this.db.manager, caseId);
    return {
      caseId,
      caseStatus: c.status,
      items,
      allPerformed: allPerformed(items),
      defaultDeclared: await this.db.getRepository(PerformanceDefault).findOneBy({ caseId }),
    };
  }
}
