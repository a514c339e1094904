// Over 300 lines on purpose: sample data for every document the platform issues and every enum value
// they print, in both languages; data, not logic.
import { agreementDocument, signedAgreementDocument } from '../agreements/agreement-document';
import type { AgreementParty, SettlementAgreementContent } from '../agreements/agreement-model';
import { SignerRole } from '../agreements/signatures';
import { archiveCoverSheet } from '../archive/archive-cover-sheet';
import { buildManifestBody, type ManifestDocument } from '../archive/archive-manifest';
import { retentionFor, retentionPolicy } from '../archive/archive-retention';
import { DisputeType } from '../cases/entities/case.entity';
import { PartySide } from '../cases/entities/case-party.entity';
import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseOutcome, CaseSource, ReferralType } from '../cases/lifecycle/case-states';
import { CLAIM_KINDS, ID_TYPES } from '../intake/application.dto';
import { EVENT_TERMS, SERVICE_METHOD_TERMS, type ServiceMethod } from '../terms/terms';
import type { HashAlgorithm } from '../common/hashing/hash-algorithm';
import { MaterialRole } from '../confirmation/confirmation-application.entity';
import { attestationDocument, confirmationApplicationDocument, rulingDocument, type AgreementFacts, type DocumentParty } from '../confirmation/confirmation-documents';
import { RejectionGround } from '../confirmation/confirmation-rules';
import { DocumentKind } from '../documents/document.entity';
import type { PdfDocumentSpec, PdfLanguage } from '../infrastructure/pdf/pdf-document.model';
import { failureReportDocument, type HandOff } from '../mediation/failure-report-document';
import { SessionKind } from '../mediation/sessions/session-rules';
import { sessionRecordDocument } from '../mediation/sessions/session-record-document';
import { CostRaisingConduct, TerminationReason } from '../mediation/termination';
import { EffectiveRule } from '../service-of-process/deemed-served';
import { noticeOfMediation, serviceCertificate } from '../service-of-process/service-documents';
import { ServicePurpose, type ServiceRecord } from '../service-of-process/service.entity';

/**
 * Every document the platform issues, built from data that reads like the demo's case file: the
 * samples `scripts/render-document-samples.cjs` renders into docs/documents/, and variants that
 * between them use every value of every enum a document prints (identity types, dispute types,
 * claim kinds, outcomes, document kinds, roles, channels, rules, grounds…), which the text test
 * renders in both languages and searches for raw values. Pure.
 */

export interface DocumentSample {
  /** File-name stem: notice-of-mediation, ruling… */
  name: string;
  spec: PdfDocumentSpec;
}

const ZONE = 'Asia/Shanghai';
const at = (iso: string): Date => new Date(iso);

const JIA = {
  name: '杭州甲科技有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91330100MA2H3X4Y5Z',
  address: '浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1201 室',
  legalRepresentative: '张伟',
  phone: '0571-8888 0000',
  email: 'legal@jia-tech.demo',
};
const YI = {
  name: '深圳乙电子有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91440300MA5G8K2L3N',
  address: '广东省深圳市南山区粤海街道科苑路 15 号科兴科学园 B 栋 9 楼',
  legalRepresentative: '李强',
  phone: '0755-8888 0000',
  email: 'legal@yi-electronics.demo',
};
const NORTHWIND = {
  name: 'Northwind GmbH',
  idType: 'business_registration',
  idNumber: 'HRB 123456 B (Amtsgericht Charlottenburg)',
  address: 'Friedrichstraße 68, 10117 Berlin, Germany',
  legalRepresentative: 'Dr. Anna Weber',
  phone: '+49 30 1234 5600',
  email: 'counsel@northwind.demo',
};

const CENTRE = '杭州知识产权与国际商事调解中心';
const COURT = '杭州市中级人民法院';

interface Cast {
  caseNumber: string;
  caseTitle: string;
  applicant: typeof JIA;
  respondent: typeof YI;
  mediator: string;
}

const CAST: Record<PdfLanguage, Cast> = {
  'zh-CN': { caseNumber: 'ACC-2026-000007', caseTitle: 'TWS 耳机主动降噪专利侵权纠纷', applicant: JIA, respondent: YI, mediator: '王建国' },
  en: {
    caseNumber: 'ACC-2026-000009',
    caseTitle: 'Sensor distribution agreement: unpaid invoices and returned stock',
    applicant: NORTHWIND,
    respondent: YI,
    mediator: 'Jane Smith',
  },
};

const agreementParty = (p: typeof JIA, side: PartySide, partyId: string, agents: AgreementParty['agents'] = []): AgreementParty => ({
  partyId,
  side,
  kind: 'organisation',
  name: p.name,
  idType: p.idType,
  idNumber: p.idNumber,
  address: p.address,
  legalRepresentative: p.legalRepresentative,
  agents,
});

function agreementContent(lang: PdfLanguage): SettlementAgreementContent {
  const c = CAST[lang];
  const zh = lang === 'zh-CN';
  return {
    language: lang,
    caseNumber: c.caseNumber,
    parties: [agreementParty(c.applicant, PartySide.Applicant, 'pa', [{ name: '李明', lawFirm: '浙江明理律师事务所' }]), agreementParty(c.respondent, PartySide.Respondent, 'pr')],
    mediator: { userId: 'm', name: c.mediator, organisation: CENTRE },
    facts: zh
      ? '申请人系专利号为 ZL202110054321.0、名称为“一种耳机主动降噪方法”的发明专利的专利权人。被申请人自 2025 年 3 月起制造、销售的 A1 型 TWS 耳机使用了该专利方法。双方此前就许可费进行过协商，未能达成一致。'
      : 'Northwind GmbH supplied sensors to the respondent under a distribution agreement of 1 March 2023. Two invoices of 2025 remain unpaid and the respondent holds unsold stock that the parties disagree about.',
    disputedIssues: zh
      ? ['被诉 A1 型耳机是否落入涉案专利的保护范围', '赔偿数额及支付方式', '库存产品的处理']
      : ['Whether the two invoices are due in full', 'What happens to the unsold stock'],
    result: zh
      ? '一、被申请人确认 A1 型耳机使用了涉案专利方法，自本协议生效之日起停止销售 A1 型耳机；\n二、被申请人赔偿申请人经济损失及维权合理开支共计人民币伍拾万元整，分两期支付；\n三、申请人放弃其他请求。'
      : '1. The respondent pays the applicant EUR 70,000.00 in two instalments in full settlement of the invoices.\n2. The respondent returns the unsold sensor stock to the applicant’s Shanghai warehouse.\n3. The parties waive all other claims arising from the distribution agreement.',
    performance: {
      obligations: [
        {
          id: 'pay',
          kind: 'money',
          obligorSide: PartySide.Respondent,
          beneficiarySide: PartySide.Applicant,
          amount: zh ? '500000.00' : '70000.00',
          currency: zh ? 'CNY' : 'EUR',
          instalments: zh
            ? [
                { amount: '300000.00', due: { daysAfterEffective: 15 } },
                { amount: '200000.00', due: { date: '2027-03-31' } },
              ]
            : [
                { amount: '40000.00', due: { daysAfterEffective: 30 } },
                { amount: '30000.00', due: { daysAfterEffective: 60 } },
              ],
          description: zh ? '汇入申请人开户行为招商银行杭州分行、账号为 5719 0000 1234 567 的账户' : 'by bank transfer to the applicant’s account IBAN DE89 3704 0044 0532 0130 00',
        },
        {
          id: 'stop',
          kind: 'act',
          obligorSide: PartySide.Respondent,
          beneficiarySide: PartySide.Applicant,
          act: zh ? '停止销售 A1 型耳机，并删除全部电商平台上的商品链接' : 'return the unsold sensor stock to Northwind’s Shanghai warehouse, Room 501, 88 Jiangchang Road',
          due: { daysAfterEffective: 10 },
        },
      ],
    },
    otherTerms: zh ? ['双方对本协议内容及调解过程保密。', '本协议一式三份，双方当事人及调解组织各执一份。'] : ['The parties keep this agreement and the mediation confidential.'],
    confirmsOwnership: false,
  };
}

const SIGNED_AT = at('2026-12-04T06:12:40Z');
const EFFECTIVE_AT = at('2026-12-06T07:30:05Z');

function signatures(lang: PdfLanguage) {
  const c = CAST[lang];
  return [
    {
      signerName: c.applicant.legalRepresentative,
      signerRole: SignerRole.Party,
      partyName: c.applicant.name,
      signedAt: SIGNED_AT,
      channel: 'sms' as const,
      destination: '+86 138****8000',
      digest: '3f9a'.repeat(16),
    },
    {
      signerName: '李明',
      signerRole: SignerRole.Agent,
      partyName: c.respondent.name,
      signedAt: at('2026-12-05T02:44:10Z'),
      channel: 'email' as const,
      destination: 'l***@mingli-law.demo',
      digest: '8c21'.repeat(16),
    },
    {
      signerName: c.mediator,
      signerRole: SignerRole.Mediator,
      partyName: null,
      signedAt: EFFECTIVE_AT,
      channel: 'sms' as const,
      destination: '+86 139****0000',
      digest: 'b7e0'.repeat(16),
    },
  ];
}

const documentParty = (p: typeof JIA, side: 'applicant' | 'respondent', idType = p.idType): DocumentParty => ({ ...p, side, kind: 'organisation', idType });

function agreementFacts(lang: PdfLanguage, algorithm: HashAlgorithm = 'sha256'): AgreementFacts {
  const c = CAST[lang];
  const zh = lang === 'zh-CN';
  return {
    version: 2,
    hashAlgorithm: algorithm,
    hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    effectiveOn: '2026-12-06',
    signedDocumentSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    result: agreementContent(lang).result,
    schedule: [
      {
        obligor: c.respondent.name,
        beneficiary: c.applicant.name,
        act: zh ? '停止销售 A1 型耳机，并删除全部电商平台上的商品链接' : 'return the unsold sensor stock',
        lastDay: '2026-12-16',
      },
      {
        obligor: c.respondent.name,
        beneficiary: c.applicant.name,
        money: { amount: zh ? '300000.00' : '40000.00', currency: zh ? 'CNY' : 'EUR', instalment: 1 },
        lastDay: '2026-12-21',
      },
      {
        obligor: c.respondent.name,
        beneficiary: c.applicant.name,
        money: { amount: zh ? '200000.00' : '30000.00', currency: zh ? 'CNY' : 'EUR', instalment: 2 },
        lastDay: '2027-03-31',
      },
    ],
  };
}

function service(over: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a01',
    caseId: 'c',
    purpose: ServicePurpose.NoticeOfMediation,
    documentId: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a02',
    documentSha256: '5d41402abc4b2a76b9719d911017c592aab7c2e5f1d8e4d3e9b2f1c0a7d6e5f4',
    partyId: 'p',
    recipientOrganisationId: null,
    recipientUserId: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a03',
    recipientName: YI.name,
    channels: ['in_app', 'email'],
    addresses: [],
    notificationIds: [],
    linkExpiresAt: null,
    sentAt: at('2026-12-01T02:00:00Z'),
    readAt: at('2026-12-01T03:15:42Z'),
    readVia: 'link',
    readIp: '203.0.113.9',
    readUserAgent: 'Mail/1.0',
    actedAt: null,
    delivered: [
      { channel: 'in_app', address: '0b6c7f0e-5a4e-4f7e-9d59-3e2f1f0c0a03', confirmed: true, deliveredAt: at('2026-12-01T02:00:00Z'), effectiveAt: null },
      { channel: 'email', address: YI.email, confirmed: true, deliveredAt: at('2026-12-01T02:00:07Z'), effectiveAt: at('2026-12-01T02:00:07Z') },
    ],
    effectiveAt: at('2026-12-01T02:00:07Z'),
    effectiveRule: EffectiveRule.ConfirmedAddressDelivered,
    effectiveChannel: 'email',
    certificateDocumentId: null,
    offlineAt: null,
    offlineBy: null,
    offlineReason: null,
    offlineMethod: null,
    offlineServedAt: null,
    createdAt: at('2026-12-01T02:00:00Z'),
    ...over,
  } as ServiceRecord;
}

function archiveBody(
  lang: PdfLanguage,
  v: {
    outcome: CaseOutcome;
    disputeType: DisputeType;
    source: CaseSource;
    referralType: ReferralType | null;
    algorithm: HashAlgorithm;
    kinds: DocumentKind[];
    events: string[];
    roles: string[];
    idTypes: string[];
  },
) {
  const c = CAST[lang];
  const start = Date.parse('2026-11-20T01:00:00Z');
  const events = v.events.map((type, i) => ({
    sequence: i + 1,
    type,
    actorId: null,
    actorRole: v.roles[i % v.roles.length],
    occurredAt: new Date(start + i * 3_600_000).toISOString(),
    payload: {},
    prevHash: i === 0 ? '0'.repeat(64) : (i - 1).toString(16).padStart(64, 'a'),
    hash: i.toString(16).padStart(64, 'a'),
    algorithm: v.algorithm,
    sealed: i % 7 === 3,
    visibleTo: i % 7 === 3 ? ['mediator'] : null,
  }));
  const documents: ManifestDocument[] = v.kinds.map((kind, i) => ({
    id: `d${i}`,
    path: `documents/${String(i + 1).padStart(3, '0')}.pdf`,
    filename: `${lang === 'zh-CN' ? '文书' : 'document'}-${c.caseNumber}-${i + 1}.pdf`,
    kind,
    visibility: 'all_parties',
    side: null,
    contentType: 'application/pdf',
    size: 48_213 + i * 1_021,
    hash: (i + 1).toString(16).padStart(64, 'c'),
    sha256: (i + 1).toString(16).padStart(64, 'd'),
    uploadedBy: null,
    uploadedAt: new Date(start + i * 86_400_000).toISOString(),
    supersedesId: null,
    sealed: kind === DocumentKind.SessionRecord,
    visibleTo: kind === DocumentKind.SessionRecord ? ['mediator'] : null,
  }));
  const closedAt = at('2026-12-20T08:00:00Z');
  const body = buildManifestBody({
    input: {
      case: {
        id: 'c',
        number: c.caseNumber,
        title: c.caseTitle,
        disputeType: v.disputeType,
        source: v.source,
        referralType: v.referralType,
        referralNumber: v.referralType ? '(2026)浙01民诉前调1031号' : null,
        outcome: v.outcome,
        outcomeReason: null,
        foreignElement: lang === 'en',
        parties: v.idTypes.map((idType, i) => ({
          side: i === 0 ? 'applicant' : 'respondent',
          position: i === 0 ? 1 : i,
          kind: idType === 'resident_id_card' || idType === 'passport' ? 'person' : 'organisation',
          name: i === 0 ? c.applicant.name : i === 1 ? c.respondent.name : `${lang === 'zh-CN' ? '第三方' : 'Party'} ${i}`,
          idType,
          idNumber: i === 0 ? c.applicant.idNumber : i === 1 ? c.respondent.idNumber : `A${1000 + i}`,
        })),
        createdAt: at('2026-11-20T01:00:00Z'),
        submittedAt: at('2026-11-20T01:30:00Z'),
        closedAt,
      },
      events: [],
      documents: [],
    },
    algorithm: v.algorithm,
    archivedAt: at('2026-12-20T09:00:00Z'),
    retention: retentionFor(retentionPolicy(30), v.outcome, closedAt, ZONE),
    documents,
  });
  return { ...body, events, eventChain: { count: events.length, lastHash: events.at(-1)?.hash ?? '' } };
}

const STANDARD_KINDS = [
  DocumentKind.Evidence,
  DocumentKind.NoticeOfMediation,
  DocumentKind.ServiceCertificate,
  DocumentKind.SessionRecord,
  DocumentKind.SignedAgreement,
  DocumentKind.ConfirmationApplication,
  DocumentKind.Ruling,
  DocumentKind.PerformanceProof,
];
/** A closed case's record, each step with the role that took it. */
const STANDARD_RECORD: readonly [string, CaseRole][] = [
  [CaseEvent.Submit, CaseRole.Applicant],
  [CaseEvent.Accept, CaseRole.Intake],
  [CaseEvent.OfferToMediator, CaseRole.System],
  [CaseEvent.MediatorAccept, CaseRole.Mediator],
  ['document_served', CaseRole.System],
  [CaseEvent.RespondentAgree, CaseRole.Respondent],
  [CaseEvent.StartMediation, CaseRole.System],
  ['session_record_frozen', CaseRole.Mediator],
  [CaseEvent.ProposeAgreement, CaseRole.Mediator],
  [CaseEvent.Sign, CaseRole.Applicant],
  [CaseEvent.Sign, CaseRole.RespondentAgent],
  [CaseEvent.AgreementEffective, CaseRole.System],
  [CaseEvent.ApplyConfirmation, CaseRole.Applicant],
  [CaseEvent.CourtDocket, CaseRole.ConfirmingCourt],
  [CaseEvent.Confirm, CaseRole.ConfirmingJudge],
  ['reported', CaseRole.Respondent],
  ['confirmed', CaseRole.Applicant],
  [CaseEvent.ObligationsFulfilled, CaseRole.System],
];
const STANDARD_EVENTS = STANDARD_RECORD.map(([e]) => e);
const STANDARD_ROLES = STANDARD_RECORD.map(([, r]) => r);

const rotate = <T>(values: readonly T[], i: number): T => values[i % values.length];

/** One document of each type, as the demo case file has it. */
export function documentSamples(lang: PdfLanguage): DocumentSample[] {
  return documentFamilies(lang).map((family) => ({ name: family.name, spec: family.variants[0] }));
}

/** Every document type, each in enough variants to print every value of every enum it uses. */
export function documentFamilies(lang: PdfLanguage): { name: string; variants: PdfDocumentSpec[] }[] {
  const c = CAST[lang];
  const zh = lang === 'zh-CN';
  const disputeTypes = Object.values(DisputeType);
  const applicantNames = [c.applicant.name];
  const respondentNames = [c.respondent.name];

  const notices = disputeTypes.map((disputeType, i) =>
    noticeOfMediation(
      {
        documentId: `${c.caseNumber}-NOTICE`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        disputeType,
        statement: zh
          ? '申请人系 ZL202110054321.0 号发明专利的专利权人。被申请人自 2025 年 3 月起在其电商店铺销售的 A1 型 TWS 耳机使用了该专利的主动降噪方法，申请人两次发函要求停止侵权，被申请人未予回应。'
          : 'Northwind GmbH supplied sensors to the respondent under a distribution agreement of 1 March 2023. Two invoices issued in 2025 remain unpaid despite two reminders, and the respondent refuses to return the unsold stock.',
        claims:
          i === 0
            ? CLAIM_KINDS.map((kind) =>
                kind === 'monetary'
                  ? { kind, amount: zh ? '800000.00' : '86000.00', currency: zh ? 'CNY' : 'EUR' }
                  : { kind, description: zh ? '依申请书所列' : 'as set out in the application' },
              )
            : [{ kind: 'monetary', amount: '800000.00', currency: 'CNY' }],
        applicants: i % 3 === 2 ? [...applicantNames, '杭州甲科技有限公司上海分公司'] : applicantNames,
        respondents: respondentNames,
        mediatorName: c.mediator,
        organisation: i === 1 ? null : CENTRE,
        answerWorkingDays: 3,
        issuedAt: at('2026-12-01T02:00:00Z'),
        timeZone: ZONE,
      },
      lang,
    ),
  );

  const rules = Object.values(EffectiveRule);
  const methods = Object.keys(SERVICE_METHOD_TERMS) as ServiceMethod[];
  const certificates = rules.map((rule, i) =>
    serviceCertificate(
      {
        certificateId: `${c.caseNumber}-SC-0B6C7F0E`,
        service: service({
          effectiveRule: rule,
          channels: i === 0 ? ['in_app', 'email'] : ['in_app', 'email', 'sms'],
          ...(rule === EffectiveRule.ActedUpon && { actedAt: at('2026-12-01T05:00:00Z'), effectiveChannel: null }),
          ...(rule === EffectiveRule.Read && { effectiveChannel: null }),
          ...(i > 0 && {
            delivered: [...service().delivered, { channel: 'sms', address: '+86 138 0013 8000', confirmed: false, deliveredAt: null, effectiveAt: null }],
            readVia: 'platform' as const,
          }),
          ...(rule === EffectiveRule.Offline && {
            offlineAt: at('2026-12-03T02:00:00Z'),
            offlineMethod: rotate(methods, 0),
            offlineReason: zh ? '电子送达未能到达，改为邮寄' : 'electronic service failed; served by post',
            offlineServedAt: at('2026-12-03T02:00:00Z'),
            effectiveChannel: null,
          }),
        }),
        caseNumber: c.caseNumber,
        documentName: zh ? `调解通知书-${c.caseNumber}.pdf` : `notice-of-mediation-${c.caseNumber}.pdf`,
        documentKind: rotate(Object.values(DocumentKind), i + 9),
        recipientAccount: i === 2 ? null : YI.email,
        issuedAt: at('2026-12-02T01:00:00Z'),
        timeZone: ZONE,
      },
      lang,
    ),
  );
  // Every offline method.
  for (const method of methods.slice(1)) {
    certificates.push(
      serviceCertificate(
        {
          certificateId: `${c.caseNumber}-SC-1`,
          service: service({
            effectiveRule: EffectiveRule.Offline,
            offlineAt: at('2026-12-03T02:00:00Z'),
            offlineMethod: method,
            offlineReason: null,
            offlineServedAt: null,
            readAt: null,
          }),
          caseNumber: c.caseNumber,
          documentName: zh ? `民事裁定书-${c.caseNumber}.pdf` : `ruling-${c.caseNumber}.pdf`,
          documentKind: method === 'other' ? null : DocumentKind.Ruling,
          recipientAccount: null,
          issuedAt: at('2026-12-04T01:00:00Z'),
          timeZone: ZONE,
        },
        lang,
      ),
    );
  }

  const content = agreementContent(lang);
  const idTypes = [...ID_TYPES];
  const withIdTypes: SettlementAgreementContent = {
    ...content,
    parties: idTypes.map((idType, i) => ({
      ...content.parties[i % 2],
      partyId: `p${i}`,
      side: i % 2 === 0 ? PartySide.Applicant : PartySide.Respondent,
      idType,
      kind: idType === 'resident_id_card' || idType === 'passport' ? 'person' : 'organisation',
      legalRepresentative: null,
      agents: [],
    })),
    performance: { obligations: content.performance.obligations.map((o) => ({ ...o, obligorPartyIds: undefined, beneficiaryPartyIds: undefined })) },
    confirmsOwnership: true,
  };
  const agreements = [
    agreementDocument(content, { documentId: `${c.caseNumber}-AGREEMENT-V2`, version: 2, frozenAt: at('2026-12-04T02:00:00Z'), timeZone: ZONE }),
    agreementDocument(withIdTypes, { documentId: `${c.caseNumber}-AGREEMENT-V3`, version: 3, frozenAt: at('2026-12-04T02:00:00Z'), timeZone: ZONE }),
  ];
  const signedMeta = (algorithm: HashAlgorithm) => ({
    documentId: `${c.caseNumber}-AGREEMENT-V2-SIGNED`,
    version: 2,
    frozenAt: at('2026-12-04T02:00:00Z'),
    timeZone: ZONE,
    versionHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    hashAlgorithm: algorithm,
    frozenDocumentSha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    effectiveAt: EFFECTIVE_AT,
    signatures: signatures(lang),
  });
  const signedAgreements = [
    signedAgreementDocument(content, signedMeta('sha256')),
    signedAgreementDocument({ ...content, mediator: { ...content.mediator, organisation: null } }, signedMeta('sm3')),
  ];

  const consented = (p: DocumentParty, i: number) => ({ ...p, consentedAt: at(`2026-12-0${7 + i}T02:00:00Z`), consentedBy: i === 0 ? (p.legalRepresentative ?? p.name) : p.name });
  const parties = [documentParty(c.applicant, 'applicant'), documentParty(c.respondent, 'respondent')];
  const materials = Object.values(MaterialRole).map((role, i) => ({
    name: [
      zh ? `调解协议书-${c.caseNumber}-已签署.pdf` : `settlement-agreement-${c.caseNumber}-signed.pdf`,
      zh ? `调解通知书-${c.caseNumber}.pdf` : `notice-of-mediation-${c.caseNumber}.pdf`,
      zh ? '营业执照.pdf' : 'commercial-register-extract.pdf',
      zh ? '专利证书.pdf' : 'distribution-agreement.pdf',
      zh ? '法定代表人身份证明书.pdf' : 'certificate-of-incumbency.pdf',
    ][i % 5],
    role,
    sha256: (i + 10).toString(16).padStart(64, 'f'),
  }));
  const applications = [
    confirmationApplicationDocument(
      {
        documentId: `${c.caseNumber}-CA-7D2E1A9B`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        court: COURT,
        parties: parties.map(consented),
        mediator: { name: c.mediator, organisation: CENTRE },
        agreement: agreementFacts(lang),
        materials,
        lodgedAt: at('2026-12-08T03:00:00Z'),
        timeZone: ZONE,
      },
      lang,
    ),
    confirmationApplicationDocument(
      {
        documentId: `${c.caseNumber}-CA-2`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        court: COURT,
        parties: idTypes.map((idType, i) => consented({ ...parties[i % 2], idType, legalRepresentative: null }, i % 2)),
        mediator: { name: c.mediator, organisation: null },
        agreement: agreementFacts(lang, 'sm3'),
        materials,
        lodgedAt: at('2026-12-08T03:00:00Z'),
        timeZone: ZONE,
      },
      lang,
    ),
  ];

  const rulingBase = {
    documentId: '(2026)浙01民特调确5号',
    court: COURT,
    docketNumber: '(2026)浙01民特调确5号',
    parties,
    mediator: { name: c.mediator, organisation: CENTRE },
    agreement: agreementFacts(lang),
    lodgedOn: '2026-12-08',
    docketedOn: '2026-12-09',
    judge: '王立新',
    clerk: '周敏',
    decidedAt: at('2026-12-15T02:00:00Z'),
    timeZone: ZONE,
  };
  const rulings = [
    rulingDocument({ ...rulingBase, outcome: 'confirmed' }, lang),
    rulingDocument(
      {
        ...rulingBase,
        outcome: 'rejected',
        grounds: Object.values(RejectionGround),
        explanation: zh ? '协议未载明收款账户' : 'The agreement names no account for payment',
        clerk: null,
        parties: idTypes.map((idType, i) => ({ ...parties[i % 2], idType })),
      },
      lang,
    ),
  ];

  const attestations = [
    attestationDocument(
      {
        documentId: `${c.caseNumber}-AT-V2`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        parties,
        mediator: { name: c.mediator, organisation: CENTRE },
        agreement: agreementFacts(lang),
        effectiveAt: EFFECTIVE_AT,
        issuedAt: at('2026-12-18T02:00:00Z'),
        confirmation: { court: COURT, docketNumber: '(2026)浙01民特调确5号' },
        timeZone: ZONE,
      },
      lang,
    ),
    attestationDocument(
      {
        documentId: `${c.caseNumber}-AT-V3`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        parties,
        mediator: { name: c.mediator, organisation: null },
        agreement: agreementFacts(lang, 'sm3'),
        effectiveAt: EFFECTIVE_AT,
        issuedAt: at('2026-12-18T02:00:00Z'),
        confirmation: null,
        timeZone: ZONE,
      },
      lang,
    ),
  ];

  const handOffs: HandOff[] = ['court_registration', 'back_to_trial', 'none'];
  const reasons = Object.values(TerminationReason);
  const failureReports = handOffs.map((handOff, i) =>
    failureReportDocument(
      {
        documentId: `${c.caseNumber}-FR`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        disputeType: rotate(disputeTypes, i),
        applicants: applicantNames,
        respondents: respondentNames,
        mediatorName: c.mediator,
        organisation: i === 2 ? null : CENTRE,
        court: handOff === 'none' ? null : { name: COURT, referralNumber: i === 0 ? '(2026)浙01民诉前调1024号' : null },
        handOff,
        mediationStartedAt: i === 1 ? null : at('2026-11-25T02:00:00Z'),
        endedAt: at('2026-12-24T09:00:00Z'),
        reasons: i === 0 ? [TerminationReason.RefusesToContinue, TerminationReason.PositionsTooFarApart] : reasons,
        partiesConcerned: [{ partyName: c.respondent.name, reason: TerminationReason.RefusesToContinue }],
        explanation: zh
          ? '经三次联席调解和两次背对背调解，双方对赔偿数额分歧较大，被申请人明确表示不再继续调解。'
          : 'After three joint sessions and two caucuses the parties remained far apart on the amount, and the respondent said it would not continue.',
        costRaisingConduct:
          i === 1 ? [] : Object.values(CostRaisingConduct).map((kind) => ({ partyName: c.respondent.name, kind, description: zh ? '详见调解笔录。' : 'See the session records.' })),
        preparedBy: i === 2 ? null : c.mediator,
        preparedAt: at('2026-12-24T09:00:00Z'),
        timeZone: ZONE,
      },
      lang,
    ),
  );

  const sessionRecords = [SessionKind.Joint, SessionKind.Caucus, SessionKind.Caucus].map((kind, i) =>
    sessionRecordDocument(
      {
        documentId: `${c.caseNumber}-SR-${i + 1}`,
        caseNumber: c.caseNumber,
        caseTitle: c.caseTitle,
        kind,
        side: kind === SessionKind.Caucus ? (i === 1 ? 'applicant' : 'respondent') : null,
        startedAt: at('2026-12-02T02:00:00Z'),
        endedAt: i === 2 ? null : at('2026-12-02T03:30:00Z'),
        mediatorName: c.mediator,
        attendance: [
          { name: c.applicant.legalRepresentative, side: 'applicant', agent: false, joinedAt: at('2026-12-02T01:58:00Z'), absent: false },
          { name: '李明', side: 'respondent', agent: true, joinedAt: null, absent: i === 0 },
          { name: c.respondent.legalRepresentative, side: 'respondent', agent: false, joinedAt: null, absent: false },
        ],
        text: zh
          ? '调解员说明调解规则及保密义务。申请人陈述了专利权利基础及侵权事实；被申请人认可 A1 型耳机使用了涉案方法，对赔偿数额有异议。双方同意下次会议前各自提交损失及获利的计算依据。'
          : 'The mediator explained the rules and the duty of confidentiality. The applicant set out the unpaid invoices; the respondent accepted the delivery dates but disputes the stock. Both sides will send their figures before the next session.',
        revision: 1,
        recordHash: 'a1b2'.repeat(16),
        writtenAt: at('2026-12-02T04:00:00Z'),
        confirmations: [{ name: c.applicant.legalRepresentative, confirmedAt: at('2026-12-02T05:00:00Z') }],
        frozenAt: at('2026-12-02T06:00:00Z'),
      },
      lang,
      ZONE,
    ),
  );

  const outcomes = Object.values(CaseOutcome);
  const kinds = Object.values(DocumentKind);
  const events = [...Object.values(CaseEvent), ...Object.keys(EVENT_TERMS).filter((k) => !(Object.values(CaseEvent) as string[]).includes(k)), 'an_event_added_later'];
  const roles = Object.values(CaseRole);
  const sources = Object.values(CaseSource);
  const referrals = [null, ...Object.values(ReferralType)];
  const covers = [
    archiveCoverSheet(
      archiveBody(lang, {
        outcome: CaseOutcome.Fulfilled,
        disputeType: lang === 'zh-CN' ? DisputeType.Patent : DisputeType.InternationalCommercial,
        source: CaseSource.OnlineApplication,
        referralType: null,
        algorithm: 'sha256',
        kinds: STANDARD_KINDS,
        events: STANDARD_EVENTS,
        roles: STANDARD_ROLES,
        idTypes: [c.applicant.idType, c.respondent.idType],
      }),
      lang,
      { timeZone: ZONE, issuer: CENTRE, verifyUrl: 'https://accord.example.cn' },
    ),
    ...outcomes.map((outcome, i) =>
      archiveCoverSheet(
        archiveBody(lang, {
          outcome,
          disputeType: rotate(disputeTypes, i),
          source: rotate(sources, i),
          referralType: rotate(referrals, i),
          algorithm: i % 2 === 0 ? 'sm3' : 'sha256',
          kinds: i === 0 ? kinds : STANDARD_KINDS.slice(0, 2),
          events: i === 0 ? events : STANDARD_EVENTS.slice(0, 3),
          roles,
          idTypes: i === 0 ? idTypes : [c.applicant.idType],
        }),
        lang,
        { timeZone: ZONE },
      ),
    ),
  ];

  return [
    { name: 'notice-of-mediation', variants: notices },
    { name: 'certificate-of-service', variants: certificates },
    { name: 'settlement-agreement', variants: agreements },
    { name: 'settlement-agreement-signed', variants: signedAgreements },
    { name: 'session-record', variants: sessionRecords },
    { name: 'termination-of-mediation', variants: failureReports },
    { name: 'application-for-judicial-confirmation', variants: applications },
    { name: 'ruling', variants: rulings },
    { name: 'attestation', variants: attestations },
    { name: 'archive-cover-and-catalogue', variants: covers },
  ];
}
