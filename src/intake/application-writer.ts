import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import { partyAddresses, recordEServiceConsents } from '../cases/e-service-consents';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { Case } from '../cases/entities/case.entity';
import { IpRight } from '../cases/entities/ip-right.entity';
import { User } from '../users/user.entity';
import { takeCaseNumberCte } from '../cases/case-numbers';
import type { ApplicantInput, ApplicationInput, PartyInput } from './application.dto';

/** The case columns an application sets. */
export function applicationColumns(dto: ApplicationInput): Partial<Case> {
  return {
    title: dto.title,
    disputeType: dto.disputeType,
    statement: dto.statement ?? null,
    claims: (dto.claims ?? []).map((c) => ({ ...c })),
    preferredLanguage: dto.preferredLanguage ?? 'zh-CN',
    foreignElement: dto.foreignElement ?? false,
  };
}

/** What the event chain records of an application: its hash, not a copy of personal data. */
export const applicationHash = (alg: HashAlgorithm, dto: ApplicationInput): string =>
  hashOf(alg, canonicalJson(JSON.parse(JSON.stringify({ ...dto, expectedVersion: undefined }))));

function partyRow(caseId: string, side: PartySide, position: number, p: PartyInput): Partial<CaseParty> {
  return {
    caseId,
    side,
    position,
    kind: p.kind,
    name: p.name,
    idType: p.idType ?? null,
    idNumber: p.idNumber ?? null,
    phone: p.phone ?? null,
    email: p.email?.toLowerCase() ?? null,
    address: p.address ?? null,
    legalRepresentative: p.kind === 'organisation' ? (p.legalRepresentative ?? null) : null,
    domicileRegion: p.domicileRegion ?? null,
    organisationId: p.organisationId ?? null,
  };
}

/**
 * Write the application's parties and IP rights. The applicant row is updated in place (agents
 * refer to it); respondents and rights are replaced. `linkAccounts` links parties to existing
 * accounts with the same e-mail (court referrals, where parties do not file themselves). `fresh`:
 * the case was created in this transaction and has nothing yet, so nothing is looked up or
 * deleted, and each kind of row is one INSERT. The search text is the caller's: a new case sets it
 * with its number (`numberNewCase`), an edited one refreshes it (`refreshSearchText`).
 */
export async function writeApplicationParts(
  tx: EntityManager,
  caseId: string,
  dto: ApplicationInput,
  options: { applicantUserId?: string | null; linkAccounts?: boolean; consents?: boolean; fresh?: boolean },
): Promise<void> {
  const linked = async (email: string | undefined): Promise<string | null> => {
    if (!options.linkAccounts || !email) return null;
    return (await tx.findOne(User, { where: { email: email.toLowerCase() }, select: { id: true } }))?.id ?? null;
  };
  const parties: Partial<CaseParty>[] = [];
  // The applicant's consent to e-service, for each address it gives (docs/procedural-rules.md F26),
  // recorded once its row has an id.
  let applicantConsent: { row: Partial<CaseParty>; partyId?: string; basis: NonNullable<ApplicantInput['eServiceBasis']> } | undefined;
  if (dto.applicant) {
    const a = dto.applicant;
    const row = {
      ...partyRow(caseId, PartySide.Applicant, 0, a),
      consentOnline: a.consentOnline ?? null,
      consentEService: a.consentEService ?? null,
      eServiceBasis: a.eServiceBasis ?? null,
    };
    const existing = options.fresh ? null : await tx.findOne(CaseParty, { where: { caseId, side: PartySide.Applicant, position: 0 } });
    if (existing) {
      await tx.update(CaseParty, { id: existing.id }, row);
    } else {
      parties.push({ ...row, userId: options.applicantUserId ?? (await linked(a.email)) });
    }
    if (a.consentEService === true && a.eServiceBasis) applicantConsent = { row, partyId: existing?.id, basis: a.eServiceBasis };
  }
  if (!options.fresh) await tx.delete(CaseParty, { caseId, side: PartySide.Respondent });
  for (const [i, r] of (dto.respondents ?? []).entries()) {
    parties.push({ ...partyRow(caseId, PartySide.Respondent, i, r), userId: await linked(r.email) });
  }
  // One INSERT for every new party; the identifiers come back in the rows' order (the applicant first).
  const inserted = parties.length > 0 ? await tx.insert(CaseParty, parties) : undefined;
  if (applicantConsent) {
    await recordEServiceConsents(tx, {
      caseId,
      partyId: applicantConsent.partyId ?? (inserted!.identifiers[0] as { id: string }).id,
      addresses: partyAddresses(applicantConsent.row as CaseParty),
      basis: applicantConsent.basis,
      givenBy: options.applicantUserId ?? null,
      at: new Date(),
    });
  }
  if (!options.fresh) await tx.delete(IpRight, { caseId });
  const rights = (dto.ipRights ?? []).map((r, i) => ({
    caseId,
    position: i,
    kind: r.kind,
    number: r.number ?? null,
    jurisdiction: r.jurisdiction ?? null,
    owner: r.owner ?? null,
    title: r.title ?? null,
    classes: r.classes ?? [],
  }));
  if (rights.length > 0) await tx.insert(IpRight, rights);
}

/** Number, title, referral number, party names and IP numbers, lower-cased for the trigram search. */
const searchTextOf = (numberSql: string): string =>
  `lower(concat_ws(' ', ${numberSql}, c.title, c.referral_number,
     (SELECT string_agg(p.name, ' ') FROM case_parties p WHERE p.case_id = c.id),
     (SELECT string_agg(r.number, ' ') FROM ip_rights r WHERE r.case_id = c.id)))`;

export async function refreshSearchText(tx: EntityManager, caseId: string): Promise<void> {
  await tx.query(`UPDATE cases c SET search_text = ${searchTextOf('c.number')} WHERE c.id = $1`, [caseId]);
}

/**
 * A new case takes the year's next number, and its search text with it, in one statement: the
 * year's counter row stays locked until commit and every creation on the platform waits for it,
 * so the fewer round trips after this one, the shorter the queue.
 */
export async function numberNewCase(tx: EntityManager, caseId: string, year: number): Promise<string> {
  const [rows] = (await tx.query(
    `WITH ${takeCaseNumberCte('$2::int')}
     UPDATE cases c SET number = taken.number, search_text = ${searchTextOf('taken.number')} FROM taken WHERE c.id = $1
     RETURNING c.number`,
    [caseId, year],
  )) as [{ number: string }[], number];
  return rows[0].number;
}
