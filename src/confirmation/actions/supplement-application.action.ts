import { Injectable } from '@nestjs/common';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem, NotFoundProblem } from '../../common/errors/problem';
import { DocumentKind } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import { ApplicationStatus, MaterialRole, SupplementRequest } from '../confirmation-application.entity';
import { ConfirmationService, isParty } from '../confirmation.service';

@Injectable()
export class SupplementApplication {
  constructor(
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly confirmation: ConfirmationService,
    private readonly clock: Clock,
  ) {}

  /** A party answers the court's request: the material (SupplementMaterial uploads) is lodged and the deadline stops. */
  async run(user: AuthUser, applicationId: string, requestId: string, body: { documentIds: string[]; note?: string }): Promise<void> {
    await this.confirmation.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      await this.access.require(user, c.id, CaseAction.SupplementConfirmation, tx);
      const request = await tx.findOne(SupplementRequest, { where: { id: requestId, applicationId } });
      if (!request) throw new NotFoundProblem(`No supplement request ${requestId} on this application`);
      if (request.supplementedAt || request.expiredAt || app.status !== ApplicationStatus.Docketed) throw new ConflictProblem('This request is no longer open');
      const ids = await this.confirmation.checkMaterials(tx, roles, c.id, body.documentIds, user.id, DocumentKind.SupplementMaterial, 'documentIds');
      await this.confirmation.addMaterials(tx, app.id, ids, MaterialRole.Supplement, user.id, requestId);
      await this.documents.lodgeWithCourt(tx, c, ids, { id: user.id, role: roles.find((r) => isParty([r]))! });
      await this.transitions.fire(
        {
          caseId: c.id,
          event: CaseEvent.SupplementMaterials,
          actor: { kind: 'user', user },
          payload: { applicationId, requestId, documentIds: ids, note: body.note ?? null },
          triggers: ['feature'],
        },
        tx,
      );
      await tx.update(SupplementRequest, { id: requestId }, { supplementedAt: this.clock.now(), supplementedBy: user.id, note: body.note ?? null });
    });
  }
}
