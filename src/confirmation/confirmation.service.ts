import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canSeeDocument, COURT_ROLES } from '../access/case-access.policy';
import { CaseAccess, type CaseWithAccess } from '../access/case-access.service';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseParty } from '../cases/entities/case-party.entity';
import { ANY_PARTY, CaseRole } from '../cases/lifecycle/case-roles';
import { NotFoundProblem, ValidationProblem, type FieldError } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { Clock } from '../infrastructure/clock/clock';
import { scheduleLines } from './case-settlement';
import type { AgreementFacts, DocumentParty } from './confirmation-documents';
import { ApplicationStatus, ConfirmationApplication, MaterialRole } from './confirmation-application.entity';
import { confirmationWindow } from './confirmation-rules';

export const isParty = (roles: readonly CaseRole[]): boolean => ANY_PARTY.some((r) => roles.includes(r));
/** Court staff who are nothing else to the case see only what was lodged with their court. */
export const courtOnly = (roles: readonly CaseRole[]): boolean =>
  roles.some((r) => COURT_ROLES.includes(r)) && !isParty(roles) && !roles.includes(CaseRole.Mediator) && !roles.includes(CaseRole.Admin);

/**
 * What the parties' and the court's use cases of judicial confirmation (docs/procedural-rules.md D15-D23)
 * share: an application as the person may see it under the case lock, the materials lodged with it,
 * the confirmation window, and the facts of the agreement and its parties that the application,
 * the ruling (CourtReviewService) and the attestation (AttestationService) print. Each use case is
 * one action in actions/; reads are ConfirmationReader; the timer's effect is ConfirmationEffects.
 */
@Injectable()
export class ConfirmationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  windowOf(version: AgreementVersionRecord) {
    return confirmationWindow(version.effectiveAt!, this.calendar, this.config.get('CONFIRMATION_WINDOW_DAYS'));
  }

  /** The agreement's parties with the contacts the application lists (Interp. 354: identities and contacts). */
  async documentParties(manager: EntityManager, caseId: string, version: AgreementVersionRecord): Promise<(DocumentParty & { partyId: string })[]> {
    const rows = await manager.find(CaseParty, { where: { caseId } });
    return version.content.parties.map((p) => {
      const row = rows.find((r) => r.id === p.partyId);
      return {
        partyId: p.partyId,
        name: p.name,
        side: p.side,
        kind: p.kind,
        idType: p.idType,
        idNumber: p.idNumber,
        address: p.address ?? row?.address ?? null,
        phone: row?.phone ?? null,
        email: row?.email ?? null,
        legalRepresentative: p.legalRepresentative || row?.legalRepresentative || null,
      };
    });
  }

  async agreementFacts(manager: EntityManager, version: AgreementVersionRecord): Promise<AgreementFacts> {
    const signed = await manager.findOneByOrFail(CaseDocument, { id: version.signedDocumentId ?? version.documentId });
    return {
      version: version.version,
      hashAlgorithm: version.hashAlgorithm,
      hash: version.hash,
      effectiveOn: this.calendar.localDate(version.effectiveAt!),
      signedDocumentSha256: signed.sha256,
      result: version.content.result,
      schedule: scheduleLines(version.content, version.effectiveAt!, this.calendar),
    };
  }

  async userNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await manager.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]])) as { id: string; display_name: string }[];
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  // ── Materials and supplements ─────────────────────────────────────────────────────────────

  /**
   * Documents a party lodges (uploads with the application, or supplements): documents of the
   * case the person can see, never a private one (it would reveal a side's caucus material).
   */
  async checkMaterials(tx: EntityManager, roles: CaseRole[], caseId: string, ids: readonly string[], userId: string, kind: DocumentKind | null, field: string): Promise<string[]> {
    const errors: FieldError[] = [];
    if (new Set(ids).size !== ids.length) errors.push({ field, rule: 'unique', message: `${field} lists a document twice` });
    for (const [i, id] of ids.entries()) {
      const doc = await tx.findOne(CaseDocument, { where: { id, caseId } });
      const at = `${field}.${i}`;
      if (!doc || !canSeeDocument(roles, doc, userId)) errors.push({ field: at, rule: 'isCaseDocument', message: `${at} is not a document of this case` });
      else if (doc.visibility === DocumentVisibility.OwnSideAndMediator)
        errors.push({ field: at, rule: 'visibility', message: `${at} is private to one side and the mediator: it cannot go to the court` });
      else if (kind && doc.kind !== kind) errors.push({ field: at, rule: 'kind', message: `${at} must be uploaded as kind ${kind}` });
      else if (!kind && [DocumentKind.Agreement, DocumentKind.PerformanceProof].includes(doc.kind))
        errors.push({ field: at, rule: 'kind', message: `${at} (${doc.kind}) is not application material` });
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return [...ids];
  }

  async addMaterials(
    tx: EntityManager,
    applicationId: string,
    documentIds: readonly string[],
    role: MaterialRole,
    addedBy: string | null,
    supplementRequestId: string | null = null,
  ): Promise<void> {
    const now = this.clock.now();
    for (const documentId of documentIds) {
      await tx.query(
        `INSERT INTO confirmation_materials (application_id, document_id, role, added_by, added_at, supplement_request_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [applicationId, documentId, role, addedBy, now, supplementRequestId],
      );
    }
  }

  // ── One application, as the person may see it ─────────────────────────────────────────────

  /**
   * Runs `work` on an application the person may see, in one transaction holding the case lock.
   * Court staff see only applications lodged with their own court: anything else is 404. `work`
   * then asks the policy for its own action (CaseAccess.require), so that 404 comes first.
   */
  async withApplication<T>(user: AuthUser, applicationId: string, work: (tx: EntityManager, app: ConfirmationApplication, access: CaseWithAccess) => Promise<T>): Promise<T> {
    const found = await this.db.getRepository(ConfirmationApplication).findOneBy({ id: applicationId });
    if (!found) throw new NotFoundProblem(`No application ${applicationId}`);
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, found.caseId);
      const access = await this.visible(user, found, tx);
      const app = await tx.findOneByOrFail(ConfirmationApplication, { id: applicationId });
      return work(tx, app, access);
    });
  }

  /**
   * As {@link withApplication}, read without the lock and outside any transaction: what an action
   * renders its documents from before its transaction opens, and what a preview renders.
   */
  async readApplication<T>(user: AuthUser, applicationId: string, work: (manager: EntityManager, app: ConfirmationApplication, access: CaseWithAccess) => Promise<T>): Promise<T> {
    const app = await this.db.getRepository(ConfirmationApplication).findOneBy({ id: applicationId });
    if (!app) throw new NotFoundProblem(`No application ${applicationId}`);
    return work(this.db.manager, app, await this.visible(user, app));
  }

  async visible(user: AuthUser, app: ConfirmationApplication, manager: EntityManager = this.db.manager): Promise<CaseWithAccess> {
    const access = await this.access.load(user, app.caseId, manager).catch(() => {
      throw new NotFoundProblem(`No application ${app.id}`);
    });
    if (courtOnly(access.roles)) {
      const ownCourt = user.memberships.some((m) => m.organisationId === app.courtId);
      if (!ownCourt || app.status === ApplicationStatus.CollectingConsents) throw new NotFoundProblem(`No application ${app.id}`);
    }
    return access;
  }
}
