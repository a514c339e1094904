// Over 300 lines on purpose: the joint application's consents and the lodging they lead to, one rule
// (who must consent to which version, with which materials) that splits badly.
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
import { requireUnchanged, StaleRead } from '../common/stale-read';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { Environment } from '../config/environment';
import { WorkingDayCalendar } from '../infrastructure/calendar/working-day-calendar';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../documents/documents.service';
import { Clock } from '../infrastructure/clock/clock';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { ServiceOfProcess } from '../service-of-process/service-of-process.service';
import { ServicePurpose } from '../service-of-process/service.entity';
import { actingFor } from './case-settlement';
import { confirmationApplicationDocument, type ApplicationDocumentInput } from './confirmation-documents';
import { ApplicationStatus, ConfirmationApplication, ConfirmationConsentRecord, ConfirmationMaterial, MaterialRole } from './confirmation-application.entity';
import { canApplyForConfirmation, docketDeadline, type ConfirmationRefusal } from './confirmation-rules';
import { ConfirmationService, isParty } from './confirmation.service';
import type { RequestOrigin } from '../common/request-origin';

/** 409 saying exactly why the parties may not apply (docs/procedural-rules.md D15, D19): `refusals[].code` is stable. */
export class ConfirmationRefusedProblem extends ProblemException {
  constructor(refusals: ConfirmationRefusal[]) {
    super(HttpStatus.CONFLICT, 'urn:accord:problem:confirmation-refused', 'Judicial confirmation refused', refusals.map((r) => r.message).join('; '), {
      refusals: refusals.map((r) => ({ code: r.code, message: r.message, ...('lastDay' in r ? { lastDay: r.lastDay, closedAt: r.closedAt.toISOString() } : {}) })),
    });
  }
}

/** A party's consent as deciding and printing the application need it: given, or about to be. */
type Consent = Pick<ConfirmationConsentRecord, 'partyId' | 'consentedBy' | 'consentedAt'>;

/** The application PDF, rendered and stored before the transaction that lodges it, and what it was made from. */
export interface PreparedApplication {
  facts: { caseVersion: number; input: ApplicationDocumentInput };
  document: PreparedDocument;
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
  refuseUnlessApplicable(c: Case, version: AgreementVersionRecord | null, consents: readonly Consent[]): void {
    if (c.status !== CaseStatus.Settled) throw new ConflictProblem(`A joint application is made while the case is settled; it is ${c.status}`);
    const decision = this.decide(version, consents);
    if (decision.ok) return;
    const blocking = decision.refusals.filter((r) => r.code !== 'missing_consents');
    if (blocking.length > 0) throw new ConfirmationRefusedProblem(blocking);
  }

  private decide(version: AgreementVersionRecord | null, consents: readonly Consent[]) {
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

  /**
   * Before the transaction, read without the lock: when the consents of the parties this person
   * acts for will complete the application, the application PDF that lodging it serves on the
   * court, rendered and stored now (issue 22, item 4). `app` may be one about to be started;
   * `uploads` are the materials it is about to be started with.
   */
  async prepareLodging(
    manager: EntityManager,
    app: Pick<ConfirmationApplication, 'id' | 'courtId' | 'agreementVersionId'>,
    c: Case,
    version: AgreementVersionRecord | null,
    user: AuthUser,
    roles: CaseRole[],
    now: Date,
    uploads: readonly string[] = [],
  ): Promise<PreparedApplication | null> {
    if (!version || version.id !== app.agreementVersionId || c.status !== CaseStatus.Settled) return null;
    const existing = await manager.find(ConfirmationConsentRecord, { where: { applicationId: app.id } });
    const fresh = await this.freshParties(manager, c, version, user, roles, existing);
    const consents: Consent[] = [...existing, ...fresh.map((partyId) => ({ partyId, consentedBy: user.id, consentedAt: now }))];
    if (!this.decide(version, consents).ok) return null;
    const pending: [string, MaterialRole][] = [
      ...uploads.map((id): [string, MaterialRole] => [id, MaterialRole.PartyUpload]),
      ...(await this.requiredMaterials(manager, c, version)),
    ];
    const facts = await this.applicationFacts(manager, app, c, version, consents, await this.materialsListing(manager, app.id, pending), now);
    // A PRC court works in Chinese (CPL art. 11): what is lodged with it is in Chinese.
    const bytes = await renderPdf(confirmationApplicationDocument(facts.input, 'zh-CN'), 'zh-CN', { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    const document = await this.documents.prepareGenerated({
      caseId: c.id,
      kind: DocumentKind.ConfirmationApplication,
      visibility: DocumentVisibility.Court,
      filename: `司法确认申请书-${c.number}.pdf`,
      contentType: 'application/pdf',
      bytes,
      actorId: null,
      actorRole: CaseRole.System,
    });
    return { facts, document };
  }

  /**
   * Record the consents of the parties this person acts for, given at `now`; lodge when every
   * party has consented, with the application PDF `prepared` before the transaction opened. If
   * none was prepared, or it was made from facts that changed, the action starts again (StaleRead).
   */
  async recordConsent(
    tx: EntityManager,
    app: ConfirmationApplication,
    c: Case,
    version: AgreementVersionRecord | null,
    user: AuthUser,
    roles: CaseRole[],
    origin: RequestOrigin,
    now: Date,
    prepared: PreparedApplication | null,
  ): Promise<{ added: number; lodged: boolean }> {
    if (!version || version.id !== app.agreementVersionId) throw new ConflictProblem('The agreement this application is for is no longer in effect');
    const existing = await tx.find(ConfirmationConsentRecord, { where: { applicationId: app.id } });
    const fresh = await this.freshParties(tx, c, version, user, roles, existing);
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
    await this.lodge(tx, app, c, version, user, consents, now, prepared);
    return { added: fresh.length, lodged: true };
  }

  /** The agreement's parties this person acts for that have not consented yet. */
  private async freshParties(manager: EntityManager, c: Case, version: AgreementVersionRecord, user: AuthUser, roles: CaseRole[], existing: readonly Consent[]): Promise<string[]> {
    const acting = await actingFor(manager, c.id, user.id, roles);
    const agreementParties = new Set(version.content.parties.map((p) => p.partyId));
    return acting.partyIds.filter((id) => agreementParties.has(id) && !existing.some((e) => e.partyId === id));
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
    now: Date,
    prepared: PreparedApplication | null,
  ): Promise<void> {
    if (!prepared) throw new StaleRead(c.version);
    const docket = docketDeadline(now, this.calendar, this.config.get('COURT_DOCKET_DAYS'));
    const fired = await this.transitions.fire(
      {
        caseId: c.id,
        event: CaseEvent.ApplyConfirmation,
        actor: { kind: 'user', user },
        facts: { confirmable: true },
        set: { confirmingCourtId: app.courtId },
        // `dueAt` starts the court's docketing deadline at the date the application shows (deadlines.start:court_docket).
        payload: { applicationId: app.id, courtId: app.courtId, docketDueAt: docket.dueAt.toISOString(), dueAt: docket.dueAt.toISOString() },
        triggers: ['feature'],
      },
      tx,
    );
    // The materials the court needs, attached by the platform (Interp. 354).
    const required = await this.requiredMaterials(tx, c, version);
    for (const [role, ids] of groupByRole(required)) await this.confirmation.addMaterials(tx, app.id, ids, role, null);
    const materials = await tx.find(ConfirmationMaterial, { where: { applicationId: app.id } });
    await this.documents.lodgeWithCourt(
      tx,
      fired.case,
      materials.map((m) => m.documentId),
      { id: null, role: CaseRole.System },
    );

    // The application PDF was made before the transaction: recorded only if it says what is lodged now.
    requireUnchanged(prepared.facts, await this.applicationFacts(tx, app, c, version, consents, await this.materialsListing(tx, app.id, []), now), c.version);
    const doc = await this.documents.recordGenerated(tx, prepared.document);
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

  /** The materials the platform attaches on lodging (Interp. 354): the signed agreement, proof of the mediation, identities. */
  private async requiredMaterials(manager: EntityManager, c: Case, version: AgreementVersionRecord): Promise<[string, MaterialRole][]> {
    const required: [string, MaterialRole][] = [[version.signedDocumentId ?? version.documentId, MaterialRole.SignedAgreement]];
    const proofs = await manager.find(CaseDocument, { where: { caseId: c.id, kind: In([DocumentKind.NoticeOfMediation, DocumentKind.ServiceCertificate]) } });
    for (const d of proofs) required.push([d.id, MaterialRole.MediationProof]);
    const identities = await manager.find(CaseDocument, { where: { caseId: c.id, kind: In([DocumentKind.IdentityProof, DocumentKind.PowerOfAttorney]) } });
    for (const d of identities.filter((x) => x.visibility !== DocumentVisibility.OwnSideAndMediator)) required.push([d.id, MaterialRole.Identity]);
    return required;
  }

  /**
   * The application's materials as the PDF lists them: those it has, and `pending` ones about to
   * be added (a document already among them keeps its role, as adding it again does nothing).
   */
  private async materialsListing(
    manager: EntityManager,
    applicationId: string,
    pending: readonly [string, MaterialRole][],
  ): Promise<{ name: string; role: string; sha256: string }[]> {
    const roles = new Map((await manager.find(ConfirmationMaterial, { where: { applicationId } })).map((m): [string, string] => [m.documentId, m.role]));
    for (const [id, role] of pending) if (!roles.has(id)) roles.set(id, role);
    // Ties of role and time (documents made in one transaction) are broken by id, so the listing read without the lock and the one under it agree.
    return manager.query(
      `SELECT d.filename AS name, m.role, d.sha256 FROM unnest($1::uuid[], $2::text[]) AS m(document_id, role) JOIN documents d ON d.id = m.document_id ORDER BY m.role, d.created_at, d.id`,
      [[...roles.keys()], [...roles.values()]],
    );
  }

  /** What the application PDF prints, read through `manager`: without the lock to render it, again under it. */
  private async applicationFacts(
    manager: EntityManager,
    app: Pick<ConfirmationApplication, 'id' | 'courtId'>,
    c: Case,
    version: AgreementVersionRecord,
    consents: readonly Consent[],
    materials: { name: string; role: string; sha256: string }[],
    lodgedAt: Date,
  ): Promise<{ caseVersion: number; input: ApplicationDocumentInput }> {
    const [court] = (await manager.query(`SELECT name FROM organisations WHERE id = $1`, [app.courtId])) as { name: string }[];
    const parties = await this.confirmation.documentParties(manager, c.id, version);
    const names = await this.confirmation.userNames(
      manager,
      consents.map((k) => k.consentedBy),
    );
    const input: ApplicationDocumentInput = {
      documentId: `${c.number}-CA-${app.id.slice(0, 8)}`,
      caseNumber: c.number,
      caseTitle: c.title,
      court: court.name,
      parties: parties.map((p) => {
        const k = consents.find((x) => x.partyId === p.partyId)!;
        return { ...p, consentedAt: k.consentedAt.toISOString(), consentedBy: names.get(k.consentedBy) ?? k.consentedBy };
      }),
      mediator: version.content.mediator,
      agreement: await this.confirmation.agreementFacts(manager, version),
      materials,
      lodgedAt,
      timeZone: this.config.get('PLATFORM_TIMEZONE'),
    };
    return { caseVersion: c.version, input };
  }
}

function groupByRole(entries: [string, MaterialRole][]): Map<MaterialRole, string[]> {
  const out = new Map<MaterialRole, string[]>();
  for (const [id, role] of entries) out.set(role, [...(out.get(role) ?? []), id]);
  return out;
}
