import type { EntityManager } from 'typeorm';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import { partyAddresses, recordEServiceConsents } from '../cases/e-service-consents';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { Case } from '../cases/entities/case.entity';
import { IpRight } from '../cases/entities/ip-right.entity';
import { User } from '../users/user.entity';
import type { ApplicationInput, PartyInput } from './application.dto';

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
    domicileRegion: p.domicileRegion ?? null,
    organisationId: p.organisationId ?? null,
  };
}

/**
 * Write the application's parties and IP rights. The applicant row is updated in place (agents
 * refer to it); respondents and rights are replaced. `linkAccounts` links parties to existing
 * accounts with the same e-mail (court referrals, where parties do not file themselves).
 */
export async function writeApplicationParts(
  tx: EntityManager,
  caseId: string,
  dto: ApplicationInput,
  options: { applicantUserId?: string | null; linkAccounts?: boolean; consents?: boolean },
): Promise<void> {
  const linked = async (email: string | undefined): Promise<string | null> => {
    if (!options.linkAccounts || !email) return null;
    return (await tx.findOne(User, { where: { email: email.toLowerCase() }, select: { id: true } }))?.id ?? null;
  };
  if (dto.applicant) {
    const a = dto.applicant;
    const existing = await tx.findOne(CaseParty, { where: { caseId, side: PartySide.Applicant, position: 0 } });
    const row = {
      ...partyRow(caseId, PartySide.Applicant, 0, a),
      consentOnline: a.consentOnline ?? null,
      consentEService: a.consentEService ?? null,
      eServiceBasis: a.eServiceBasis ?? null,
    };
    let partyId: string;
    if (existing) {
      await tx.update(CaseParty, { id: existing.id }, row);
      partyId = existing.id;
    } else {
      partyId = (await tx.insert(CaseParty, { ...row, userId: options.applicantUserId ?? (await linked(a.email)) })).identifiers[0].id as string;
    }
    // The applicant's consent to e-service, for each address it gives (docs/procedural-rules.md F26).
    if (a.consentEService === true && a.eServiceBasis) {
      await recordEServiceConsents(tx, {
        caseId,
        partyId,
        addresses: partyAddresses(row as CaseParty),
        basis: a.eServiceBasis,
        givenBy: options.applicantUserId ?? null,
        at: new Date(),
      });
    }
  }
  await tx.delete(CaseParty, { caseId, side: PartySide.Respondent });
  for (const [i, r] of (dto.respondents ?? []).entries()) {
    await tx.insert(CaseParty, { ...partyRow(caseId, PartySide.Respondent, i, r), userId: await linked(r.email) });
  }
  await tx.delete(IpRight, { caseId });
  for (const [i, r] of (dto.ipRights ?? []).entries()) {
    await tx.insert(IpRight, {
      caseId,
      position: i,
      kind: r.kind,
      number: r.number ?? null,
      jurisdiction: r.jurisdiction ?? null,
      owner: r.owner ?? null,
      title: r.title ?? null,
      classes: r.classes ?? [],
    });
  }
  await refreshSearchText(tx, caseId);
}

/**
 * Number, title, referral number, party names and IP numbers, for the trigram search. With
 * `number`, the case's number is set in the same statement (a new case gets its number last).
 */
export async function refreshSearchText(tx: EntityManager, caseId: string, number?: string): Promise<void> {
  await tx.query(
    `UPDATE cases c SET number = coalesce($2, c.number), search_text = lower(concat_ws(' ', coalesce($2, c.number), c.title, c.referral_number,
       (SELECT string_agg(p.name, ' ') FROM case_parties p WHERE p.case_id = c.id),
       (SELECT string_agg(r.number, ' ') FROM ip_rights r WHERE r.case_id = c.id)))
     WHERE c.id = $1`,
    [caseId, number ?? null],
  );
}
