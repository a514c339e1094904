import type { EntityManager } from 'typeorm';
import { CaseAgent } from '../cases/entities/case-agent.entity';
import { Case } from '../cases/entities/case.entity';
import { CaseParty } from '../cases/entities/case-party.entity';
import { IpRight } from '../cases/entities/ip-right.entity';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import type { CaseFacts } from './case-facts';
import { normaliseTechnicalField } from './mediator-profile';
import type { OrganisationParents } from './conflict-screen';

/** The case as the triage and the matcher read it, plus the corporate tree for the conflict screen. */
export async function loadCaseFacts(tx: EntityManager, caseId: string): Promise<{ facts: CaseFacts; organisationParents: OrganisationParents }> {
  const c = await tx.findOneOrFail(Case, { where: { id: caseId } });
  const [parties, agents, ipRights] = await Promise.all([
    tx.find(CaseParty, { where: { caseId } }),
    tx.find(CaseAgent, { where: { caseId } }),
    tx.find(IpRight, { where: { caseId } }),
  ]);
  const agentUsers = agents.length ? await tx.getRepository(User).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: agents.map((a) => a.userId) }).getMany() : [];
  const facts: CaseFacts = {
    caseId,
    disputeType: c.disputeType,
    claims: c.claims,
    ipRights: ipRights.map((r) => ({ kind: r.kind, jurisdiction: r.jurisdiction })),
    technicalFields: [...new Set(ipRights.flatMap((r) => r.classes.map(normaliseTechnicalField)))],
    jurisdictions: [...new Set(ipRights.map((r) => r.jurisdiction).filter((j): j is string => !!j))],
    parties: parties.map((p) => ({ side: p.side, kind: p.kind, name: p.name, organisationId: p.organisationId, userId: p.userId })),
    agents: agents.map((a) => ({ side: a.side, name: agentUsers.find((u) => u.id === a.userId)?.displayName ?? '', userId: a.userId, lawFirmName: a.lawFirm })),
    language: c.preferredLanguage,
    foreignElement: c.foreignElement,
    source: c.source,
    referralType: c.referralType,
    referringCourtId: c.referringCourtId,
    disputeKeys: [c.number, ...(c.referralNumber ? [c.referralNumber] : [])],
  };
  return { facts, organisationParents: await corporateTree(tx, parties.map((p) => p.organisationId).filter((id): id is string => !!id)) };
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
