import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess, refuseIfArchived } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ConflictProblem, NotFoundProblem, StaleVersionProblem, ValidationProblem, type FieldError } from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import { canonicalJson } from '../common/hashing/canonical-json';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import { PdfRenderError, renderPdf } from '../infrastructure/pdf/render-pdf';
import { agreementDocument } from './agreement-document';
import { AgreementDraft } from './agreement-draft.entity';
import { checkAgainstCase, draftFromCase, type AgreementDraftContent } from './agreement-drafting';
import { freezeAgreementVersion, validateAgreement, type AgreementLanguage, type SettlementAgreementContent } from './agreement-model';
import { liveVersion, voidVersion } from './agreement-store';
import { AgreementVersionRecord, AgreementVersionStatus } from './agreement-version.entity';

const prefixed = (errors: FieldError[], prefix: string): FieldError[] =>
  errors.map((e) => ({ ...e, field: e.field ? `${prefix}.${e.field}` : prefix, message: e.message.startsWith(e.field) ? `${prefix}.${e.message}` : e.message }));

/**
 * Drafting the settlement agreement and freezing it for signature (docs/procedural-rules.md C12-C13): the
 * mediator starts from the template filled from the case, edits it, and proposes it. Proposing
 * renders the PDF, stores it, hashes version + PDF and fires propose_agreement, all in one
 * transaction. A change after that is a new version: the one being signed is voided with every
 * signature on it (see `propose` and the effect `agreements.voidSigningVersion` below).
 */
@Injectable()
export class AgreementDrafting {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly idempotency: Idempotency,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
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

  private today(): string {
    return this.calendar.localDate(this.clock.now());
  }

  /** The draft, for the participants only: mediation content (docs/procedural-rules.md B10) the court and admins never see. */
  async getDraft(user: AuthUser, caseId: string): Promise<{ draft: AgreementDraft; problems: FieldError[] }> {
    await this.access.require(user, caseId, CaseAction.ViewConfidential);
    const draft = await this.db.getRepository(AgreementDraft).findOneBy({ caseId });
    if (!draft) throw new NotFoundProblem('The mediator has not started the agreement yet');
    return { draft, problems: await this.problemsOf(this.db.manager, caseId, draft.content) };
  }

  /** Starts the draft from the template (zh-CN or en), filled from the case. */
  async createDraft(user: AuthUser, caseId: string, language: AgreementLanguage | undefined): Promise<{ draft: AgreementDraft; problems: FieldError[] }> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      this.assertEditable(c);
      if (await tx.findOneBy(AgreementDraft, { caseId })) throw new ConflictProblem('The agreement is already being drafted: edit it with PUT');
      const content = draftFromCase(await this.caseForDraft(tx, c), language ?? (c.preferredLanguage === 'en' ? 'en' : 'zh-CN'));
      const now = this.clock.now();
      await tx.insert(AgreementDraft, { caseId, content, revision: 1, createdBy: user.id, createdAt: now, updatedBy: user.id, updatedAt: now });
      const draft = await tx.findOneByOrFail(AgreementDraft, { caseId });
      return { draft, problems: await this.problemsOf(tx, caseId, content) };
    });
  }

  /** Replaces the draft with a complete, valid agreement; refused per field otherwise, changing nothing. */
  async updateDraft(user: AuthUser, caseId: string, body: { revision: number; content: unknown }): Promise<AgreementDraft> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      this.assertEditable(c);
      const draft = await tx.findOneBy(AgreementDraft, { caseId });
      if (!draft) throw new NotFoundProblem('Start the draft first (POST …/agreement/draft)');
      const problems = await this.problemsOf(tx, caseId, body.content);
      if (problems.length > 0) throw new ValidationProblem(prefixed(problems, 'content'));
      if (draft.revision !== body.revision) {
        throw new ConflictProblem(`The draft changed meanwhile (it is at revision ${draft.revision}): reload it and apply your edit again`, { currentRevision: draft.revision });
      }
      await tx.update(
        AgreementDraft,
        { caseId },
        { content: body.content as AgreementDraftContent, revision: draft.revision + 1, updatedBy: user.id, updatedAt: this.clock.now() },
      );
      return tx.findOneByOrFail(AgreementDraft, { caseId });
    });
  }

  /**
   * propose_agreement: freezes the draft as the next version and puts it up for signature.
   * While a version is being signed, proposing a changed draft replaces it in one transaction:
   * revise_agreement (signing → mediating) voids the old version and its signatures, then
   * propose_agreement (mediating → signing) freezes the new one. Both are in the case's chain,
   * and the case is never seen in between.
   */
  async propose(user: AuthUser, caseId: string, expectedVersion: number | undefined, idem?: IdempotentRequest): Promise<AgreementVersionRecord> {
    const previous = await this.idempotency.previous(idem, 'agreement_version');
    if (previous) return this.db.getRepository(AgreementVersionRecord).findOneByOrFail({ id: previous });
    const { case: c } = await this.access.require(user, caseId, CaseAction.DraftAgreement);
    const draft = await this.db.getRepository(AgreementDraft).findOneBy({ caseId });
    if (!draft) throw new NotFoundProblem('There is no draft to propose: start one first');
    const content = draft.content as SettlementAgreementContent;
    const problems = await this.problemsOf(this.db.manager, caseId, content);
    if (problems.length > 0) throw new ValidationProblem(prefixed(problems, 'content'));
    const number = (await this.lastVersionNumber(this.db.manager, caseId)) + 1;
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

    try {
      return await this.db.transaction(async (tx) => {
        await this.events.lockCase(tx, caseId);
        const now = await tx.findOneByOrFail(Case, { id: caseId });
        refuseIfArchived(now);
        if (expectedVersion !== undefined && expectedVersion !== now.version) throw new StaleVersionProblem(now.version);
        this.assertEditable(now);
        const current = await tx.findOneByOrFail(AgreementDraft, { caseId });
        if (current.revision !== draft.revision || (await this.lastVersionNumber(tx, caseId)) + 1 !== number) {
          throw new ConflictProblem('The draft or the agreement changed while it was being prepared: propose again');
        }
        const actor = { kind: 'user' as const, user };
        const live = await liveVersion(tx, caseId, true);
        if (live && now.status === CaseStatus.Signing) {
          if (canonicalJson(live.content) === canonicalJson(content)) {
            throw new ConflictProblem(`Version ${live.version} already has this text: edit the draft before proposing a new version`);
          }
          // The listener voids the version and its signatures as the case leaves `signing`.
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
        const doc = await this.documents.addGeneratedInTransaction(
          {
            caseId,
            kind: DocumentKind.Agreement,
            visibility: DocumentVisibility.AllParties,
            filename: content.language === 'zh-CN' ? `调解协议书-${c.number}-第${number}版.pdf` : `settlement-agreement-${c.number}-v${number}.pdf`,
            contentType: 'application/pdf',
            bytes: pdf,
            actorId: user.id,
            actorRole: CaseRole.Mediator,
          },
          tx,
        );
        const frozen = freezeAgreementVersion({
          caseId,
          version: number,
          frozenAt,
          content: structuredClone(content),
          hashAlgorithm: now.hashAlgorithm as HashAlgorithm,
          documentHash: doc.sha256,
          validation: { today: this.today() },
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
   * The mediator takes the version being signed back to mediation (revise_agreement), e.g. after
   * a party refused to sign: the version and every signature on it become void.
   */
  async revise(user: AuthUser, caseId: string, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      await this.access.require(user, caseId, CaseAction.DraftAgreement, tx);
      const live = await liveVersion(tx, caseId, true);
      await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.ReviseAgreement,
          actor: { kind: 'user', user },
          payload: { ...(live ? { versionId: live.id, version: live.version } : {}), reason },
          triggers: ['feature'],
        },
        tx,
      );
    });
  }

  private assertEditable(c: Case): void {
    if (c.status !== CaseStatus.Mediating && c.status !== CaseStatus.Signing) {
      throw new ConflictProblem(`The agreement is drafted while the case is mediating or signing; it is ${c.status}`);
    }
  }

  private async lastVersionNumber(manager: EntityManager, caseId: string): Promise<number> {
    const [row] = (await manager.query(`SELECT COALESCE(MAX(version), 0)::int AS n FROM agreement_versions WHERE case_id = $1`, [caseId])) as { n: number }[];
    return row.n;
  }

  /** What stands between this content and a version that can be proposed: the model's rules and the case's identity. */
  private async problemsOf(manager: EntityManager, caseId: string, content: unknown): Promise<FieldError[]> {
    const errors = validateAgreement(content, { today: this.today() });
    const c = await manager.findOneByOrFail(Case, { id: caseId });
    const parties = await manager.find(CaseParty, { where: { caseId }, select: { id: true, side: true } });
    if (content && typeof content === 'object') {
      const known = new Set(errors.map((e) => e.field));
      for (const e of checkAgainstCase(content as SettlementAgreementContent, { caseNumber: c.number, mediatorId: c.mediatorId, parties })) {
        if (!known.has(e.field)) errors.push(e);
      }
    }
    return errors;
  }

  private async caseForDraft(tx: EntityManager, c: Case) {
    const parties = await tx.find(CaseParty, { where: { caseId: c.id }, order: { side: 'ASC', position: 'ASC' } });
    const agents = (await tx.query(`SELECT a.party_id, u.display_name, a.law_firm FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.created_at`, [
      c.id,
    ])) as { party_id: string; display_name: string; law_firm: string | null }[];
    const [mediator] = (await tx.query(
      `SELECT u.id, u.display_name,
         (SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
           WHERE m.user_id = u.id AND o.kind = 'mediation_organisation' ORDER BY m.created_at LIMIT 1) AS organisation
       FROM users u WHERE u.id = $1`,
      [c.mediatorId],
    )) as { id: string; display_name: string; organisation: string | null }[];
    return {
      caseNumber: c.number,
      title: c.title,
      statement: c.statement,
      claims: c.claims,
      parties: parties.map((p) => ({ id: p.id, side: p.side, kind: p.kind, name: p.name, idType: p.idType, idNumber: p.idNumber, address: p.address })),
      agents: agents.map((a) => ({ partyId: a.party_id, name: a.display_name, lawFirm: a.law_firm })),
      mediator: { userId: mediator.id, name: mediator.display_name, organisation: mediator.organisation },
    };
  }
}
