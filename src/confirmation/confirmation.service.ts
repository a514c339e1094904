import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CaseAction, canSeeDocument, COURT_ROLES } from '../access/case-access.policy';
import { CaseAccess, type CaseWithAccess } from '../access/case-access.service';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { ANY_PARTY, CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { TransitionEffect } from '../cases/transition-effects.service';
import type { WrittenTransition } from '../cases/written-transition';
import { ConflictProblem, NotFoundProblem, ProblemException, ValidationProblem, type FieldError } from '../common/errors/problem';
import { Idempotency, type IdempotentRequest } from '../common/idempotency/idempotency.service';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { loadCaseAudiences } from '../notifications/case-audiences';
import { Audience, resolveRecipients } from '../notifications/lifecycle-notifications';
import { CONFIRMATION_CONSENT_TEMPLATE } from '../notifications/notification-templates';
import { Notifier } from '../notifications/notifier.service';
import { CourtLevel, OrganisationKind } from '../organisations/organisation.entity';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { actingFor, effectiveAgreement, scheduleLines } from './case-settlement';
import { confirmationApplicationDocument, type AgreementFacts, type DocumentParty } from './confirmation-documents';
import {
  ApplicationStatus,
  ConfirmationApplication,
  ConfirmationConsentRecord,
  ConfirmationMaterial,
  MaterialRole,
  OPEN_APPLICATION,
  SupplementRequest,
} from './confirmation-application.entity';
import { canApplyForConfirmation, confirmationWindow, docketDeadline, type ConfirmationRefusal } from './confirmation-rules';
import { courtOptions, type CourtOption } from './court-options';

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** 409 saying exactly why the parties may not apply (docs/procedural-rules.md D15, D19): `refusals[].code` is stable. */
export class ConfirmationRefusedProblem extends ProblemException {
  constructor(refusals: ConfirmationRefusal[]) {
    super(HttpStatus.CONFLICT, 'urn:accord:problem:confirmation-refused', 'Judicial confirmation refused', refusals.map((r) => r.message).join('; '), {
      refusals: refusals.map((r) => ({ code: r.code, message: r.message, ...('lastDay' in r ? { lastDay: r.lastDay, closedAt: r.closedAt.toISOString() } : {}) })),
    });
  }
}

/** Everything about one application that its views show, loaded in one place. */
export interface ApplicationDetail {
  application: ConfirmationApplication;
  case: Case;
  court: { id: string; name: string };
  agreement: AgreementVersionRecord | null;
  consents: ConfirmationConsentRecord[];
  materials: (ConfirmationMaterial & { document: CaseDocument })[];
  supplements: (SupplementRequest & { documentIds: string[] })[];
  window: { lastDay: string; closesAt: Date } | null;
}

const isParty = (roles: readonly CaseRole[]): boolean => ANY_PARTY.some((r) => roles.includes(r));
/** Court staff who are nothing else to the case see only what was lodged with their court. */
const courtOnly = (roles: readonly CaseRole[]): boolean =>
  roles.some((r) => COURT_ROLES.includes(r)) && !isParty(roles) && !roles.includes(CaseRole.Mediator) && !roles.includes(CaseRole.Admin);

/**
 * The parties' side of judicial confirmation (docs/procedural-rules.md D15-D19, D21): the court options, the
 * joint application with every party's online consent, the materials lodged with it (the signed
 * agreement, proof of mediation, identities, uploads), the application PDF served on the court,
 * supplements, withdrawal, and what follows a rejection. The court's side is CourtReviewService.
 */
@Injectable()
export class ConfirmationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly documents: DocumentsService,
    private readonly service: ServiceOfProcess,
    private readonly notifier: Notifier,
    private readonly idempotency: Idempotency,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A timer ended the application (not supplemented in time: treated as withdrawn, Interp. 357). */
  @TransitionEffect('confirmation.expireApplication')
  async expireApplication(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const now = this.clock.now();
    const [rows] = (await tx.query(
      `UPDATE confirmation_applications SET status = $3, withdrawn_at = $2, withdrawal_reason = 'material not supplied in time (Interp. 357)', updated_at = now()
       WHERE case_id = $1 AND status = 'docketed' RETURNING id`,
      [fired.case.id, now, ApplicationStatus.SupplementExpired],
    )) as [{ id: string }[], number];
    for (const { id } of rows) {
      await tx.query(`UPDATE supplement_requests SET expired_at = $2 WHERE application_id = $1 AND supplemented_at IS NULL AND expired_at IS NULL`, [id, now]);
    }
  }

  // ── Courts ────────────────────────────────────────────────────────────────────────────────

  async courtOptions(user: AuthUser, caseId: string, subjectMatterRegion?: string): Promise<CourtOption[]> {
    const { case: c } = await this.access.load(user, caseId);
    return this.optionsFor(this.db.manager, c, subjectMatterRegion);
  }

  private async optionsFor(manager: EntityManager, c: Case, subjectMatterRegion?: string | null): Promise<CourtOption[]> {
    type CourtRow = { id: string; name: string; court_level: CourtLevel | null; region: string | null };
    const asFacts = (r: CourtRow) => ({ id: r.id, name: r.name, level: r.court_level, region: r.region });
    if (c.referringCourtId) {
      const [court] = (await manager.query(`SELECT id, name, court_level, region FROM organisations WHERE id = $1`, [c.referringCourtId])) as CourtRow[];
      return courtOptions({ referringCourt: asFacts(court), courts: [], partyRegions: [], subjectMatterRegions: [], mediationOrganisationRegions: [] });
    }
    const courts = (await manager.query(`SELECT id, name, court_level, region FROM organisations WHERE kind = $1`, [OrganisationKind.Court])) as CourtRow[];
    const regions = async (sql: string, params: unknown[]): Promise<string[]> => ((await manager.query(sql, params)) as { region: string }[]).map((r) => r.region);
    return courtOptions({
      referringCourt: null,
      courts: courts.map(asFacts),
      partyRegions: await regions(
        `SELECT o.region FROM case_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = $1 AND o.region IS NOT NULL`,
        [c.id],
      ),
      subjectMatterRegions: subjectMatterRegion ? [subjectMatterRegion] : [],
      mediationOrganisationRegions: c.mediatorId
        ? await regions(
            `SELECT o.region FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 AND o.kind = $2 AND o.region IS NOT NULL`,
            [c.mediatorId, OrganisationKind.MediationOrganisation],
          )
        : [],
    });
  }

  // ── The joint application ─────────────────────────────────────────────────────────────────

  /**
   * A party starts the joint application, naming the court; its own consent is given by starting
   * it. Refused, saying why, when the agreement confirms ownership (确权) or the window passed.
   */
  async start(
    user: AuthUser,
    caseId: string,
    body: { courtId: string; subjectMatterRegion?: string; documentIds?: string[] },
    origin: RequestOrigin,
    idem: IdempotentRequest | undefined,
  ): Promise<string> {
    const previous = await this.idempotency.previous(idem, 'confirmation_application');
    if (previous) return previous;
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.require(user, caseId, CaseAction.ApplyForConfirmation, tx);
      const version = await effectiveAgreement(tx, caseId);
      this.refuseUnlessApplicable(c, version, []);
      const options = await this.optionsFor(tx, c, body.subjectMatterRegion);
      const chosen = options.find((o) => o.courtId === body.courtId);
      if (!chosen) {
        const allowed = options.map((o) => `${o.name} (${o.courtId})`).join(', ') || 'none: add the subject matter’s region (subjectMatterRegion) or ask an administrator';
        throw new ValidationProblem([{ field: 'courtId', rule: 'isAllowedCourt', message: `courtId is not a court this application may go to (rule D16); allowed: ${allowed}` }]);
      }
      const open = await tx.count(ConfirmationApplication, { where: { caseId, status: In(OPEN_APPLICATION) } });
      if (open > 0) throw new ConflictProblem('An application for confirmation of this case is already open: consent to it, or withdraw it first');
      const uploads = await this.checkMaterials(tx, roles, caseId, body.documentIds ?? [], user.id, null, 'documentIds');
      const now = this.clock.now();
      const app = await tx.save(ConfirmationApplication, {
        caseId,
        agreementVersionId: version!.id,
        courtId: chosen.courtId,
        courtGrounds: chosen.grounds,
        subjectMatterRegion: body.subjectMatterRegion ?? null,
        status: ApplicationStatus.CollectingConsents,
        startedBy: user.id,
        startedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await this.addMaterials(tx, app.id, uploads, MaterialRole.PartyUpload, user.id);
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'confirmation_application_started',
        actorId: user.id,
        actorRole: roles.find((r) => isParty([r]))!,
        payload: { applicationId: app.id, courtId: chosen.courtId, grounds: chosen.grounds, agreementVersionId: version!.id, documentIds: uploads },
      });
      await this.idempotency.record(tx, idem, 'confirmation_application', app.id);
      const consented = await this.recordConsent(tx, app, c, version!, user, roles, origin);
      if (!consented.lodged) {
        const people = await loadCaseAudiences(tx, c, [Audience.ApplicantSide, Audience.RespondentSide]);
        await this.notifier.notify(tx, {
          userIds: resolveRecipients([Audience.ApplicantSide, Audience.RespondentSide], people, user.id),
          template: CONFIRMATION_CONSENT_TEMPLATE,
          caseId,
          data: { caseId, caseNumber: c.number, caseTitle: c.title, courtName: chosen.name, applicationId: app.id, dueAt: this.windowOf(version!).closesAt.toISOString() },
        });
      }
      return app.id;
    });
  }

  /** Another party (or its agent) joins the application online; the last consent lodges it with the court. */
  async consent(user: AuthUser, applicationId: string, origin: RequestOrigin): Promise<void> {
    await this.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      if (app.status !== ApplicationStatus.CollectingConsents) throw new ConflictProblem(`The application is ${app.status}: consents are no longer collected`);
      await this.access.require(user, c.id, CaseAction.ApplyForConfirmation, tx);
      const version = await effectiveAgreement(tx, c.id);
      const result = await this.recordConsent(tx, app, c, version, user, roles, origin);
      if (result.added === 0) throw new ConflictProblem('You have already consented for every party you act for');
    });
  }

  private windowOf(version: AgreementVersionRecord) {
    return confirmationWindow(version.effectiveAt!, this.calendar, this.config.get('CONFIRMATION_WINDOW_DAYS'));
  }

  /** Why no application may be made now, apart from consents still missing: thrown as a problem. */
  private refuseUnlessApplicable(c: Case, version: AgreementVersionRecord | null, consents: ConfirmationConsentRecord[]): void {
    if (c.status !== CaseStatus.Settled) throw new ConflictProblem(`A joint application is made while the case is settled; it is ${c.status}`);
    const decision = this.decide(version, consents);
    if (decision.ok) return;
    const blocking = decision.refusals.filter((r) => r.code !== 'missing_consents');
    if (blocking.length > 0) throw new ConfirmationRefusedProblem(blocking);
  }

  private decide(version: AgreementVersionRecord | null, consents: readonly ConfirmationConsentRecord[]) {
    const parties = version?.content.parties.map((p) => ({ partyId: p.partyId, name: p.name })) ?? [{ partyId: '-', name: '-' }];
    return canApplyForConfirmation({
      effectiveAt: version?.effectiveAt ?? null,
      now: this.clock.now(),
      confirmsOwnership: version?.confirmsOwnership ?? false,
      consents: consents.map((k) => ({ partyId: k.partyId, consentedBy: k.consentedBy, consentedAt: k.consentedAt })),
      parties,
      calendar: this.calendar,
      windowDays: this.config.get('CONFIRMATION_WINDOW_DAYS'),
    });
  }

  /** Record the consents of the parties this person acts for; lodge when every party has consented. */
  private async recordConsent(
    tx: EntityManager,
    app: ConfirmationApplication,
    c: Case,
    version: AgreementVersionRecord | null,
    user: AuthUser,
    roles: CaseRole[],
    origin: RequestOrigin,
  ): Promise<{ added: number; lodged: boolean }> {
    if (!version || version.id !== app.agreementVersionId) throw new ConflictProblem('The agreement this application is for is no longer in effect');
    const acting = await actingFor(tx, c.id, user.id, roles);
    const agreementParties = new Set(version.content.parties.map((p) => p.partyId));
    const existing = await tx.find(ConfirmationConsentRecord, { where: { applicationId: app.id } });
    const fresh = acting.partyIds.filter((id) => agreementParties.has(id) && !existing.some((e) => e.partyId === id));
    const now = this.clock.now();
    for (const partyId of fresh) {
      await tx.insert(ConfirmationConsentRecord, { applicationId: app.id, partyId, consentedBy: user.id, consentedAt: now, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 500) ?? null });
    }
    if (fresh.length > 0) {
      await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
        type: 'confirmation_consent',
        actorId: user.id,
        actorRole: roles.find((r) => isParty([r])) ?? roles[0],
        payload: { applicationId: app.id, partyIds: fresh, ip: origin.ip },
      });
    }
    const consents = await tx.find(ConfirmationConsentRecord, { where: { applicationId: app.id } });
    this.refuseUnlessApplicable(c, version, consents);
    if (!this.decide(version, consents).ok) return { added: fresh.length, lodged: false };
    await this.lodge(tx, app, c, version, user, consents);
    return { added: fresh.length, lodged: true };
  }

  /**
   * Every party consented: fire apply_confirmation (the court now sees the case), lodge the
   * required materials (Interp. 354) with the court, and serve the application on it.
   */
  private async lodge(tx: EntityManager, app: ConfirmationApplication, c: Case, version: AgreementVersionRecord, user: AuthUser, consents: ConfirmationConsentRecord[]): Promise<void> {
    const now = this.clock.now();
    const docket = docketDeadline(now, this.calendar, this.config.get('COURT_DOCKET_DAYS'));
    const fired = await this.transitions.fire(
      {
        caseId: c.id,
        event: CaseEvent.ApplyConfirmation,
        actor: { kind: 'user', user },
        facts: { confirmable: true },
        set: { confirmingCourtId: app.courtId },
        payload: { applicationId: app.id, courtId: app.courtId, docketDueAt: docket.dueAt.toISOString() },
        triggers: ['feature'],
      },
      tx,
    );
    // The materials the court needs, attached by the platform (Interp. 354).
    const required: [string, MaterialRole][] = [[version.signedDocumentId ?? version.documentId, MaterialRole.SignedAgreement]];
    const proofs = await tx.find(CaseDocument, { where: { caseId: c.id, kind: In([DocumentKind.NoticeOfMediation, DocumentKind.ServiceCertificate]) } });
    for (const d of proofs) required.push([d.id, MaterialRole.MediationProof]);
    const identities = await tx.find(CaseDocument, { where: { caseId: c.id, kind: In([DocumentKind.IdentityProof, DocumentKind.PowerOfAttorney]) } });
    for (const d of identities.filter((x) => x.visibility !== DocumentVisibility.OwnSideAndMediator)) required.push([d.id, MaterialRole.Identity]);
    for (const [role, ids] of groupByRole(required)) await this.addMaterials(tx, app.id, ids, role, null);
    const materials = await tx.find(ConfirmationMaterial, { where: { applicationId: app.id } });
    await this.documents.lodgeWithCourt(tx, fired.case, materials.map((m) => m.documentId), { id: null, role: CaseRole.System });

    // A PRC court works in Chinese (CPL art. 11): what is lodged with it is in Chinese.
    const doc = await this.applicationPdf(tx, fired.case, app, version, consents, 'zh-CN');
    await this.service.serveOnCourt(tx, { case: fired.case, purpose: ServicePurpose.ConfirmationApplication, courtOrganisationId: app.courtId, document: async () => doc });
    await tx.update(ConfirmationApplication, { id: app.id }, {
      status: ApplicationStatus.Lodged,
      lodgedAt: now,
      applicationDocumentId: doc.id,
      docketDueAt: docket.dueAt,
      docketLastDay: docket.lastDay,
      updatedAt: now,
    });
  }

  private async applicationPdf(
    tx: EntityManager,
    c: Case,
    app: ConfirmationApplication,
    version: AgreementVersionRecord,
    consents: ConfirmationConsentRecord[],
    lang: PdfLanguage,
  ): Promise<CaseDocument> {
    const [court] = (await tx.query(`SELECT name FROM organisations WHERE id = $1`, [app.courtId])) as { name: string }[];
    const parties = await this.documentParties(tx, c.id, version);
    const names = await this.userNames(tx, consents.map((k) => k.consentedBy));
    const materials = await tx.query(
      `SELECT d.filename AS name, m.role, d.sha256 FROM confirmation_materials m JOIN documents d ON d.id = m.document_id WHERE m.application_id = $1 ORDER BY m.role, d.created_at`,
      [app.id],
    );
    const spec = confirmationApplicationDocument(
      {
        documentId: `${c.number}-CA-${app.id.slice(0, 8)}`,
        caseNumber: c.number,
        caseTitle: c.title,
        court: court.name,
        parties: parties.map((p) => {
          const k = consents.find((x) => x.partyId === p.partyId)!;
          return { ...p, consentedAt: k.consentedAt.toISOString(), consentedBy: names.get(k.consentedBy) ?? k.consentedBy };
        }),
        mediator: version.content.mediator,
        agreement: await this.agreementFacts(tx, version),
        materials,
        lodgedAt: this.clock.now(),
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
      },
      lang,
    );
    const bytes = await renderPdf(spec, lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    return this.documents.addGenerated(
      {
        caseId: c.id,
        kind: DocumentKind.ConfirmationApplication,
        visibility: DocumentVisibility.Court,
        filename: lang === 'zh-CN' ? `司法确认申请书-${c.number}.pdf` : `application-for-confirmation-${c.number}.pdf`,
        contentType: 'application/pdf',
        bytes,
        actorId: null,
        actorRole: CaseRole.System,
      },
      tx,
    );
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
        legalRepresentative: p.legalRepresentative ?? null,
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
      else if (doc.visibility === DocumentVisibility.OwnSideAndMediator) errors.push({ field: at, rule: 'visibility', message: `${at} is private to one side and the mediator: it cannot go to the court` });
      else if (kind && doc.kind !== kind) errors.push({ field: at, rule: 'kind', message: `${at} must be uploaded as kind ${kind}` });
      else if (!kind && [DocumentKind.Agreement, DocumentKind.PerformanceProof].includes(doc.kind)) errors.push({ field: at, rule: 'kind', message: `${at} (${doc.kind}) is not application material` });
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return [...ids];
  }

  async addMaterials(tx: EntityManager, applicationId: string, documentIds: readonly string[], role: MaterialRole, addedBy: string | null, supplementRequestId: string | null = null): Promise<void> {
    const now = this.clock.now();
    for (const documentId of documentIds) {
      await tx.query(
        `INSERT INTO confirmation_materials (application_id, document_id, role, added_by, added_at, supplement_request_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [applicationId, documentId, role, addedBy, now, supplementRequestId],
      );
    }
  }

  /** A party answers the court's request: the material (SupplementMaterial uploads) is lodged and the deadline stops. */
  async supplement(user: AuthUser, applicationId: string, requestId: string, body: { documentIds: string[]; note?: string }): Promise<void> {
    await this.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      await this.access.require(user, c.id, CaseAction.SupplementConfirmation, tx);
      const request = await tx.findOne(SupplementRequest, { where: { id: requestId, applicationId } });
      if (!request) throw new NotFoundProblem(`No supplement request ${requestId} on this application`);
      if (request.supplementedAt || request.expiredAt || app.status !== ApplicationStatus.Docketed) throw new ConflictProblem('This request is no longer open');
      const ids = await this.checkMaterials(tx, roles, c.id, body.documentIds, user.id, DocumentKind.SupplementMaterial, 'documentIds');
      await this.addMaterials(tx, app.id, ids, MaterialRole.Supplement, user.id, requestId);
      await this.documents.lodgeWithCourt(tx, c, ids, { id: user.id, role: roles.find((r) => isParty([r]))! });
      await this.transitions.fire(
        { caseId: c.id, event: CaseEvent.SupplementMaterials, actor: { kind: 'user', user }, payload: { applicationId, requestId, documentIds: ids, note: body.note ?? null }, triggers: ['feature'] },
        tx,
      );
      await tx.update(SupplementRequest, { id: requestId }, { supplementedAt: this.clock.now(), supplementedBy: user.id, note: body.note ?? null });
    });
  }

  // ── Withdrawal, and after a rejection ────────────────────────────────────────────────────

  /** A party withdraws the application before the ruling (Interp. 357). */
  async withdraw(user: AuthUser, applicationId: string, body: { reason: string }): Promise<void> {
    await this.withApplication(user, applicationId, async (tx, app, { case: c, roles }) => {
      await this.access.require(user, c.id, CaseAction.WithdrawConfirmation, tx);
      if (!OPEN_APPLICATION.includes(app.status)) throw new ConflictProblem(`The application is ${app.status}: there is nothing to withdraw`);
      if (app.status === ApplicationStatus.CollectingConsents) {
        await this.events.append(tx, c.id, c.hashAlgorithm as HashAlgorithm, {
          type: 'confirmation_application_withdrawn',
          actorId: user.id,
          actorRole: roles.find((r) => isParty([r]))!,
          payload: { applicationId, reason: body.reason },
        });
      } else {
        await this.transitions.fire({ caseId: c.id, event: CaseEvent.WithdrawConfirmation, actor: { kind: 'user', user }, payload: { applicationId, reason: body.reason }, triggers: ['feature'] }, tx);
      }
      const now = this.clock.now();
      await tx.update(ConfirmationApplication, { id: app.id }, { status: ApplicationStatus.Withdrawn, withdrawnAt: now, withdrawnBy: user.id, withdrawalReason: body.reason, updatedAt: now });
    });
  }

  /**
   * After a rejection the parties amend the agreement through mediation (CPL 206): the rejected
   * agreement stops being the effective one, so that a new version can be frozen and signed.
   */
  async resumeMediation(user: AuthUser, caseId: string, body: { reason?: string; expectedVersion?: number }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const fired = await this.transitions.fire(
        { caseId, event: CaseEvent.ResumeMediation, actor: { kind: 'user', user }, expectedVersion: body.expectedVersion, payload: { ...(body.reason ? { reason: body.reason } : {}) }, triggers: ['feature'] },
        tx,
      );
      const version = await effectiveAgreement(tx, caseId);
      if (version) {
        await tx.query(
          `UPDATE agreement_versions SET status = 'void', voided_at = $2, effective_at = NULL, void_reason = $3 WHERE id = $1`,
          [version.id, this.clock.now(), `Judicial confirmation rejected; mediation resumed to amend it (was in effect from ${version.effectiveAt!.toISOString()})`],
        );
        await this.events.append(tx, caseId, fired.case.hashAlgorithm as HashAlgorithm, {
          type: 'agreement_reopened',
          actorId: user.id,
          actorRole: CaseRole.System,
          payload: { agreementVersionId: version.id, effectiveAt: version.effectiveAt!.toISOString() },
        });
      }
    });
  }

  /** After a rejection the parties give up confirmation: closed (settled without confirmation). */
  async closeUnconfirmed(user: AuthUser, caseId: string, body: { reason?: string; expectedVersion?: number }): Promise<void> {
    await this.transitions.fire({
      caseId,
      event: CaseEvent.CloseUnconfirmed,
      actor: { kind: 'user', user },
      expectedVersion: body.expectedVersion,
      payload: { ...(body.reason ? { reason: body.reason } : {}) },
      triggers: ['feature'],
    });
  }

  // ── Reading ───────────────────────────────────────────────────────────────────────────────

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

  async list(user: AuthUser, caseId: string): Promise<ApplicationDetail[]> {
    const { roles } = await this.access.load(user, caseId);
    const apps = await this.db.getRepository(ConfirmationApplication).find({ where: { caseId }, order: { startedAt: 'ASC' } });
    const out: ApplicationDetail[] = [];
    for (const app of apps) {
      if (courtOnly(roles) && (app.status === ApplicationStatus.CollectingConsents || !user.memberships.some((m) => m.organisationId === app.courtId))) continue;
      out.push(await this.detail(user, app, roles));
    }
    return out;
  }

  async get(user: AuthUser, applicationId: string): Promise<ApplicationDetail> {
    const app = await this.db.getRepository(ConfirmationApplication).findOneBy({ id: applicationId });
    if (!app) throw new NotFoundProblem(`No application ${applicationId}`);
    const { roles } = await this.visible(user, app);
    return this.detail(user, app, roles);
  }

  /** The application as this person may see it: lodged materials only as canSeeDocument allows. */
  private async detail(user: AuthUser, app: ConfirmationApplication, roles: CaseRole[]): Promise<ApplicationDetail> {
    const m = this.db.manager;
    const c = await m.findOneByOrFail(Case, { id: app.caseId });
    const [court] = (await m.query(`SELECT id, name FROM organisations WHERE id = $1`, [app.courtId])) as { id: string; name: string }[];
    const agreement = await m.findOneBy(AgreementVersionRecord, { id: app.agreementVersionId });
    const materials = await m.find(ConfirmationMaterial, { where: { applicationId: app.id }, order: { addedAt: 'ASC' } });
    const docs = materials.length ? await m.find(CaseDocument, { where: { id: In(materials.map((x) => x.documentId)) } }) : [];
    const supplements = await m.find(SupplementRequest, { where: { applicationId: app.id }, order: { requestedAt: 'ASC' } });
    const visibleMaterials = materials
      .map((x) => ({ ...x, document: docs.find((d) => d.id === x.documentId)! }))
      .filter((x) => x.document && canSeeDocument(roles, x.document, user.id));
    return {
      application: app,
      case: c,
      court,
      agreement,
      consents: await m.find(ConfirmationConsentRecord, { where: { applicationId: app.id }, order: { consentedAt: 'ASC' } }),
      materials: visibleMaterials,
      supplements: supplements.map((s) => ({
        ...s,
        documentIds: visibleMaterials.filter((x) => x.supplementRequestId === s.id).map((x) => x.documentId),
      })),
      window: agreement?.effectiveAt ? this.windowOf(agreement) : null,
    };
  }
}

function groupByRole(entries: [string, MaterialRole][]): Map<MaterialRole, string[]> {
  const out = new Map<MaterialRole, string[]>();
  for (const [id, role] of entries) out.set(role, [...(out.get(role) ?? []), id]);
  return out;
}
