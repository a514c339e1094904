import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseEventLog } from '../../src/cases/case-event-log.service';
import { refreshSearchText } from '../../src/intake/application-writer';
import { CaseAgent } from '../../src/cases/entities/case-agent.entity';
import { Case, DisputeType } from '../../src/cases/entities/case.entity';
import { CaseParty, EServiceConsentBasis, PartySide } from '../../src/cases/entities/case-party.entity';
import { CaseSource, CaseStatus, ReferralType } from '../../src/cases/lifecycle/case-states';
import type { TestApp } from './test-app';

/** A complete online application (docs/procedural-rules.md A2), for the applicant whose e-mail is given. */
export function applicationBody(applicantEmail: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Infringement of invention patent ZL202310012345.6',
    disputeType: 'patent',
    statement: 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.',
    claims: [
      { kind: 'monetary', amount: '500000.00', currency: 'CNY' },
      { kind: 'stop_infringement', description: 'Stop making and selling the infringing chargers' },
    ],
    ipRights: [{ kind: 'patent', number: 'ZL202310012345.6', jurisdiction: 'CN', owner: '杭州甲科技有限公司', title: 'Coil alignment method', classes: ['G06F', 'H02J'] }],
    applicant: {
      kind: 'organisation',
      name: '杭州甲科技有限公司',
      legalRepresentative: '张伟',
      idType: 'unified_social_credit_code',
      idNumber: '91330100MA2H3X4Y5Z',
      phone: '+8657188880000',
      email: applicantEmail,
      address: '浙江省杭州市西湖区文三路 1 号',
      consentOnline: true,
      consentEService: true,
      eServiceBasis: EServiceConsentBasis.Express,
    },
    respondents: [
      { kind: 'organisation', name: '深圳乙电子有限公司', legalRepresentative: '李强', email: `respondent-${randomUUID().slice(0, 6)}@test.accord`, phone: '+8675588880000' },
    ],
    preferredLanguage: 'zh-CN',
    foreignElement: false,
    ...overrides,
  };
}

// The number is unique: a court refers each number once (cases_court_referral_number_key).
export const referralBody = (applicantEmail: string, overrides: Record<string, unknown> = {}) =>
  applicationBody(applicantEmail, { referralNumber: `(2026)浙01民诉前调${randomUUID().slice(0, 8)}号`, referralType: 'pre_filing', ...overrides });

/** A small real PDF. */
export const pdfBytes = (text = 'evidence'): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

export function upload(t: TestApp, bearer: string, caseId: string, options: { kind?: string; visibility?: string; filename?: string; bytes?: Buffer } = {}) {
  const query = new URLSearchParams({ kind: options.kind ?? 'evidence', ...(options.visibility ? { visibility: options.visibility } : {}) });
  return (
    t.http
      .post(`/api/v1/cases/${caseId}/documents?${query}`)
      .set('Authorization', bearer)
      // `filepath` makes form-data send the name as given (it would trim a path otherwise), as an attacker would.
      .attach('file', options.bytes ?? pdfBytes(), { filename: options.filename ?? 'evidence.pdf', filepath: options.filename ?? 'evidence.pdf' } as never)
  );
}

/**
 * A case straight in the database in any state, with its people attached, and a valid first
 * event in its chain: for tests about later stages and access, not about how it got there.
 */
export async function caseInState(
  t: TestApp,
  options: {
    status: CaseStatus;
    createdBy: string;
    applicantUserId?: string | null;
    respondentUserId?: string | null;
    respondentServed?: boolean;
    agents?: { userId: string; side: PartySide }[];
    mediatorId?: string | null;
    referringCourtId?: string | null;
    respondentOrganisationId?: string | null;
  },
): Promise<Case> {
  const db: DataSource = t.db;
  const number = `ACC-TEST-${randomUUID().slice(0, 8)}`;
  const closed = [CaseStatus.Closed, CaseStatus.Archived].includes(options.status);
  const c = await db.getRepository(Case).save({
    number,
    status: options.status,
    version: 1,
    source: options.referringCourtId ? CaseSource.CourtReferral : CaseSource.OnlineApplication,
    referralType: options.referringCourtId ? ReferralType.PreFiling : null,
    referralNumber: options.referringCourtId ? `REF-${number}` : null,
    referringCourtId: options.referringCourtId ?? null,
    mediatorId: options.mediatorId ?? null,
    title: `Fixture case ${number}`,
    disputeType: DisputeType.Trademark,
    statement: 'A fixture dispute about a trademark used on identical goods.',
    claims: [{ kind: 'monetary', amount: '1000.00', currency: 'CNY' }],
    preferredLanguage: 'en',
    respondentAccessFrom: options.respondentServed ? new Date() : null,
    createdBy: options.createdBy,
    outcome: closed ? ('withdrawn' as never) : null,
  });
  const parties = db.getRepository(CaseParty);
  const applicant = await parties.save({
    caseId: c.id,
    side: PartySide.Applicant,
    position: 0,
    kind: 'person',
    name: 'Fixture Applicant',
    userId: options.applicantUserId ?? null,
    email: 'fixture-applicant@test.accord',
    consentOnline: true,
    consentEService: true,
  });
  const respondent = await parties.save({
    caseId: c.id,
    side: PartySide.Respondent,
    position: 0,
    kind: 'organisation',
    name: 'Fixture Respondent Ltd',
    userId: options.respondentUserId ?? null,
    email: 'fixture-respondent@test.accord',
    organisationId: options.respondentOrganisationId ?? null,
  });
  for (const a of options.agents ?? []) {
    await db.getRepository(CaseAgent).save({ caseId: c.id, partyId: a.side === PartySide.Applicant ? applicant.id : respondent.id, side: a.side, userId: a.userId });
  }
  await db.transaction(async (tx) => {
    await refreshSearchText(tx, c.id);
    await t.app.get(CaseEventLog).append(tx, c.id, 'sha256', { type: 'case_created', actorId: options.createdBy, actorRole: 'applicant', payload: { number, fixture: true } });
  });
  return c;
}
