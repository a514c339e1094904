import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { DisputeType } from '../cases/entities/case.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseOutcome, CaseStatus } from '../cases/lifecycle/case-states';
import { ConflictProblem } from '../common/errors/problem';
import { requireUnchanged, retryStaleReads } from '../common/stale-read';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService, type GeneratedDocumentInput, type PreparedDocument } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { effectiveAgreement } from './case-settlement';
import { ApplicationStatus, ConfirmationApplication } from './confirmation-application.entity';
import { attestationDocument, type AttestationInput } from './confirmation-documents';
import { ConfirmationService } from './confirmation.service';

/** States in which the agreement is in effect; closed cases count when they closed with it in effect. */
const SETTLED_STATES: readonly CaseStatus[] = [
  CaseStatus.Settled,
  CaseStatus.ConfirmationRequested,
  CaseStatus.UnderCourtReview,
  CaseStatus.ConfirmationRejected,
  CaseStatus.Confirmed,
];
const SETTLED_OUTCOMES: readonly (CaseOutcome | null)[] = [CaseOutcome.Fulfilled, CaseOutcome.Defaulted, CaseOutcome.SettledWithoutConfirmation];

/**
 * The institution's attestation of a mediated settlement, for relying on it abroad (Singapore
 * Convention art. 4(1)(b); docs/procedural-rules.md H33): the parties, the mediator, the agreement's hashes and
 * the platform's statement, in Chinese and English, as case documents the parties download.
 */
@Injectable()
export class AttestationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly documents: DocumentsService,
    private readonly confirmation: ConfirmationService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Issue (once per effective agreement) or return the attestation PDFs. Rendered and stored
   * before the transaction opens, recorded under the case lock only if what they were made from
   * still holds; otherwise made again from a fresh read (issue 22, item 4).
   */
  async issue(user: AuthUser, caseId: string): Promise<CaseDocument[]> {
    return retryStaleReads(async () => {
      const read = await this.attestable(this.db.manager, user, caseId, this.clock.now());
      if (read.existing.length > 0) return read.existing;
      const prepared: PreparedDocument[] = [];
      for (const lang of ['en', 'zh-CN'] as PdfLanguage[]) prepared.push(await this.documents.prepareGenerated(await this.render(caseId, read.facts.input, lang, user)));
      return this.db.transaction(async (tx) => {
        await this.events.lockCase(tx, caseId);
        const locked = await this.attestable(tx, user, caseId, read.facts.input.issuedAt);
        // Issued meanwhile by someone else: theirs stand, and what was stored here is left to the sweep.
        if (locked.existing.length > 0) return locked.existing;
        requireUnchanged(read.facts, locked.facts, locked.c.version);
        const out: CaseDocument[] = [];
        for (const ready of prepared) out.push(await this.documents.recordGenerated(tx, ready));
        await this.events.append(tx, caseId, locked.c.hashAlgorithm as HashAlgorithm, {
          type: 'attestation_issued',
          actorId: user.id,
          actorRole: locked.roles[0],
          payload: { agreementVersionId: locked.version.id, documentIds: out.map((d) => d.id) },
        });
        return out;
      });
    });
  }

  /**
   * Whether an attestation may be issued, the ones already issued, and what a new one prints, read
   * through `manager`: without the lock before rendering, again under it.
   */
  private async attestable(manager: EntityManager, user: AuthUser, caseId: string, issuedAt: Date) {
    const { case: c, roles } = await this.access.require(user, caseId, CaseAction.RequestAttestation, manager);
    if (!c.foreignElement && c.disputeType !== DisputeType.InternationalCommercial) {
      throw new ConflictProblem('The attestation is for international settlements (a foreign element or an international commercial dispute)');
    }
    const settled = SETTLED_STATES.includes(c.status) || (c.status === CaseStatus.Closed && SETTLED_OUTCOMES.includes(c.outcome));
    const version = settled ? await effectiveAgreement(manager, caseId) : null;
    if (!version) throw new ConflictProblem(`The attestation is issued for a settlement in effect; the case is ${c.status}`);
    const existing = await manager.find(CaseDocument, {
      where: { caseId, kind: DocumentKind.Attestation, createdAt: MoreThanOrEqual(version.effectiveAt!) },
      order: { createdAt: 'ASC' },
    });
    const confirmed = await manager.findOne(ConfirmationApplication, { where: { caseId, status: ApplicationStatus.Confirmed } });
    const court = confirmed ? ((await manager.query(`SELECT name FROM organisations WHERE id = $1`, [confirmed.courtId])) as { name: string }[])[0] : undefined;
    const input: AttestationInput = {
      documentId: `${c.number}-AT-v${version.version}`,
      caseNumber: c.number,
      caseTitle: c.title,
      parties: await this.confirmation.documentParties(manager, caseId, version),
      mediator: version.content.mediator,
      agreement: await this.confirmation.agreementFacts(manager, version),
      effectiveAt: version.effectiveAt!,
      issuedAt,
      confirmation: confirmed && court ? { court: court.name, docketNumber: confirmed.docketNumber! } : null,
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
    };
    return { c, roles, version, existing, facts: { caseVersion: c.version, caseStatus: c.status, input } };
  }

  /** Renders one language's attestation: CPU-heavy, so never while a transaction holds the case lock. */
  private async render(caseId: string, input: AttestationInput, lang: PdfLanguage, user: AuthUser): Promise<GeneratedDocumentInput> {
    const bytes = await renderPdf(attestationDocument(input, lang), lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    return {
      caseId,
      kind: DocumentKind.Attestation,
      visibility: DocumentVisibility.AllParties,
      filename: lang === 'zh-CN' ? `调解机构证明书-${input.caseNumber}.pdf` : `attestation-of-mediated-settlement-${input.caseNumber}.pdf`,
      contentType: 'application/pdf',
      bytes,
      actorId: user.id,
      actorRole: CaseRole.System,
    };
  }
}
