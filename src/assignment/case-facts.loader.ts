import type { EntityManager } from 'typeorm';
import type { Case } from '../cases/entities/case.entity';
import type { IpRight } from '../cases/entities/ip-right.entity';
import { Organisation } from '../organisations/organisation.entity';
import type { CaseFacts } from './case-facts';
import { normaliseTechnicalField } from './mediator-profile';
import type { OrganisationParents } from './conflict-screen';

/** The case as the triage and the matcher read it, plus the corporate tree for the conflict screen. */
export async function loadCaseFacts(tx: EntityManager, caseId: string): Promise<{ facts: CaseFacts; organisationParents: OrganisationParents }> {
  // One round trip: a decision must stay cheap at national scale (npm run bench assignment).
  const [row] = (await tx.query(
    `SELECT c.id, c.number, c.referral_number, c.dispute_type, c.claims, c.preferred_language, c.foreign_element, c.source,
            c.referral_type, c.referring_court_id,
            (SELECT coalesce(json_agg(json_build_object('side', p.side, 'kind', p.kind, 'name', p.name, 'organisationId', p.organisation_id, 'userId', p.user_id)), '[]')
               FROM case_parties p WHERE p.case_id = c.id) AS parties,
            (SELECT coalesce(json_agg(json_build_object('side', a.side, 'name', u.display_name, 'userId', a.user_id, 'lawFirmName', a.law_firm)), '[]')
               FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = c.id) AS agents,
            (SELECT coalesce(json_agg(json_build_object('kind', r.kind, 'jurisdiction', r.jurisdiction, 'classes', r.classes)), '[]')
               FROM ip_rights r WHERE r.case_id = c.id) AS rights
       FROM cases c WHERE c.id = $1`,
    [caseId],
  )) as CaseRow[];
  if (!row) throw new Error(`no case ${caseId}`);
  const facts: CaseFacts = {
    caseId,
    disputeType: row.dispute_type,
    claims: row.claims,
    ipRights: row.rights.map((r) => ({ kind: r.kind, jurisdiction: r.jurisdiction })),
    technicalFields: [...new Set(row.rights.flatMap((r) => (r.classes ?? []).map(normaliseTechnicalField)))],
    jurisdictions: [...new Set(row.rights.map((r) => r.jurisdiction).filter((j): j is string => !!j))],
    parties: row.parties,
    agents: row.agents,
    language: row.preferred_language,
    foreignElement: row.foreign_element,
    source: row.source,
    referralType: row.referral_type,
    referringCourtId: row.referring_court_id,
    disputeKeys: [row.number, ...(row.referral_number ? [row.referral_number] : [])],
  };
  const organisationIds = row.parties.map((p) => p.organisationId).filter((id): id is string => !!id);
  return { facts, organisationParents: organisationIds.length ? await corporateTree(tx, organisationIds) : new Map() };
}

interface CaseRow {
  number: string;
  referral_number: string | null;
  dispute_type: Case['disputeType'];
  claims: Case['claims'];
  preferred_language: string;
  foreign_element: boolean;
  source: Case['source'];
  referral_type: Case['referralType'];
  referring_court_id: string | null;
  parties: CaseFacts['parties'][number][];
  agents: NonNullable<CaseFacts['agents']>[number][];
  rights: { kind: IpRight['kind']; jurisdiction: string | null; classes: string[] | null }[];
}

/**
 * Parents, grandparents and their children around the parties' organisations: enough of the
 * corporate tree for the conflict screen's two levels, read in a few indexed queries.
 */
async function corporateTree(tx: EntityManager, seeds: string[]): Promise<OrganisationParents> {
  const parents = new Map<string, string | null>();
  let frontier = [...new Set(seeds)];
  for (let level = 0; level < 3 && frontier.length; level++) {
    const rows = await tx.getRepository(Organisation).createQueryBuilder('o').where('o.id IN (:...ids) OR o.parent_id IN (:...ids)', { ids: frontier }).getMany();
    const next: string[] = [];
    for (const o of rows) {
      if (!parents.has(o.id)) {
        parents.set(o.id, o.parentId);
        next.push(o.id);
      }
      if (o.parentId && !parents.has(o.parentId)) next.push(o.parentId);
    }
    frontier = next;
  }
  return parents;
}
