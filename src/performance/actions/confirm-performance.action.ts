import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { PerformanceTracking } from '../performance-tracking';
import { PerformanceStep } from './performance-step';

/** The beneficiary confirms performance; every item confirmed closes the case as fulfilled. */
@Injectable()
export class ConfirmPerformance {
  constructor(
    private readonly step: PerformanceStep,
    private readonly tracking: PerformanceTracking,
  ) {}

  async run(user: AuthUser, caseId: string, itemId: string): Promise<void> {
    await this.step.run(
      user,
      caseId,
      itemId,
      'confirmed',
      async () => ({}),
      async (tx) => {
        await this.tracking.closeIfFulfilled(tx, caseId);
      },
    );
  }
}
