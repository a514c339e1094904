import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ReferralType } from '../cases/lifecycle/case-states';
import { CaseDocument } from '../documents/document.entity';
import { Clock } from '../infrastructure/clock/clock';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { liveVersion, voidVersion } from './agreement-store';
import { AgreementVersionStatus } from './agreement-version.entity';

/** What lifecycle transitions do to the agreement (named as effects in the transition table). */
@Injectable()
export class AgreementEffects {
  constructor(
    private readonly clock: Clock,
    private readonly service: ServiceOfProcess,
  ) {}

  /**
   * Whatever takes a case out of `signing` other than the last signature (revise_agreement, a
   * termination, a withdrawal) leaves the version being signed without effect: void it and its
   * signatures in the same transaction.
   */
  @TransitionEffect('agreements.voidSigningVersion')
  async voidSigningVersion(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const live = await liveVersion(tx, fired.case.id, true);
    if (!live || live.status !== AgreementVersionStatus.Signing) return;
    const reason = typeof fired.payload.reason === 'string' ? `${fired.transition.event}: ${fired.payload.reason}` : fired.transition.event;
    await voidVersion(tx, live.id, reason, this.clock.now());
  }

  /**
   * A pre-filing referral (委派) settled: the signed agreement is filed with the referring court
   * (特邀 19; docs/procedural-rules.md C14) by serving it on the court through the one service path,
   * whose record (and certificate) is the proof of filing. The signed PDF was rendered and stored
   * before the transaction and recorded just before this transition; nothing here leaves the database.
   */
  @TransitionEffect('agreements.fileWithReferringCourt')
  async fileWithReferringCourt(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const c = fired.case;
    if (!c.referringCourtId || c.referralType !== ReferralType.PreFiling) return;
    const signed = await tx.findOneByOrFail(CaseDocument, { id: fired.payload.signedDocumentId as string });
    await this.service.serveOnCourt(tx, { case: c, purpose: ServicePurpose.SignedAgreement, courtOrganisationId: c.referringCourtId, document: async () => signed });
  }
}
