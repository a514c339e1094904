import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canSeeDocument } from '../../access/case-access.policy';
import type { AuthUser } from '../../auth/auth-user';
import type { CaseRole } from '../../cases/lifecycle/case-roles';
import { ValidationProblem, type FieldError } from '../../common/errors/problem';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { PERFORMANCE_REPORTED_TEMPLATE } from '../../notifications/notification-templates';
import { PerformanceStep } from './performance-step';

/** The obligated side reports performance, with proof documents (PerformanceProof uploads). */
@Injectable()
export class ReportPerformance {
  constructor(private readonly step: PerformanceStep) {}

  async run(user: AuthUser, caseId: string, itemId: string, body: { documentIds: string[]; note?: string }): Promise<void> {
    await this.step.run(user, caseId, itemId, 'reported', async (tx, ctx) => {
      const errors = await this.proofProblems(tx, ctx.roles, caseId, body.documentIds, user.id);
      if (errors.length > 0) throw new ValidationProblem(errors);
      return { documentIds: body.documentIds, note: body.note ?? null, notify: [ctx.item.beneficiarySide], template: PERFORMANCE_REPORTED_TEMPLATE };
    });
  }

  private async proofProblems(tx: EntityManager, roles: CaseRole[], caseId: string, documentIds: readonly string[], userId: string): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, id] of documentIds.entries()) {
      const doc = await tx.findOne(CaseDocument, { where: { id, caseId } });
      if (!doc || !canSeeDocument(roles, doc, userId))
        errors.push({ field: `documentIds.${i}`, rule: 'isCaseDocument', message: `documentIds.${i} is not a document of this case` });
      else if (doc.kind !== DocumentKind.PerformanceProof)
        errors.push({ field: `documentIds.${i}`, rule: 'kind', message: `documentIds.${i} must be uploaded as kind performance_proof` });
      else if (doc.visibility === DocumentVisibility.OwnSideAndMediator) {
        errors.push({ field: `documentIds.${i}`, rule: 'visibility', message: `documentIds.${i} is private to your side: the beneficiary must be able to see the proof` });
      }
    }
    return errors;
  }
}
