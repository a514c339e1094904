import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import { partyAddresses, recordEServiceConsents, type ServiceAddressRef } from '../cases/e-service-consents';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { Case } from '../cases/entities/case.entity';
import { IpRight } from '../cases/entities/ip-right.entity';
import { User } from '../users/user.entity';
import { takeCaseNumberCte } from '../cases/case-numbers';
import { preparedFor, runPrepared } from '../common/database/prepared-statement';
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

/** Finds the account with an e-mail, when parties' accounts are to be linked (court referrals). */
const accountLinker =
  (tx: EntityManager, linkAccounts: boolean | undefined) =>
  async (email: string | undefined): Promise<string | null> => {
    if (!linkAccounts || !email) return null;
    return (await tx.findOne(User, { where: { email: email.toLowerCase() }, select: { id: true } }))?.id ?? null;
  };

function applicantRow(caseId: string, a: ApplicantInput): Partial<CaseParty> {
  return {
    ...partyRow(caseId, PartySide.Applicant, 0, a),
    consentOnline: a.consentOnline ?? null,
    consentEService: a.consentEService ?? null,
    eServiceBasis: a.eServiceBasis ?? null,
  };
}

function rightRows(caseId: string, dto: ApplicationInput): Partial<IpRight>[] {
  return (dto.ipRights ?? []).map((r, i) => ({
    caseId,
    position: i,
    kind: r.kind,
    number: r.number ?? null,
    jurisdiction: r.jurisdiction ?? null,
    owner: r.owner ?? null,
    title: r.title ?? null,
    classes: r.classes ?? [],
  }));
}

/**
 * Rows as `jsonb_populate_recordset` reads them (keyed by column name), and the columns they set:
 * a column no row sets is left to its default.
 */
function asColumns<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): { columns: string; rows: string } {
  const metadata = tx.connection.getMetadata(target);
  const names = new Set<string>();
  const keyed = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([property, value]) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.name} has no column ${property}`);
        names.add(column.databaseName);
        return [column.databaseName, value];
      }),
    ),
  );
  return { columns: [...names].map((n) => `"${n}"`).join(', '), rows: JSON.stringify(keyed) };
}

export interface NewCaseParts {
  /** The applicant party's account, when the person filing is the applicant. */
  applicantUserId?: string | null;
  /** Link parties to the accounts with their e-mail addresses (court referrals). */
  linkAccounts?: boolean;
  /** The applicant party when the application names none (the filer's own account, or a placeholder for an agent). */
  applicantIfNone?: Pick<CaseParty, 'kind' | 'name'> & Partial<Pick<CaseParty, 'email' | 'phone' | 'userId'>>;
  /** An agent filing for the applicant: on the applicant's side of the case from the start, or it could not see its own draft. */
  filingAgent?: { userId: string; lawFirm: string | null };
}

/**
 * A new case with its number, parties, the applicant's consents to e-service, its IP rights and a
 * filing agent, in one statement (data-modifying WITH; the foreign keys are checked at its end).
 * The number is the year's next one; its search text is written with it, and the number is
 * returned. The year's counter row stays locked until commit, and every creation on the platform
 * waits for it, so the caller must have nothing left to do but the first event and the commit.
 */
export async function insertNewCase(tx: EntityManager, caseId: string, row: Partial<Case>, dto: ApplicationInput, year: number, options: NewCaseParts): Promise<string> {
  const linked = accountLinker(tx, options.linkAccounts);
  const parties: Partial<CaseParty>[] = [];
  let consent: { addresses: ServiceAddressRef[]; basis: NonNullable<ApplicantInput['eServiceBasis']> } | undefined;
  if (dto.applicant) {
    const a = applicantRow(caseId, dto.applicant);
    parties.push({ ...a, userId: options.applicantUserId ?? (await linked(dto.applicant.email)) });
    if (dto.applicant.consentEService === true && dto.applicant.eServiceBasis) consent = { addresses: partyAddresses(a as CaseParty), basis: dto.applicant.eServiceBasis };
  } else if (options.applicantIfNone) {
    parties.push({ caseId, side: PartySide.Applicant, position: 0, ...options.applicantIfNone });
  } else if (options.filingAgent) {
    throw new Error('A filing agent acts for the applicant party: the application names one, or applicantIfNone does');
  }
  for (const [i, r] of (dto.respondents ?? []).entries()) {
    parties.push({ ...partyRow(caseId, PartySide.Respondent, i, r), userId: await linked(r.email) });
  }
  const c = asColumns(tx, Case, [{ ...row, id: caseId }]);
  const p = asColumns(tx, CaseParty, parties);
  const rights = rightRows(caseId, dto);
  const r = asColumns(tx, IpRight, rights);
  const addresses = consent?.addresses ?? [];
  const values: unknown[] = [];
  const $ = (value: unknown): string => `$${values.push(value)}`;
  // The text the trigram search reads, as `SEARCH_TEXT` makes it from the stored rows.
  const searched = [row.title, row.referralNumber, ...parties.map((x) => x.name), ...rights.map((x) => x.number)].filter((x) => x != null);
  const writes = [
    takeCaseNumberCte(`${$(year)}::int`),
    `new_case AS (INSERT INTO cases (${c.columns}, number, search_text)
       SELECT ${c.columns
         .split(', ')
         .map((n) => `r.${n}`)
         .join(', ')}, taken.number, lower(concat_ws(' ', taken.number, ${$(searched.join(' '))}::text))
         FROM jsonb_populate_recordset(NULL::cases, ${$(c.rows)}::jsonb) r, taken
       RETURNING number)`,
  ];
  if (parties.length > 0) {
    writes.push(
      `parties AS (INSERT INTO case_parties (${p.columns}) SELECT ${p.columns} FROM jsonb_populate_recordset(NULL::case_parties, ${$(p.rows)}::jsonb) RETURNING id, side, position)`,
    );
    const applicant = `parties.side = 'applicant' AND parties.position = 0`;
    if (addresses.length > 0) {
      writes.push(
        `consents AS (INSERT INTO e_service_consents (case_id, party_id, channel, address, basis, given_at, given_by)
           SELECT ${$(caseId)}::uuid, parties.id, a.channel, a.address, ${$(consent?.basis)}::text, ${$(new Date())}::timestamptz, ${$(options.applicantUserId ?? null)}::uuid
             FROM parties CROSS JOIN unnest(${$(addresses.map((x) => x.channel))}::text[], ${$(addresses.map((x) => x.address))}::text[]) AS a(channel, address)
            WHERE ${applicant})`,
      );
    }
    if (options.filingAgent) {
      writes.push(
        `agent AS (INSERT INTO case_agents (case_id, party_id, side, user_id, law_firm)
           SELECT ${$(caseId)}::uuid, parties.id, 'applicant', ${$(options.filingAgent.userId)}::uuid, ${$(options.filingAgent.lawFirm)}::text FROM parties WHERE ${applicant})`,
      );
    }
  }
  if (rights.length > 0) {
    writes.push(`rights AS (INSERT INTO ip_rights (${r.columns}) SELECT ${r.columns} FROM jsonb_populate_recordset(NULL::ip_rights, ${$(r.rows)}::jsonb))`);
  }
  const [created] = await runPrepared<{ number: string }>(tx, preparedFor('cases.insert-new', `WITH ${writes.join(',\n')} SELECT number FROM new_case`), values);
  return created.number;
}

/**
 * Write an edited application's parties and IP rights. The applicant row is updated in place
 * (agents refer to it); respondents and rights are replaced. The search text is the caller's to
 * refresh (`refreshSearchText`).
 */
export async function writeApplicationParts(tx: EntityManager, caseId: string, dto: ApplicationInput): Promise<void> {
  const parties: Partial<CaseParty>[] = [];
  // The applicant's consent to e-service, for each address it gives (docs/procedural-rules.md F26),
  // recorded once its row has an id.
  let applicantConsent: { row: Partial<CaseParty>; partyId?: string; basis: NonNullable<ApplicantInput['eServiceBasis']> } | undefined;
  if (dto.applicant) {
    const a = dto.applicant;
    const row = applicantRow(caseId, a);
    const existing = await tx.findOne(CaseParty, { where: { caseId, side: PartySide.Applicant, position: 0 } });
    if (existing) {
      await tx.update(CaseParty, { id: existing.id }, row);
    } else {
      parties.push({ ...row, userId: null });
    }
    if (a.consentEService === true && a.eServiceBasis) applicantConsent = { row, partyId: existing?.id, basis: a.eServiceBasis };
  }
  await tx.delete(CaseParty, { caseId, side: PartySide.Respondent });
  for (const [i, r] of (dto.respondents ?? []).entries()) {
    parties.push({ ...partyRow(caseId, PartySide.Respondent, i, r), userId: null });
  }
  // One INSERT for every new party; the identifiers come back in the rows' order (the applicant first).
  const inserted = parties.length > 0 ? await tx.insert(CaseParty, parties) : undefined;
  if (applicantConsent) {
    await recordEServiceConsents(tx, {
      caseId,
      partyId: applicantConsent.partyId ?? (inserted!.identifiers[0] as { id: string }).id,
      addresses: partyAddresses(applicantConsent.row as CaseParty),
      basis: applicantConsent.basis,
      givenBy: null,
      at: new Date(),
    });
  }
  await tx.delete(IpRight, { caseId });
  const rights = rightRows(caseId, dto);
  if (rights.length > 0) await tx.insert(IpRight, rights);
}

/** Number, title, referral number, party names and IP numbers, lower-cased for the trigram search. */
const SEARCH_TEXT = `lower(concat_ws(' ', c.number, c.title, c.referral_number,
     (SELECT string_agg(p.name, ' ') FROM case_parties p WHERE p.case_id = c.id),
     (SELECT string_agg(r.number, ' ') FROM ip_rights r WHERE r.case_id = c.id)))`;

export async function refreshSearchText(tx: EntityManager, caseId: string): Promise<void> {
  await tx.query(`UPDATE cases c SET search_text = ${SEARCH_TEXT} WHERE c.id = $1`, [caseId]);
}
