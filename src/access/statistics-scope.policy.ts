import type { AuthUser } from '../auth/auth-user';
import { GlobalRole } from '../auth/roles';

/**
 * Whose cases the statistics count: administrators the whole platform, court staff the cases of
 * their own courts (referred by them or lodged with them for confirmation), mediators the cases
 * they mediate. A `courtId` narrows any scope to one court; court staff may only name their own.
 */
export type StatisticsScope =
  | { kind: 'platform'; courtIds: null; mediatorId: null }
  | { kind: 'courts'; courtIds: string[]; mediatorId: null }
  | { kind: 'mediator'; courtIds: string[] | null; mediatorId: string };

export type StatisticsRefusal = 'not_staff' | 'not_your_court';

export function statisticsScope(user: Pick<AuthUser, 'id' | 'roles' | 'memberships'>, courtId?: string): StatisticsScope | { refused: StatisticsRefusal } {
  const has = (role: GlobalRole) => user.roles.includes(role);
  const narrowed = courtId ? [courtId] : null;
  if (has(GlobalRole.Admin)) return narrowed ? { kind: 'courts', courtIds: narrowed, mediatorId: null } : { kind: 'platform', courtIds: null, mediatorId: null };
  if (has(GlobalRole.CourtClerk) || has(GlobalRole.Judge)) {
    const own = user.memberships.map((m) => m.organisationId);
    if (courtId && !own.includes(courtId)) return { refused: 'not_your_court' };
    return { kind: 'courts', courtIds: narrowed ?? own, mediatorId: null };
  }
  if (has(GlobalRole.Mediator)) return { kind: 'mediator', courtIds: narrowed, mediatorId: user.id };
  return { refused: 'not_staff' };
}
