import { freezeAgreementVersion, type Obligation, type SettlementAgreementContent } from '../../src/agreements/agreement-model';
import { AgreementVersionRecord, AgreementVersionStatus } from '../../src/agreements/agreement-version.entity';
import { CaseEventLog } from '../../src/cases/case-event-log.service';
import { Case } from '../../src/cases/entities/case.entity';
import { CaseParty, PartySide } from '../../src/cases/entities/case-party.entity';
import { CaseRole } from '../../src/cases/lifecycle/case-roles';
import { CaseStatus } from '../../src/cases/lifecycle/case-states';
import { DocumentKind, DocumentVisibility } from '../../src/documents/document.entity';
import { DocumentsService } from '../../src/documents/documents.service';
import { Clock } from '../../src/infrastructure/clock/clock';
import { PerformanceTracking } from '../../src/performance/performance-tracking';
import { caseInState, pdfBytes } from './case-fixtures';
import { GlobalRole } from '../../src/auth/roles';
import { MembershipRole } from '../../src/organisations/membership.entity';
import { CourtLevel, Organisation, OrganisationKind } from '../../src/organisations/organisation.entity';
import { addMembership, createOrganisation, signedInUser, type SignedIn } from './factories';
import type { TestApp } from './test-app';

export interface SettledCase {
  case: Case;
  version: AgreementVersionRecord;
  applicantPartyId: string;
  respondentPartyId: string;
}

/**
 * The default schedule: the respondent pays 50,000 CNY in two instalments (10 and 20 days after
 * effect) and stops selling within 15 days; three tracked items.
 */
export const DEFAULT_OBLIGATIONS: Obligation[] = [
  {
    id: 'pay',
    kind: 'money',
    obligorSide: PartySide.Respondent,
    beneficiarySide: PartySide.Applicant,
    amount: '50000.00',
    currency: 'CNY',
    instalments: [
      { amount: '20000.00', due: { daysAfterEffective: 10 } },
      { amount: '30000.00', due: { daysAfterEffective: 20 } },
    ],
    description: 'By bank transfer to the applicant’s account',
  },
  {
    id: 'stop',
    kind: 'act',
    obligorSide: PartySide.Respondent,
    beneficiarySide: PartySide.Applicant,
    act: 'Stop selling the infringing goods and delist them',
    due: { daysAfterEffective: 15 },
  },
];

/**
 * A case in `settled` with an effective agreement, as the signing flow of issue 8 leaves it: the
 * frozen agreement PDF, the signed PDF, the notice of mediation (proof the mediation took place),
 * the `agreement_versions` row with status `effective`, and the obligations tracked.
 */
export async function settledCase(
  t: TestApp,
  options: {
    applicant: SignedIn;
    respondent: SignedIn;
    mediator: SignedIn;
    referringCourtId?: string | null;
    respondentOrganisationId?: string | null;
    confirmsOwnership?: boolean;
    effectiveAt?: Date;
    obligations?: Obligation[];
    foreignElement?: boolean;
    /** false: leave the schedule untracked, as an agreement marked effective after its transition would be. */
    track?: boolean;
  },
): Promise<SettledCase> {
  const c = await caseInState(t, {
    status: CaseStatus.Settled,
    createdBy: options.applicant.user.id,
    applicantUserId: options.applicant.user.id,
    respondentUserId: options.respondent.user.id,
    respondentServed: true,
    mediatorId: options.mediator.user.id,
    referringCourtId: options.referringCourtId ?? null,
    respondentOrganisationId: options.respondentOrganisationId ?? null,
  });
  if (options.foreignElement) await t.db.getRepository(Case).update({ id: c.id }, { foreignElement: true });
  const parties = await t.db.getRepository(CaseParty).find({ where: { caseId: c.id } });
  const applicant = parties.find((p) => p.side === PartySide.Applicant)!;
  const respondent = parties.find((p) => p.side === PartySide.Respondent)!;
  await t.db
    .getRepository(CaseParty)
    .update({ id: applicant.id }, { idType: 'resident_id_card', idNumber: '330106199001011234', phone: '+8613800138001', address: '杭州市西湖区文三路 1 号' });
  await t.db.getRepository(CaseParty).update({ id: respondent.id }, { idType: 'unified_social_credit_code', idNumber: '91440300MA5XXXXX1A', phone: '+8675588880000' });

  const documents = t.app.get(DocumentsService);
  const generated = (kind: DocumentKind, filename: string, text: string) =>
    documents.addGenerated({
      caseId: c.id,
      kind,
      visibility: DocumentVisibility.AllParties,
      filename,
      contentType: 'application/pdf',
      bytes: pdfBytes(text),
      actorId: null,
      actorRole: CaseRole.System,
    });
  await generated(DocumentKind.NoticeOfMediation, `notice-of-mediation-${c.number}.pdf`, 'notice of mediation');
  const frozen = await generated(DocumentKind.Agreement, `settlement-agreement-${c.number}-v1.pdf`, 'settlement agreement v1');
  const signed = await generated(DocumentKind.SignedAgreement, `signed-settlement-agreement-${c.number}.pdf`, 'signed settlement agreement v1');

  const content: SettlementAgreementContent = {
    language: 'en',
    caseNumber: c.number,
    parties: [
      {
        partyId: applicant.id,
        side: PartySide.Applicant,
        kind: 'person',
        name: applicant.name,
        idType: 'resident_id_card',
        idNumber: '330106199001011234',
        address: '杭州市西湖区文三路 1 号',
      },
      {
        partyId: respondent.id,
        side: PartySide.Respondent,
        kind: 'organisation',
        name: respondent.name,
        idType: 'unified_social_credit_code',
        idNumber: '91440300MA5XXXXX1A',
        legalRepresentative: 'Li Si',
      },
    ],
    mediator: { userId: options.mediator.user.id, name: options.mediator.user.displayName, organisation: 'Hangzhou IP Mediation Centre' },
    facts: 'The respondent sold goods bearing a mark identical to the applicant’s registered trademark.',
    disputedIssues: ['Whether the use infringed the registered trademark', 'The amount of damages'],
    result: 'The respondent pays damages of CNY 50,000 in two instalments and stops selling the goods.',
    performance: { obligations: options.obligations ?? DEFAULT_OBLIGATIONS },
    confirmsOwnership: options.confirmsOwnership ?? false,
  };
  const effectiveAt = options.effectiveAt ?? t.app.get(Clock).now();
  const frozenAt = new Date(effectiveAt.getTime() - 3_600_000);
  const freeze = freezeAgreementVersion({ caseId: c.id, version: 1, frozenAt, content, documentHash: frozen.sha256 });
  if (!freeze.ok) throw new Error(`fixture agreement is invalid: ${JSON.stringify(freeze.errors)}`);
  const version = await t.db.getRepository(AgreementVersionRecord).save({
    caseId: c.id,
    version: 1,
    content,
    hashAlgorithm: 'sha256',
    hash: freeze.hash,
    documentId: frozen.id,
    confirmsOwnership: content.confirmsOwnership,
    status: AgreementVersionStatus.Effective,
    frozenAt,
    frozenBy: options.mediator.user.id,
    voidedAt: null,
    voidReason: null,
    effectiveAt,
    signedDocumentId: signed.id,
  });
  // What the agreement_effective transition does (issue 8 fires it): the schedule is tracked.
  if (options.track !== false)
    await t.db.transaction(async (tx) => {
      await t.app.get(CaseEventLog).lockCase(tx, c.id);
      await t.app.get(PerformanceTracking).track(tx, c.id);
    });
  return { case: c, version, applicantPartyId: applicant.id, respondentPartyId: respondent.id };
}

export interface CourtStaff {
  courtId: string;
  clerk: SignedIn;
  judge: SignedIn;
}

/** A basic court in `region` with a clerk and a judge. */
export async function courtWithStaff(t: TestApp, name: string, region: string): Promise<CourtStaff> {
  const org = await createOrganisation(t.db, { kind: OrganisationKind.Court, name, region });
  await t.db.getRepository(Organisation).update({ id: org.id }, { courtLevel: CourtLevel.Basic });
  const clerk = await signedInUser(t, { roles: [GlobalRole.CourtClerk] });
  const judge = await signedInUser(t, { roles: [GlobalRole.Judge], displayName: `Judge of ${name}` });
  await addMembership(t.db, clerk.user.id, org.id, MembershipRole.Member);
  await addMembership(t.db, judge.user.id, org.id, MembershipRole.Member);
  return { courtId: org.id, clerk, judge };
}

/** Through HTTP, as the people would: the applicant applies to `courtId`, the respondent consents, the clerk dockets, the judge confirms. */
export async function confirmThroughCourt(
  t: TestApp,
  caseId: string,
  people: { applicant: SignedIn; respondent: SignedIn } & CourtStaff,
): Promise<{ applicationId: string; docketNumber: string }> {
  const started = await t.http.post(`/api/v1/cases/${caseId}/confirmation-applications`).set('Authorization', people.applicant.bearer).send({ courtId: people.courtId });
  if (started.status !== 201) throw new Error(`apply: ${started.status} ${JSON.stringify(started.body)}`);
  const applicationId = started.body.id as string;
  const steps: [SignedIn, string, Record<string, unknown>][] = [
    [people.respondent, 'consents', {}],
    [people.clerk, 'docket', {}],
    [people.judge, 'confirm', {}],
  ];
  let last: { body: { docket: { number: string } } } | undefined;
  for (const [who, step, body] of steps) {
    const res = await t.http.post(`/api/v1/confirmation-applications/${applicationId}/${step}`).set('Authorization', who.bearer).send(body);
    if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res;
  }
  return { applicationId, docketNumber: last!.body.docket.number };
}
