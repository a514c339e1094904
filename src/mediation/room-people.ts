import type { EntityManager } from 'typeorm';
import type { ConfidentialSide } from '../access/case-access.policy';

/** One side of a case. */
export type Side = Exclude<ConfidentialSide, null>;
import type { Case } from '../cases/entities/case.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';

/** A party or an agent around the mediation room, with what starting a session asks of them. */
export interface RoomPerson {
  /** Null for a party without an account: it cannot take part online. */
  userId: string | null;
  /** The party's name; an agent's own name. */
  name: string;
  side: Side;
  capacity: 'party' | 'agent';
  identityVerified: boolean;
  /** Version of the sham-mediation warning this person acknowledged for this case, if any. */
  warningVersion: string | null;
}

/**
 * Everyone on the two sides of a case, read in the caller's transaction. The respondent side
 * counts only once the notice of mediation was served on it, as in the access policy.
 */
export async function loadRoomPeople(manager: EntityManager, c: Pick<Case, 'id' | 'respondentAccessFrom'>): Promise<RoomPerson[]> {
  const rows = (await manager.query(
    `SELECT p.user_id, p.name, p.side, 'party' AS capacity, (u.identity_verified_at IS NOT NULL) AS verified, a.warning_version, p.position, 0 AS agent
       FROM case_parties p
       LEFT JOIN users u ON u.id = p.user_id
       LEFT JOIN mediation_warning_acknowledgements a ON a.case_id = p.case_id AND a.user_id = p.user_id
      WHERE p.case_id = $1
     UNION ALL
     SELECT g.user_id, u.display_name, g.side, 'agent', (u.identity_verified_at IS NOT NULL), a.warning_version, p.position, 1
       FROM case_agents g
       JOIN users u ON u.id = g.user_id
       JOIN case_parties p ON p.id = g.party_id
       LEFT JOIN mediation_warning_acknowledgements a ON a.case_id = g.case_id AND a.user_id = g.user_id
      WHERE g.case_id = $1
     ORDER BY side, position, agent, name`,
    [c.id],
  )) as { user_id: string | null; name: string; side: Side; capacity: 'party' | 'agent'; verified: boolean; warning_version: string | null }[];
  const respondentsIn = c.respondentAccessFrom !== null;
  const people = rows
    .filter((r) => r.side === 'applicant' || respondentsIn)
    .map((r) => ({ userId: r.user_id, name: r.name, side: r.side, capacity: r.capacity, identityVerified: r.verified, warningVersion: r.warning_version }));
  // One person acting for two parties of a side (or as party and agent) takes part once.
  const seen = new Set<string>();
  return people.filter((p) => {
    if (p.userId === null) return true;
    if (seen.has(p.userId)) return false;
    seen.add(p.userId);
    return true;
  });
}

/** Account holders of these sides, plus the mediator: who is in a room (a channel, a session). */
export function roomUserIds(people: readonly RoomPerson[], sides: readonly Side[], mediatorId: string | null): string[] {
  const ids = people.filter((p) => sides.includes(p.side) && p.userId !== null).map((p) => p.userId!);
  return [...new Set(mediatorId ? [...ids, mediatorId] : ids)];
}

/** What someone is to the case in the room, most specific first: the label on messages and chain entries. */
const ROOM_ROLES: readonly CaseRole[] = [CaseRole.Mediator, CaseRole.Applicant, CaseRole.ApplicantAgent, CaseRole.Respondent, CaseRole.RespondentAgent];

export function roomRoleOf(roles: readonly CaseRole[]): CaseRole {
  return ROOM_ROLES.find((r) => roles.includes(r)) ?? roles[0];
}
