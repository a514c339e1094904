// Over 300 lines on purpose: seeds one coherent demo world (organisations, people, a case in each state);
// runs only on an empty non-production database.
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_EVIDENCE, demoEvidencePdf } from './demo-evidence';
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
import { CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
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
import { MediationChannel } from '../mediation/messages/channels';
import { NonMonetaryKind, type SettlementTerms } from '../mediation/settlement-terms';
import { PartySide } from '../cases/entities/case-party.entity';
import { DemoClosedLoop, owed, type DemoCast } from './demo-closed-loop';

export const DEMO_PASSWORD = 'accord-demo-2026!';

/** Legal representatives of 杭州甲科技 and 深圳乙电子, as the demo agreements name them. */
const REPRESENTATIVES = { applicant: '张伟', respondent: '李强' };

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
  {
    key: 'clerk',
    email: 'clerk@hz-court.demo',
    name: '周敏',
    roles: [GlobalRole.CourtClerk],
    language: Language.ZhCN,
    organisation: 'court',
    membershipRole: MembershipRole.Admin,
  },
  { key: 'judge', email: 'judge@hz-court.demo', name: '王立新', roles: [GlobalRole.Judge], language: Language.ZhCN, organisation: 'court' },
  { key: 'mediatorWang', email: 'wang.mediator@accord.demo', name: '王建国', roles: [GlobalRole.Mediator], language: Language.ZhCN, organisation: 'centre' },
  { key: 'mediatorChen', email: 'chen.mediator@accord.demo', name: '陈静', roles: [GlobalRole.Mediator], language: Language.ZhCN, organisation: 'centre' },
  { key: 'mediatorSmith', email: 'smith.mediator@accord.demo', name: 'Jane Smith', roles: [GlobalRole.Mediator], language: Language.En, organisation: 'centre' },
  { key: 'applicant', email: 'legal@jia-tech.demo', name: '赵磊', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'jia' },
  { key: 'respondent', email: 'legal@yi-electronics.demo', name: '孙丽', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'yi' },
  { key: 'lawyer', email: 'li.lawyer@zhonglun.demo', name: '李明', roles: [GlobalRole.Party], language: Language.ZhCN, organisation: 'firm' },
  { key: 'foreignApplicant', email: 'counsel@northwind.demo', name: 'Anna Weber', roles: [GlobalRole.Party], language: Language.En },
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
    private readonly loop: DemoClosedLoop,
  ) {}

  /** Seeds on the first run; returns the sign-in table to show the person who started it. */
  async seedIfEmpty(): Promise<string | undefined> {
    if ((await this.db.getRepository(User).count()) > 0) return undefined;
    const started = Date.now();
    const orgs = await this.organisations();
    const people = await this.accounts(orgs);
    await this.mediatorProfiles(people, orgs);
    await this.cases(people);
    await this.laterStages(people, orgs.court);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.logger.log({ accounts: ACCOUNTS.map((a) => a.email), seconds }, 'demo data seeded');
    return [
      '',
      `Demo data seeded in ${seconds} s. Sign in (POST /api/v1/auth/login) with the password "${DEMO_PASSWORD}" as:`,
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
      firm: await repo.save({ kind: OrganisationKind.LawFirm, name: '浙江明理律师事务所', region: '330100' }),
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
      people[a.key] = {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        preferredLanguage: user.preferredLanguage,
        identityVerified: true,
        memberships,
        sessionGeneration: user.sessionGeneration,
      };
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
    await repo.save({
      ...base,
      userId: p.mediatorWang.id,
      disputeTypes: [DisputeType.Patent, DisputeType.UtilityModel, DisputeType.Design, DisputeType.TradeSecret],
      technicalFields: ['G06F', 'H02J', 'H04L'],
      languages: ['zh-CN'],
      accreditations: [Accreditation.CourtInvited, Accreditation.PatentAttorney],
      seniority: 3,
    });
    await repo.save({
      ...base,
      userId: p.mediatorChen.id,
      disputeTypes: [DisputeType.Trademark, DisputeType.Copyright, DisputeType.UnfairCompetition],
      technicalFields: ['9', '35'],
      languages: ['zh-CN', 'en'],
      accreditations: [Accreditation.CourtInvited],
      seniority: 2,
    });
    await repo.save({
      ...base,
      userId: p.mediatorSmith.id,
      disputeTypes: [DisputeType.InternationalCommercial, DisputeType.IpLicenceOrContract, DisputeType.Patent],
      technicalFields: [],
      languages: ['en', 'zh-CN'],
      jurisdictions: ['CN', 'DE', 'EP'],
      accreditations: [Accreditation.WipoNeutral, Accreditation.CommercialMediator],
      seniority: 3,
    });
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
        legalRepresentative: REPRESENTATIVES.applicant,
        idType: 'unified_social_credit_code',
        idNumber: '91330100MA2H3X4Y5Z',
        phone: '+8657188880000',
        email: 'legal@jia-tech.demo',
        address: '浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1201 室',
        consentOnline: true,
        consentEService: true,
        eServiceBasis: EServiceConsentBasis.Express,
      },
      respondents: [
        {
          kind: 'organisation',
          name: '深圳乙电子有限公司',
          legalRepresentative: REPRESENTATIVES.respondent,
          email: 'legal@yi-electronics.demo',
          phone: '+8675588880000',
          address: '广东省深圳市南山区粤海街道科苑路 15 号科兴科学园 B 栋 9 楼',
        },
      ],
      ...overrides,
    };
  }

  private async evidence(caseId: string, actor: AuthUser): Promise<void> {
    const pdf = await demoEvidencePdf(DEMO_EVIDENCE.patentCertificate, new Date());
    await this.documents.addGenerated({
      caseId,
      kind: DocumentKind.Evidence,
      visibility: DocumentVisibility.AllParties,
      filename: '发明专利证书.pdf',
      contentType: 'application/pdf',
      bytes: pdf,
      actorId: actor.id,
      actorRole: 'applicant',
    });
  }

  private async fire(caseId: string, event: CaseEvent, user: AuthUser, payload: Record<string, unknown> = {}): Promise<void> {
    const c = await this.reader.view(user, caseId);
    await this.transitions.fire({
      caseId,
      event,
      actor: { kind: 'user', user },
      payload,
      triggers: ['api'],
      expectedVersion: c.version,
    });
  }

  private async cases(p: Record<string, AuthUser>): Promise<void> {
    // A draft still missing its evidence.
    await this.applications.createDraft(p.applicant, this.application('无线充电专利侵权纠纷（草稿）', DisputeType.Patent));
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
    await this.acceptedApplication(
      p,
      p.foreignApplicant,
      this.foreignApplication(
        'Distribution agreement dispute: unpaid invoices',
        'Northwind GmbH supplied sensors under a 2024 distribution agreement; four invoices remain unpaid.',
      ),
    );
    // Rejected at intake.
    const rejected = await this.applications.createDraft(p.applicant, this.application('劳动合同纠纷', DisputeType.Other, { ipRights: [] }));
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

  /** Northwind's application against 深圳乙电子, in English, with a foreign element. */
  private foreignApplication(title: string, statement: string): CreateApplicationRequest {
    return this.application(title, DisputeType.InternationalCommercial, {
      ipRights: [],
      preferredLanguage: Language.En,
      foreignElement: true,
      statement,
      claims: [{ kind: 'monetary', amount: '86000.00', currency: 'EUR' }],
      applicant: {
        ...this.application('x', DisputeType.Other).applicant!,
        name: 'Northwind GmbH',
        legalRepresentative: 'Dr. Anna Weber',
        idType: 'business_registration',
        idNumber: 'HRB 123456 B',
        email: 'counsel@northwind.demo',
        phone: '+4930123456',
        address: 'Friedrichstraße 68, 10117 Berlin, Germany',
      },
    });
  }

  /** An online application filed with its evidence, submitted, and accepted by intake. */
  private async acceptedApplication(p: Record<string, AuthUser>, applicant: AuthUser, request: CreateApplicationRequest): Promise<string> {
    const caseId = await this.applications.createDraft(applicant, request);
    await this.evidence(caseId, applicant);
    await this.fire(caseId, CaseEvent.Submit, applicant);
    await this.fire(caseId, CaseEvent.Accept, p.admin);
    return caseId;
  }

  /** A referral by the demo court, accepted by intake (unless COURT_REFERRALS_AUTO_ACCEPT already did). */
  private async acceptedReferral(p: Record<string, AuthUser>, request: CreateApplicationRequest, referralNumber: string): Promise<string> {
    const caseId = await this.referrals.refer(p.clerk, { ...request, referralNumber, referralType: ReferralType.PreFiling });
    if ((await this.reader.view(p.admin, caseId)).status === CaseStatus.Submitted) await this.fire(caseId, CaseEvent.Accept, p.admin);
    return caseId;
  }

  /**
   * Cases past intake, one per later stage of the loop, each walked there step by step through
   * the services (demo-closed-loop.ts): assigned, served, agreed to, mediated, signed, confirmed,
   * performed. Online applications' respondents take their party through the notice's link;
   * a court referral's parties have the case in their accounts from the start.
   */
  private async laterStages(p: Record<string, AuthUser>, court: Organisation): Promise<void> {
    const cast = (mediator: AuthUser, applicant = p.applicant): DemoCast => ({ applicant, respondent: p.respondent, mediator });
    const patent = (number: string, title: string) => ({ ipRights: [{ kind: IpRightKind.Patent, number, jurisdiction: 'CN', owner: '杭州甲科技有限公司', title }] });
    const cny = (amount: string, days: number): SettlementTerms => ({
      money: { amount, currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: days } } },
      nonMonetary: [{ kind: NonMonetaryKind.StopUse, description: '停止销售使用降噪算法的 A1 型耳机 Stop selling the A1 earbuds' }],
    });

    // (a) Mediating: a joint session tomorrow, messages in the joint channel and in each caucus, an open counter-offer.
    const mediating = await this.acceptedApplication(
      p,
      p.applicant,
      this.application('TWS 耳机主动降噪专利侵权纠纷', DisputeType.Patent, {
        ...patent('ZL202110054321.0', '一种耳机主动降噪方法'),
        statement: '被申请人销售的 A1 型 TWS 耳机使用了申请人的主动降噪方法专利；双方此前就许可费谈判未果。',
        claims: [{ kind: 'monetary', amount: '800000.00', currency: 'CNY' }],
      }),
    );
    const a = cast(p.mediatorWang);
    await this.loop.assign(mediating, p.admin, a.mediator);
    await this.loop.respondentAgrees(mediating, a.respondent, true);
    await this.loop.acknowledgeWarnings(mediating, a);
    await this.loop.scheduleJointSession(mediating, a.mediator, '第一次联席会议 First joint session');
    await this.loop.post(mediating, a.mediator, MediationChannel.Joint, '各位好，联席会议定于明天上午十点，请提前测试音视频并备好身份证件。');
    await this.loop.post(mediating, a.applicant, MediationChannel.Joint, '我方愿意在合理许可费的基础上和解，前提是旧款停止销售。');
    await this.loop.post(mediating, a.respondent, MediationChannel.Joint, '我方承认 A1 型使用了该方法，希望讨论一次性补偿加后续许可。');
    await this.loop.post(mediating, a.applicant, MediationChannel.ApplicantCaucus, '（仅调解员可见）我方底线：一次性 55 万元，A1 型下架。');
    await this.loop.post(mediating, a.respondent, MediationChannel.RespondentCaucus, '（仅调解员可见）公司授权上限 45 万元，需分两期支付。');
    const opening = await this.loop.offer(mediating, a.respondent, cny('300000.00', 30));
    await this.loop.offer(mediating, a.applicant, cny('600000.00', 20), opening);

    // (b) Signing: version 1 frozen; the applicant and the mediator signed, the respondent has not.
    const signing = await this.acceptedApplication(
      p,
      p.applicant,
      this.application('产品说明书及宣传图片著作权侵权纠纷', DisputeType.Copyright, {
        ipRights: [{ kind: IpRightKind.Copyright, number: '国作登字-2024-F-00123456', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: '甲科技无线充电器产品摄影作品' }],
        statement: '被申请人在其网店中使用了申请人拍摄的产品图片及说明书文字。',
        claims: [{ kind: 'monetary', amount: '100000.00', currency: 'CNY' }],
      }),
    );
    const b = cast(p.mediatorChen);
    await this.loop.assign(signing, p.admin, b.mediator);
    await this.loop.respondentAgrees(signing, b.respondent, true);
    const bHash = await this.loop.proposeAgreement(signing, b.mediator, {
      language: 'zh-CN',
      result: '被申请人删除全部侵权图片及文字，并赔偿申请人经济损失人民币 80,000 元。',
      obligations: [owed.money('pay', '80000.00', 'CNY', 15, '汇至申请人指定账户'), owed.act('delist', '删除网店中的侵权图片及说明书文字', 7)],
      representatives: REPRESENTATIVES,
      respondentIdNumber: '91440300MA5G8K2L3N',
    });
    for (const signer of [b.applicant, b.mediator]) await this.loop.sign(signing, signer, bHash);

    // (c) Settled: an English agreement signed by everyone and in effect; its three obligations are tracked.
    const settled = await this.acceptedApplication(
      p,
      p.foreignApplicant,
      this.foreignApplication(
        'Sensor distribution agreement: unpaid invoices and returned stock',
        'Northwind GmbH supplied sensors under a 2023 distribution agreement; two invoices remain unpaid and unsold stock is disputed.',
      ),
    );
    const c = cast(p.mediatorSmith, p.foreignApplicant);
    await this.loop.assign(settled, p.admin, c.mediator);
    await this.loop.respondentAgrees(settled, c.respondent, true);
    const cHash = await this.loop.proposeAgreement(settled, c.mediator, {
      language: 'en',
      result: 'The respondent pays EUR 70,000.00 in two instalments and returns the unsold sensor stock.',
      obligations: [
        {
          id: 'pay',
          kind: 'money',
          obligorSide: PartySide.Respondent,
          beneficiarySide: PartySide.Applicant,
          amount: '70000.00',
          currency: 'EUR',
          instalments: [
            { amount: '40000.00', due: { daysAfterEffective: 30 } },
            { amount: '30000.00', due: { daysAfterEffective: 60 } },
          ],
        },
        owed.act('stock', 'Return the unsold sensor stock to Northwind’s Shanghai warehouse', 20),
      ],
      representatives: { applicant: 'Dr. Anna Weber', respondent: '李强 (Li Qiang)' },
      respondentIdNumber: '91440300MA5G8K2L3N',
    });
    for (const signer of [c.applicant, c.respondent, c.mediator]) await this.loop.sign(settled, signer, cHash);

    // (d) Confirmed by the demo court: docketed, ruled on; one obligation performed and confirmed, one open.
    const confirmed = await this.acceptedReferral(
      p,
      this.application('诉前委派：移动电源外观设计专利侵权纠纷', DisputeType.Design, {
        ipRights: [{ kind: IpRightKind.Design, number: 'ZL202230011223.3', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: '移动电源（P10）' }],
        statement: '被申请人制造、销售的移动电源与申请人外观设计专利 P10 近似。',
        claims: [{ kind: 'monetary', amount: '200000.00', currency: 'CNY' }],
      }),
      '(2026)浙01民诉前调1031号',
    );
    const d = cast(p.mediatorWang);
    await this.loop.assign(confirmed, p.admin, d.mediator);
    await this.loop.respondentAgrees(confirmed, d.respondent, false);
    const dHash = await this.loop.proposeAgreement(confirmed, d.mediator, {
      language: 'zh-CN',
      result: '被申请人停止制造、销售被诉移动电源，销毁专用模具，并赔偿申请人人民币 120,000 元。',
      obligations: [owed.act('stop', '停止制造、销售被诉移动电源并销毁专用模具', 10), owed.money('pay', '120000.00', 'CNY', 30, '汇至申请人指定账户')],
      representatives: REPRESENTATIVES,
      respondentIdNumber: '91440300MA5G8K2L3N',
    });
    for (const signer of [d.applicant, d.respondent, d.mediator]) await this.loop.sign(confirmed, signer, dHash);
    await this.loop.confirmInCourt(confirmed, d, { id: court.id, clerk: p.clerk, judge: p.judge });
    await this.loop.perform(confirmed, 'stop', d.respondent, d.applicant, { filename: '模具销毁记录.pdf', evidence: DEMO_EVIDENCE.mouldDestruction });

    // (e) Closed as fulfilled: every obligation reported and confirmed; the archive job then seals it.
    const fulfilled = await this.acceptedApplication(
      p,
      p.applicant,
      this.application('仿冒“甲”品牌包装装潢不正当竞争纠纷', DisputeType.UnfairCompetition, {
        ipRights: [{ kind: IpRightKind.Trademark, number: '第23456789号 (Nice 9)', jurisdiction: 'CN', owner: '杭州甲科技有限公司' }],
        statement: '被申请人使用与申请人有一定影响的包装装潢近似的包装销售充电器。',
        claims: [{ kind: 'monetary', amount: '100000.00', currency: 'CNY' }],
      }),
    );
    const e = cast(p.mediatorChen);
    await this.loop.assign(fulfilled, p.admin, e.mediator);
    await this.loop.respondentAgrees(fulfilled, e.respondent, true);
    const eHash = await this.loop.proposeAgreement(fulfilled, e.mediator, {
      language: 'zh-CN',
      result: '被申请人更换产品包装，并赔偿申请人人民币 50,000 元。',
      obligations: [owed.money('pay', '50000.00', 'CNY', 10, '汇至申请人指定账户'), owed.act('repackage', '更换全部在售产品的包装装潢', 20)],
      representatives: REPRESENTATIVES,
      respondentIdNumber: '91440300MA5G8K2L3N',
    });
    for (const signer of [e.applicant, e.respondent, e.mediator]) await this.loop.sign(fulfilled, signer, eHash);
    await this.loop.perform(fulfilled, 'pay', e.respondent, e.applicant, { filename: '银行电子回单.pdf', evidence: DEMO_EVIDENCE.bankSlip });
    await this.loop.perform(fulfilled, 'repackage', e.respondent, e.applicant, { filename: '新包装照片及说明.pdf', evidence: DEMO_EVIDENCE.newPackaging });
  }
}
