import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess, refuseIfArchived } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions } from '../../cases/case-transitions.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { CaseStatus } from '../../cases/lifecycle/case-states';
import { ConflictProblem, NotFoundProblem, StaleVersionProblem, ValidationProblem } from '../../common/errors/problem';
import { canonicalJson } from '../../common/hashing/canonical-json';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import { PdfRenderError, renderPdf } from '../../infrastructure/pdf/render-pdf';
import { agreementDocument } from '../agreement-document';
import { AgreementDraft } from '../agreement-draft.entity';
import { AgreementDraftChecks, assertEditable, lastVersionNumber, prefixed } from '../agreement-draft-checks';
import { freezeAgreementVersion, type SettlementAgreementContent } from '../agreement-model';
import { liveVersion } from '../agreement-store';
import { AgreementVersionRecord, AgreementVersionStatus } from '../agreement-version.entity';

/**
 * propose_agreement (docs/procedural-rules.md C12-C13): freezes the draft as the next version and
 * puts it up for signature. The PDF is rendered and stored before the case is locked (issue 22,
 * item 4); the transaction hashes version + PDF, records the PDF and fires propose_agreement. A
 * change after that is a new version: the one being signed is voided with every signature on it.
 */
@Injectable()
export class ProposeAgreement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly idempotency: Idempotency,
    private readonly checks: AgreementDraftChecks,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * While a version is being signed, proposing a changed draft replaces it in one transaction:
   * revise_agreement (signing → mediating) voids the old version and its signatures, then
   * propose_agreement (mediating → signing) freezes the new one. Both are in the case's chain,
   * and the case is never seen in between.
   */
  async run(user: AuthUser, caseId: string, expectedVersion: number | undefined, idem?: IdempotentRequest): Promise<AgreementVersionRecord> {
    const previous = await this.idempotency.previous(idem, 'agreement_version');
    if (previous) return this.db.getRepository(AgreementVersionRecord).findOneByOrFail({ id: previous });
    const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement);
    const draft = await this.db.getRepository(AgreementDraft).findOneBy({ caseId });
    if (!draft) throw new NotFoundProblem('There is no draft to propose: start one first');
    const content = draft.content as SettlementAgreementContent;
    const problems = await this.checks.problemsOf(this.db.manager, caseId, content);
    if (problems.length > 0) throw new ValidationProblem(prefixed(problems, 'content'));
    const number = (await lastVersionNumber(this.db.manager, caseId)) + 1;
    const frozenAt = this.clock.now();
    // Rendered before the case is locked: laying out a CJK PDF takes a moment.
    let pdf: Buffer;
    try {
      pdf = await renderPdf(
        agreementDocument(content, { documentId: `${c.number}-AGREEMENT-V${number}`, version: number, frozenAt, timeZone: this.config.get('PLATFORM_TIMEZONE') }),
        content.language,
        {
          timeZone: this.config.get('PLATFORM_TIMEZONE'),
        },
      );
    } catch (error) {
      if (!(error instanceof PdfRenderError)) throw error;
      throw new ValidationProblem([{ field: 'content', rule: 'printable', message: `the agreement cannot be printed: ${error.message}` }]);
    }
    // Asked without the lock before anything is stored, and again under it: a proposal that will be refused stores nothing.
    await this.proposable(this.db.manager, caseId, expectedVersion, draft.revision, number, content, false);
    const prepared = await this.documents.prepareGenerated({
      caseId,
      kind: DocumentKind.Agreement,
      visibility: DocumentVisibility.AllParties,
      filename: content.language === 'zh-CN' ? `调解协议书-${c.number}-第${number}版.pdf` : `settlement-agreement-${c.number}-v${number}.pdf`,
      contentType: 'application/pdf',
      bytes: pdf,
      actorId: user.id,
      actorRole: CaseRole.Mediator,
    });

    // Should this roll back, the stored PDF is recorded nowhere: the orphaned-object sweep removes it.
    try {
      return await this.db.transaction(async (tx) => {
        await this.events.lockCase(tx, caseId);
        const { now, live } = await this.proposable(tx, caseId, expectedVersion, draft.revision, number, content, true);
        const actor = { kind: 'user' as const, user };
        if (live && now.status === CaseStatus.Signing) {
          // The effect agreements.voidSigningVersion voids the version and its signatures as the case leaves `signing`.
          await this.transitions.fire(
            {
              caseId,
              event: CaseEvent.ReviseAgreement,
              actor,
              payload: { versionId: live.id, version: live.version, reason: `replaced by version ${number}` },
              triggers: ['feature'],
            },
            tx,
          );
        }
        const doc = await this.documents.recordGenerated(tx, prepared);
        const frozen = freezeAgreementVersion({
          caseId,
          version: number,
          frozenAt,
          content: structuredClone(content),
          hashAlgorithm: now.hashAlgorithm as HashAlgorithm,
          documentHash: doc.sha256,
          validation: { today: this.checks.today() },
        });
        if (!frozen.ok) throw new ValidationProblem(prefixed(frozen.errors, 'content'));
        const version = await tx.save(
          tx.create(AgreementVersionRecord, {
            caseId,
            version: number,
            content: frozen.version.content as SettlementAgreementContent,
            hashAlgorithm: frozen.version.hashAlgorithm,
            hash: frozen.hash,
            documentId: doc.id,
            confirmsOwnership: content.confirmsOwnership,
            status: AgreementVersionStatus.Signing,
            frozenAt,
            frozenBy: user.id,
            voidedAt: null,
            voidReason: null,
            effectiveAt: null,
            signedDocumentId: null,
          }),
        );
        await this.transitions.fire(
          {
            caseId,
            event: CaseEvent.ProposeAgreement,
            actor,
            payload: { versionId: version.id, version: number, hash: frozen.hash, hashAlgorithm: frozen.version.hashAlgorithm, documentId: doc.id, documentSha256: doc.sha256 },
            triggers: ['feature'],
          },
          tx,
        );
        await this.idempotency.record(tx, idem, 'agreement_version', version.id);
        return version;
      });
    } catch (error) {
      if (idem && this.idempotency.isKeyCollision(error)) {
        return this.db.getRepository(AgreementVersionRecord).findOneByOrFail({ id: (await this.idempotency.previous(idem, 'agreement_version'))! });
      }
      throw error;
    }
  }

  /**
   * Whether the draft read at `draftRevision` may become version `number` now: the case is not
   * archived, at the version the mediator saw, at a drafting stage; neither the draft nor the
   * versions changed meanwhile; and the text differs from the version being signed.
   */
  private async proposable(
    manager: EntityManager,
    caseId: string,
    expectedVersion: number | undefined,
    draftRevision: number,
    number: number,
    content: SettlementAgreementContent,
    lock: boolean,
  ): Promise<{ now: Case; live: AgreementVersionRecord | null }> {
    const now = await manager.findOneByOrFail(Case, { id: caseId });
    refuseIfArchived(now);
    if (expectedVersion !== undefined && expectedVersion !== now.version) throw new StaleVersionProblem(now.version);
    assertEditable(now);
    const current = await manager.findOneByOrFail(AgreementDraft, { caseId });
    if (current.revision !== draftRevision || (await lastVersionNumber(manager, caseId)) + 1 !== number) {
      throw new ConflictProblem('The draft or the agreement changed while it was being prepared: propose again');
    }
    const live = await liveVersion(manager, caseId, lock);
    if (live && now.status === CaseStatus.Signing && canonicalJson(live.content) === canonicalJson(content)) {
      throw new ConflictProblem(`Version ${live.version} already has this text: edit the draft before proposing a new version`);
    }
    return { now, live };
  }
}
