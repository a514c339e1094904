import type { EntityManager } from 'typeorm';

/**
 * A mediator as documents name them: the display name and the mediation organisation the
 * mediator acts for (the first by name when several), which issues the notice and the
 * termination notice; null when the mediator belongs to none (the platform issues them then).
 */
export async function mediatorForDocuments(manager: EntityManager, userId: string | null): Promise<{ name: string; organisation: string | null } | undefined> {
  if (!userId) return undefined;
  const [row] = (await manager.query(
    `SELECT u.display_name AS name, (SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.user_id = u.id AND o.kind = 'mediation_organisation' ORDER BY o.name LIMIT 1) AS organisation
     FROM users u WHERE u.id = $1`,
    [userId],
  )) as { name: string; organisation: string | null }[];
  return row;
}
