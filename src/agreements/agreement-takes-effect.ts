import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EntityManager } from 'typeorm';
import { CaseTransitions } from '../cases/case-transitions.service';
import type { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { canonicalJson } from '../common/hashing/canonical-json';
import type { Environment } from '../config/environment';
import { confirmationWindow } from '../confirmation/confirmation-rules';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../documents/documents.service';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { signedAgreementDocument, type SignedMeta } from './agreement-document';
import type { SettlementAgreementContent } from './agreement-model';
import { type CaseSignerRows } from './agreement-store';
import { AgreementVersionRecord } from './agreement-version.entity';
import { signatureDigest, type Effectiveness } from './signatures';

import { AgreementSigning } from './agreement-signing.service';

/** Everything the signed PDF is made from: if these are still true under the case lock, the PDF made before it is the right one. */
export interface SignedAgreementFacts {
  versionId: string;
  content: SettlementAgreementContent;
  meta: SignedMeta;
  filename: string;
}

/** A signed PDF made from `facts` and stored (not yet recorded), ready for the signature's transaction. */
export interface SignedAgreementPrepared {
  facts: SignedAgreementFacts;
  document: PreparedDocument;
}

/** Whether two sets of facts would print the same signed agreement. */
export function sameSignedAgreement(a: SignedAgreementFacts, b: SignedAgreementFacts): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The last required signature: the version takes effect, the signed PDF is recorded,
 * `agreement_effective` fires (→ settled) and the signed agreement is served on every party, all in
 * the signature's transaction. The PDF itself is rendered and stored before that transaction
 * opens (`prepare`), from facts the transaction checks again under the case lock (issue 22, item 4):
 * no case lock is held while a PDF is laid out or uploaded.
 */
@Injectable()
export class AgreementTakesEffect {
  constructor(
    private readonly signing: AgreementSigning,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly serviceOfProcess: ServiceOfProcess,
    private readonly config: ConfigService<Environment, true>,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** What the signed PDF of `version` says once `effect` holds. Database reads only. */
  async facts(manager: EntityManager, c: Pick<Case, 'number'>, version: AgreementVersionRecord, effect: Effectiveness, signers: CaseSignerRows): Promise<SignedAgreementFacts> {
    const frozen = await manager.findOneByOrFail(AgreementVersionRecord, { id: version.id });
    const frozenDoc = await this.signing.documentOf(manager, frozen.documentId);
    const content = frozen.content;
    return {
      versionId: frozen.id,
      content,
      filename: content.language === 'zh-CN' ? `调解协议书-${c.number}-已签署.pdf` : `settlement-agreement-${c.number}-signed.pdf`,
      meta: {
        documentId: `${c.number}-AGREEMENT-V${frozen.version}-SIGNED`,
        version: frozen.version,
        frozenAt: frozen.frozenAt,
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
        versionHash: frozen.hash,
        hashAlgorithm: frozen.hashAlgorithm,
        frozenDocumentSha256: frozenDoc.sha256,
        effectiveAt: effect.effectiveAt as Date,
        signatures: effect.counted.map((s) => ({
          signerName: s.signerName,
          signerRole: s.signerRole,
          partyName: s.partyId ? (signers.parties.find((p) => p.id === s.partyId)?.name ?? null) : null,
          signedAt: s.signedAt,
          channel: s.oneTimeCode.channel,
          destination: s.oneTimeCode.destination,
          digest: s.digest ?? signatureDigest(s),
        })),
      },
    };
  }

  /** Before any transaction: render the signed PDF (text + signature page) and store it, noted for the orphaned-object sweep. */
  async prepare(caseId: string, facts: SignedAgreementFacts): Promise<SignedAgreementPrepared> {
    const pdf = await renderPdf(signedAgreementDocument(facts.content, facts.meta), facts.content.language, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    const document = await this.documents.prepareGenerated({
      caseId,
      kind: DocumentKind.SignedAgreement,
      // Part of the signed agreement: no longer confidential mediation content (docs/procedural-rules.md B10), so the court may read it.
      visibility: DocumentVisibility.Court,
      filename: facts.filename,
      contentType: 'application/pdf',
      bytes: pdf,
      actorId: null,
      actorRole: CaseRole.System,
    });
    return { facts, document };
  }

  /**
   * agreement_effective (OMR 19): the version takes effect at the last signature's time; the
   * signed PDF, prepared from facts the caller has checked under the lock, is recorded and served
   * on every party; the confirmation window (docs/procedural-rules.md D15) runs from that time. The
   * event in the chain names the version, which is what judicial confirmation and performance
   * tracking start from. Database work only.
   */
  async takeEffect(tx: EntityManager, c: Case, signed: SignedAgreementPrepared): Promise<AgreementVersionRecord> {
    const { versionId, meta } = signed.facts;
    const effectiveAt = meta.effectiveAt;
    const frozen = await tx.findOneByOrFail(AgreementVersionRecord, { id: versionId });
    const signedDoc = await this.documents.recordGenerated(tx, signed.document);
    await tx.query(`UPDATE agreement_versions SET status = 'effective', effective_at = $2, signed_document_id = $3 WHERE id = $1 AND status = 'signing'`, [
      frozen.id,
      effectiveAt,
      signedDoc.id,
    ]);
    const window = confirmationWindow(effectiveAt, this.calendar, this.config.get('CONFIRMATION_WINDOW_DAYS'));
    const fired = await this.transitions.fire(
      {
        caseId: c.id,
        event: CaseEvent.AgreementEffective,
        actor: { kind: 'system', reason: 'the last required signature was given' },
        facts: { allSigned: true },
        payload: {
          versionId: frozen.id,
          version: frozen.version,
          hash: frozen.hash,
          effectiveAt: effectiveAt.toISOString(),
          signedDocumentId: signedDoc.id,
          signedDocumentSha256: signedDoc.sha256,
          confirmsOwnership: frozen.confirmsOwnership,
          confirmationWindowLastDay: window.lastDay,
          confirmationWindowEndsAt: window.closesAt.toISOString(),
        },
        triggers: ['feature'],
      },
      tx,
    );
    // The signed agreement is served on every party (特邀 19), in the agreement's own language.
    await this.serviceOfProcess.serveOnParties(tx, { case: fired.case, purpose: ServicePurpose.SignedAgreement, document: async () => signedDoc });
    return tx.findOneByOrFail(AgreementVersionRecord, { id: frozen.id });
  }
}
