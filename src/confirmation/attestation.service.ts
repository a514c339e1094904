import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import { CaseAction } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { DisputeType } from '../cases/entities/case.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseOutcome, CaseStatus } from '../cases/lifecycle/case-states';
import { ConflictProblem } from '../common/errors/problem';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { effectiveAgreement } from './case-settlement';
import { ApplicationStatus, ConfirmationApplication } from './confirmation-application.entity';
import { attestationDocument } from './confirmation-documents';
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

  /** Issue (once per effective agreement) or return the attestation PDFs. */
  async issue(user: AuthUser, caseId: string): Promise<CaseDocument[]> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.require(user, caseId, CaseAction.RequestAttestation, tx);
      if (!c.foreignElement && c.disputeType !== DisputeType.InternationalCommercial) {
        throw new ConflictProblem('The attestation is for international settlements (a foreign element or an international commercial dispute)');
      }
      const settled = SETTLED_STATES.includes(c.status) || (c.status === CaseStatus.Closed && SETTLED_OUTCOMES.includes(c.outcome));
      const version = settled ? await effectiveAgreement(tx, caseId) : null;
      if (!version) throw new ConflictProblem(`The attestation is issued for a settlement in effect; the case is ${c.status}`);
      const existing = await tx.find(CaseDocument, {
        where: { caseId, kind: DocumentKind.Attestation, createdAt: MoreThanOrEqual(version.effectiveAt!) },
        order: { createdAt: 'ASC' },
      });
      if (existing.length > 0) return existing;
      const confirmed = await tx.findOne(ConfirmationApplication, { where: { caseId, status: ApplicationStatus.Confirmed } });
      const court = confirmed ? ((await tx.query(`SELECT name FROM organisations WHERE id = $1`, [confirmed.courtId])) as { name: string }[])[0] : undefined;
      const issuedAt = this.clock.now();
      const parties = await this.confirmation.documentParties(tx, caseId, version);
      const agreement = await this.confirmation.agreementFacts(tx, version);
      const out: CaseDocument[] = [];
      for (const lang of ['en', 'zh-CN'] as PdfLanguage[]) {
        const spec = attestationDocument(
          {
            documentId: `${c.number}-AT-v${version.version}`,
            caseNumber: c.number,
            caseTitle: c.title,
            parties,
            mediator: version.content.mediator,
            agreement,
            effectiveAt: version.effectiveAt!,
            issuedAt,
            confirmation: confirmed && court ? { court: court.name, docketNumber: confirmed.docketNumber! } : null,
            timeZone: this.config.get('PLATFORM_TIMEZONE'),
          },
          lang,
        );
        const bytes = await renderPdf(spec, lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
        out.push(
          await this.documents.addGeneratedInTransaction(
            {
              caseId,
              kind: DocumentKind.Attestation,
              visibility: DocumentVisibility.AllParties,
              filename: lang === 'zh-CN' ? `调解机构证明书-${c.number}.pdf` : `attestation-of-mediated-settlement-${c.number}.pdf`,
              contentType: 'application/pdf',
              bytes,
              actorId: user.id,
              actorRole: CaseRole.System,
            },
            tx,
          ),
        );
      }
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'attestation_issued',
        actorId: user.id,
        actorRole: roles[0],
        payload: { agreementVersionId: version.id, documentIds: out.map((d) => d.id) },
      });
      return out;
    });
  }
}
