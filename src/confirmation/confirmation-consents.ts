import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { In, type EntityManager } from 'typeorm';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import { CaseEventLog } from '../cases/case-event-log.service';
import { CaseTransitions } from '../cases/case-transitions.service';
import { Case } from '../cases/entities/case.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { ConflictProblem, ProblemException } from '../common/errors/problem';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import type { PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { actingFor } from './case-settlement';
import { confirmationApplicationDocument } from './confirmation-documents';
import { ApplicationStatus, ConfirmationApplication, ConfirmationConsentRecord, ConfirmationMaterial, MaterialRole } from './confirmation-application.entity';
import { canApplyForConfirmation, docketDeadline, type ConfirmationRefusal } from './confirmation-rules';
import { ConfirmationService, isParty, type RequestOrigin } from './confirmation.service';

/** 409 saying exactly why the parties may not apply (docs/procedural-rules.md D15, D19): `refusals[].code` is stable. */
export class ConfirmationRefusedProblem extends ProblemException {
  constructor(refusals: ConfirmationRefusal[]) {
    super(HttpStatus.CONFLICT, 'urn:accord:problem:confirmation-refused', 'Judicial confirmation refused', refusals.map((r) => r.message).join('; '), {
      refusals: refusals.map((r) => ({ code: r.code, message: r.message, ...('lastDay' in r ? { lastDay: r.lastDay, closedAt: r.closedAt.toISOString() } : {}) })),
    });
  }
}

/**
 * The parties' online consents to the joint application (docs/procedural-rules.md D15-D19), shared by
 * starting it and joining it: the last consent lodges it with the court, with its materials and
 * the application PDF served on the court.
 */
@Injectable()
export class ConfirmationConsents {
  constructor(
    private readonly confirmation: ConfirmationService,
    private readonly transitions: CaseTransitions,
    private readonly events: CaseEventLog,
    private readonly service: ServiceOfProcess,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Why no application may be made now, apart from consents still missing: thrown as a problem. */
  refuseUnlessApplicable(c: Case, version: AgreementVersionRecord | null, consents: ConfirmationConsentRecord[]): void {
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
  async recordConsent(
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
      await tx.insert(ConfirmationConsentRecord, {
        applicationId: app.id,
        partyId,
        consentedBy: user.id,
        consentedAt: now,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 500) ?? null,
      });
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
  private async lodge(
    tx: EntityManager,
    app: ConfirmationApplication,
    c: Case,
    version: AgreementVersionRecord,
    user: AuthUser,
    consents: ConfirmationConsentRecord[],
  ): Promise<void> {
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
    for (const [role, ids] of groupByRole(required)) await this.confirmation.addMaterials(tx, app.id, ids, role, null);
    const materials = await tx.find(ConfirmationMaterial, { where: { applicationId: app.id } });
    await this.documents.lodgeWithCourt(
      tx,
      fired.case,
      materials.map((m) => m.documentId),
      { id: null, role: CaseRole.System },
    );

    // A PRC court works in Chinese (CPL art. 11): what is lodged with it is in Chinese.
    const doc = await this.applicationPdf(tx, fired.case, app, version, consents, 'zh-CN');
    await this.service.serveOnCourt(tx, { case: fired.case, purpose: ServicePurpose.ConfirmationApplication, courtOrganisationId: app.courtId, document: async () => doc });
    await tx.update(
      ConfirmationApplication,
      { id: app.id },
      {
        status: ApplicationStatus.Lodged,
        lodgedAt: now,
        applicationDocumentId: doc.id,
        docketDueAt: docket.dueAt,
        docketLastDay: docket.lastDay,
        updatedAt: now,
      },
    );
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
    const parties = await this.confirmation.documentParties(tx, c.id, version);
    const names = await this.confirmation.userNames(
      tx,
      consents.map((k) => k.consentedBy),
    );
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
        agreement: await this.confirmation.agreementFacts(tx, version),
        materials,
        lodgedAt: this.clock.now(),
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
      },
      lang,
    );
    const bytes = await renderPdf(spec, lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    return this.documents.addGeneratedInTransaction(
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
}

function groupByRole(entries: [string, MaterialRole][]): Map<MaterialRole, string[]> {
  const out = new Map<MaterialRole, string[]>();
  for (const [id, role] of entries) out.set(role, [...(out.get(role) ?? []), id]);
  return out;
}
