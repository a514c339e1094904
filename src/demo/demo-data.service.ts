import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password-hasher';
import { GlobalRole, Language } from '../auth/roles';
import { CaseTransitions } from '../cases/case-transitions.service';
import { DisputeType } from '../cases/entities/case.entity';
import { EServiceConsentBasis } from '../cases/entities/case-party.entity';
import { IpRightKind } from '../cases/entities/ip-right.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { ReferralType } from '../cases/lifecycle/case-states';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import type { CreateApplicationRequest } from '../intake/application.dto';
import { ApplicationsService } from '../intake/applications.service';
import { ReferralsService } from '../intake/referrals.service';
import { CaseReader } from '../cases/case-reader.service';
import { Membership, MembershipRole } from '../organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import { Accreditation } from '../assignment/mediator-profile';
import { MediatorProfileRecord } from '../assignment/mediator-profile.entity';

export const DEMO_PASSWORD = 'accord-demo-2026!';

interface DemoAccount {
  key: string;
  email: string;
  name: string;
  roles: GlobalRole[];
  language: Language;
  organisation?: string;
  membershipRole?: MembershipRole;
}

const ACCOUNTS: DemoAccount[] = [
  { key: 'admin', email: 'admin@accord.demo', name: '平台管理员 Platform Admin', roles: [GlobalRole.Admin], language: Language.ZhCN },
  { key: 'clerk', email: 'clerk@hz-court.demo', name: '立案庭 周书记员', roles: [GlobalRole.CourtClerk], language: Language.ZhCN, organisation: 'court', membershipRole: MembershipRole.Admin },
  { key: 'judge', email: 'judge@hz-court.demo', name: '王法官', roles: [GlobalRole.Judge], language: Language.ZhCN, organisation: 'court' },
  { key: 'mediatorWang', email: 'wang.mediator@accord.demo', name: '王调解员 (patents)', roles: [GlobalRole.Mediator], language: Language.ZhCN, organisation: 'centre' },
  { key: 'mediatorChen', email: 'chen.mediator@accord.demo', name: '陈调解员 (trademarks)', roles: [GlobalRole.Mediator], language: Language.ZhCN, organisation: 'centre' },
  { key: 'mediatorSmith', email: 'smith.mediator@accord.demo', name: 'Jane Smith (international commercial)', roles: [GlobalRole.Mediator], language: Language.En, organisation: 'centre' },
  { key: 'applicant', email: 'legal@jia-tech.demo', name: '杭州甲科技有限公司 法务部', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'jia' },
  { key: 'respondent', email: 'legal@yi-electronics.demo', name: '深圳乙电子有限公司 法务部', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'yi' },
  { key: 'lawyer', email: 'li.lawyer@zhonglun.demo', name: '李律师', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'firm' },
  { key: 'foreignApplicant', email: 'counsel@northwind.demo', name: 'Northwind GmbH legal', roles: [GlobalRole.Party], language: Language.En },
];

/**
 * The first `npm start` seeds a court, a mediation centre, mediators, parties and cases in every
 * state built so far, so a newcomer can sign in and click through the loop at once. It runs
 * only when there are no accounts yet, and never in production.
 */
@Injectable()
export class DemoData {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationsService,
    private readonly referrals: ReferralsService,
    private readonly transitions: CaseTransitions,
    private readonly documents: DocumentsService,
    private readonly reader: CaseReader,
  ) {}

  /** Seeds on the first run; returns the sign-in table to show the person who started it. */
  async seedIfEmpty(): Promise<string | undefined> {
    if ((await this.db.getRepository(User).count()) > 0) return undefined;
    const orgs = await this.organisations();
    const people = await this.accounts(orgs);
    await this.mediatorProfiles(people, orgs);
    await this.cases(people);
    this.logger.log({ accounts: ACCOUNTS.map((a) => a.email) }, 'demo data seeded');
    return [
      '',
      `Demo data seeded. Sign in (POST /api/v1/auth/login) with the password "${DEMO_PASSWORD}" as:`,
      ...ACCOUNTS.map((a) => `  ${a.email.padEnd(30)} ${a.roles.join(', ')}`),
      '',
    ].join('\n');
  }

  private async organisations(): Promise<Record<string, Organisation>> {
    const repo = this.db.getRepository(Organisation);
    const yiGroup = await repo.save({ kind: OrganisationKind.Company, name: '乙控股集团 Yi Holdings', region: '440300' });
    return {
      court: await repo.save({ kind: OrganisationKind.Court, name: '杭州市中级人民法院', courtCode: 'HZ-IPC-330100', courtLevel: CourtLevel.Intermediate, region: '330100' }),
      centre: await repo.save({ kind: OrganisationKind.MediationOrganisation, name: '杭州知识产权与国际商事调解中心', region: '330100' }),
      jia: await repo.save({ kind: OrganisationKind.Company, name: '杭州甲科技有限公司', region: '330100' }),
      yi: await repo.save({ kind: OrganisationKind.Company, name: '深圳乙电子有限公司', region: '440300', parentId: yiGroup.id }),
      firm: await repo.save({ kind: OrganisationKind.LawFirm, name: '中伦律师事务所 (demo)', region: '330100' }),
    };
  }

  private async accounts(orgs: Record<string, Organisation>): Promise<Record<string, AuthUser>> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const people: Record<string, AuthUser> = {};
    for (const a of ACCOUNTS) {
      const user = await this.db.getRepository(User).save({
        email: a.email,
        displayName: a.name,
        phone: '+8613800138000',
        preferredLanguage: a.language,
        roles: a.roles,
        passwordHash,
        identityVerifiedAt: new Date(),
        identityVerificationMethod: 'demo',
      });
      const memberships: AuthUser['memberships'] = [];
      if (a.organisation) {
        const role = a.membershipRole ?? MembershipRole.Member;
        await this.db.getRepository(Membership).save({ userId: user.id, organisationId: orgs[a.organisation].id, role });
        memberships.push({ organisationId: orgs[a.organisation].id, role });
      }
      people[a.key] = { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, preferredLanguage: user.preferredLanguage, identityVerified: true, memberships };
    }
    return people;
  }

  /** Profiles the matcher reads: Wang for patents, Chen for trademarks, Smith for international commercial cases. */
  private async mediatorProfiles(p: Record<string, AuthUser>, orgs: Record<string, Organisation>): Promise<void> {
    const base = {
      active: true,
      jurisdictions: ['CN'],
      capacity: 20,
      courtIds: [orgs.court.id],
      organisationIds: [orgs.centre.id],
      relationships: { organisations: [], people: [] },
      pastInvolvement: [],
      outcomes: {},
    };
    const repo = this.db.getRepository(MediatorProfileRecord);
    await repo.save({ ...base, userId: p.mediatorWang.id, disputeTypes: [DisputeType.Patent, DisputeType.UtilityModel, DisputeType.Design, DisputeType.TradeSecret], technicalFields: ['G06F', 'H02J', 'H04L'], languages: ['zh-CN'], accreditations: [Accreditation.CourtInvited, Accreditation.PatentAttorney], seniority: 3 });
    await repo.save({ ...base, userId: p.mediatorChen.id, disputeTypes: [DisputeType.Trademark, DisputeType.Copyright, DisputeType.UnfairCompetition], technicalFields: ['9', '35'], languages: ['zh-CN', 'en'], accreditations: [Accreditation.CourtInvited], seniority: 2 });
    await repo.save({ ...base, userId: p.mediatorSmith.id, disputeTypes: [DisputeType.InternationalCommercial, DisputeType.IpLicenceOrContract, DisputeType.Patent], technicalFields: [], languages: ['en', 'zh-CN'], jurisdictions: ['CN', 'DE', 'EP'], accreditations: [Accreditation.WipoNeutral, Accreditation.CommercialMediator], seniority: 3 });
  }

  private application(title: string, disputeType: DisputeType, overrides: Partial<CreateApplicationRequest> = {}): CreateApplicationRequest {
    return {
      title,
      disputeType,
      statement: '被申请人在其电商店铺销售的无线充电器使用了申请人专利保护的线圈对准方法，申请人多次发函未果。',
      claims: [
        { kind: 'monetary', amount: '500000.00', currency: 'CNY' },
        { kind: 'stop_infringement', description: '停止制造、销售侵权产品 Stop making and selling the infringing products' },
      ],
      ipRights: [{ kind: IpRightKind.Patent, number: 'ZL202310012345.6', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: '一种无线充电线圈对准方法' }],
      applicant: {
        kind: 'organisation',
        name: '杭州甲科技有限公司',
        idType: 'unified_social_credit_code',
        idNumber: '91330100MA2H3X4Y5Z',
        phone: '+8657188880000',
        email: 'legal@jia-tech.demo',
        address: '浙江省杭州市西湖区文三路 1 号',
        consentOnline: true,
        consentEService: true,
        eServiceBasis: EServiceConsentBasis.Express,
      },
      respondents: [{ kind: 'organisation', name: '深圳乙电子有限公司', email: 'legal@yi-electronics.demo', phone: '+8675588880000' }],
      ...overrides,
    };
  }

  private async evidence(caseId: string, actor: AuthUser): Promise<void> {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% demo evidence\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await this.documents.addGenerated({ caseId, kind: DocumentKind.Evidence, visibility: DocumentVisibility.AllParties, filename: '专利证书 patent-certificate.pdf', contentType: 'application/pdf', bytes: pdf, actorId: actor.id, actorRole: 'applicant' });
  }

  private async fire(caseId: string, event: CaseEvent, user: AuthUser, payload: Record<string, unknown> = {}): Promise<void> {
    const c = await this.reader.view(user, caseId);
    await this.transitions.fire({
      caseId,
      event,
      actor: { kind: 'user', user },
      payload,
      missingForSubmission: [],
      triggers: ['api'],
      expectedVersion: c.version,
    });
  }

  private async cases(p: Record<string, AuthUser>): Promise<void> {
    // A draft still missing its evidence.
    await this.applications.createDraft(p.applicant, this.application('【草稿】无线充电专利侵权纠纷 (draft)', DisputeType.Patent));
    // Submitted, waiting for intake.
    const submitted = await this.applications.createDraft(p.applicant, this.application('无线充电器专利侵权纠纷', DisputeType.Patent));
    await this.evidence(submitted, p.applicant);
    await this.fire(submitted, CaseEvent.Submit, p.applicant);
    // Sent back for correction.
    const correcting = await this.applications.createDraft(
      p.applicant,
      this.application('“甲”商标在电商平台被仿冒', DisputeType.Trademark, {
        ipRights: [{ kind: IpRightKind.Trademark, number: '第12345678号 (Nice 9)', jurisdiction: 'CN', owner: '杭州甲科技有限公司' }],
      }),
    );
    await this.evidence(correcting, p.applicant);
    await this.fire(correcting, CaseEvent.Submit, p.applicant);
    await this.fire(correcting, CaseEvent.RequestCorrection, p.admin, { reason: '请补充商标注册证及侵权链接截图 Attach the registration certificate and screenshots' });
    // Accepted: being matched to a mediator.
    const accepted = await this.applications.createDraft(
      p.foreignApplicant,
      this.application('Distribution agreement dispute: unpaid invoices', DisputeType.InternationalCommercial, {
        ipRights: [],
        preferredLanguage: Language.En,
        foreignElement: true,
        statement: 'Northwind GmbH supplied sensors under a 2024 distribution agreement; four invoices remain unpaid.',
        claims: [{ kind: 'monetary', amount: '86000.00', currency: 'EUR' }],
        applicant: { ...this.application('x', DisputeType.Other).applicant!, name: 'Northwind GmbH', idType: 'business_registration', idNumber: 'HRB-123456', email: 'counsel@northwind.demo', phone: '+4930123456' },
      }),
    );
    await this.evidence(accepted, p.foreignApplicant);
    await this.fire(accepted, CaseEvent.Submit, p.foreignApplicant);
    await this.fire(accepted, CaseEvent.Accept, p.admin);
    // Rejected at intake.
    const rejected = await this.applications.createDraft(p.applicant, this.application('劳动合同纠纷 (out of scope)', DisputeType.Other, { ipRights: [] }));
    await this.evidence(rejected, p.applicant);
    await this.fire(rejected, CaseEvent.Submit, p.applicant);
    await this.fire(rejected, CaseEvent.Reject, p.admin, { reason: '不属于知识产权或国际商事纠纷 Not an IP or commercial dispute' });
    // A court referral waiting for intake.
    await this.referrals.refer(p.clerk, {
      ...this.application('诉前委派：外观设计专利侵权纠纷', DisputeType.Design, {
        ipRights: [{ kind: IpRightKind.Design, number: 'ZL202230098765.4', jurisdiction: 'CN', owner: '杭州甲科技有限公司' }],
      }),
      referralNumber: '(2026)浙01民诉前调1024号',
      referralType: ReferralType.PreFiling,
    });
  }
}
