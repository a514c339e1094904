import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { canSeeDocument } from '../access/case-access.policy';
import { CaseAccess } from '../access/case-access.service';
import { AgreementVersionRecord } from '../agreements/agreement-version.entity';
import type { AuthUser } from '../auth/auth-user';
import { Case } from '../cases/entities/case.entity';
import type { CaseRole } from '../cases/lifecycle/case-roles';
import { NotFoundProblem } from '../common/errors/problem';
import { CaseDocument } from '../documents/document.entity';
import { CourtLevel, OrganisationKind } from '../organisations/organisation.entity';
import { ApplicationStatus, ConfirmationApplication, ConfirmationConsentRecord, ConfirmationMaterial, SupplementRequest } from './confirmation-application.entity';
import { ConfirmationService, courtOnly } from './confirmation.service';
import { courtOptions, partyDomicileRegions, type CourtOption, type PartyPlace } from './court-options';
import { CourtSummons } from './court-summons.entity';
import { RulingObjection } from './ruling-objection.entity';

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
  /** The court's summonses to attend (docs/procedural-rules.md D21). */
  summonses: CourtSummons[];
  /** Objections to the ruling, by parties and third parties (docs/procedural-rules.md D23). */
  objections: RulingObjection[];
}

/** Reads of judicial confirmation: the courts an application may name, and applications as the person may see them. */
@Injectable()
export class ConfirmationReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly confirmation: ConfirmationService,
  ) {}

  async courtOptions(user: AuthUser, caseId: string, subjectMatterRegion?: string): Promise<CourtOption[]> {
    const { case: c } = await this.access.load(user, caseId);
    return this.optionsFor(this.db.manager, c, subjectMatterRegion);
  }

  async optionsFor(manager: EntityManager, c: Case, subjectMatterRegion?: string | null): Promise<CourtOption[]> {
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
      partyRegions: partyDomicileRegions(
        (await manager.query(
          `SELECT p.kind, p.domicile_region AS "domicileRegion", o.region AS "organisationRegion" FROM case_parties p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = $1`,
          [c.id],
        )) as PartyPlace[],
      ),
      subjectMatterRegions: subjectMatterRegion ? [subjectMatterRegion] : [],
      mediationOrganisationRegions: c.mediatorId
        ? await regions(`SELECT o.region FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1 AND o.kind = $2 AND o.region IS NOT NULL`, [
            c.mediatorId,
            OrganisationKind.MediationOrganisation,
          ])
        : [],
    });
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
    const { roles } = await this.confirmation.visible(user, app);
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
      window: agreement?.effectiveAt ? this.confirmation.windowOf(agreement) : null,
      summonses: await m.find(CourtSummons, { where: { applicationId: app.id }, order: { issuedAt: 'ASC' } }),
      objections: await m.find(RulingObjection, { where: { applicationId: app.id }, order: { filedAt: 'ASC' } }),
    };
  }

  /** The objections this person filed, with the 调确 number of each ruling: how a third party, no member of the case, follows its own. */
  async objectionsFiledBy(user: AuthUser): Promise<{ objection: RulingObjection; docketNumber: string | null }[]> {
    const objections = await this.db.getRepository(RulingObjection).find({ where: { filedBy: user.id }, order: { filedAt: 'DESC' }, take: 200 });
    const apps = objections.length ? await this.db.getRepository(ConfirmationApplication).findBy({ id: In(objections.map((o) => o.applicationId)) }) : [];
    return objections.map((objection) => ({ objection, docketNumber: apps.find((a) => a.id === objection.applicationId)?.docketNumber ?? null }));
  }
}
