/**
 * What a court's own case-management system may do through its API key: the machine half of the
 * one access policy. A court system is no person: it holds no case role, acts for one court
 * only, and only with the permissions its key was issued with.
 */

/** The named permissions a key is issued with. */
export enum CourtSystemPermission {
  /** Refer cases to mediation for its court (one by one or in batches). */
  ReferCases = 'refer_cases',
  /** Read the status and outcome of the cases its court referred. */
  ReadCases = 'read_cases',
  /** Lodge the court's decisions on judicial confirmation. */
  LodgeConfirmationDecisions = 'lodge_confirmation_decisions',
  /** Subscribe its own webhooks, list them and rotate their secrets (administrators see deliveries and replay them). */
  ManageWebhooks = 'manage_webhooks',
}

/**
 * The machine principal a request with an API key carries. Keys and webhook subscriptions belong
 * to the court system (not to a key), so rotating a key keeps its subscriptions.
 */
export interface CourtSystemPrincipal {
  kind: 'court_system';
  keyId: string;
  courtSystemId: string;
  /** The one court it acts for. */
  courtId: string;
  /** The court system's account: the actor its cases and events name. Never signs in. */
  accountUserId: string;
  permissions: CourtSystemPermission[];
}

export type CourtSystemDecision = 'allowed' | 'lacks_permission' | 'not_its_case';

/**
 * May this court system do what `permission` names, on this case if one is given? A case of
 * another court is "not its case": the caller answers 404, so that a key learns nothing of other
 * courts' cases, not even that they exist; a missing permission is a 403.
 */
export function courtSystemMay(principal: CourtSystemPrincipal, permission: CourtSystemPermission, c?: { referringCourtId: string | null }): CourtSystemDecision {
  if (c && c.referringCourtId !== principal.courtId) return 'not_its_case';
  if (!principal.permissions.includes(permission)) return 'lacks_permission';
  return 'allowed';
}

/** The words of the 403 for a missing permission. */
export const courtSystemRefusal = (permission: CourtSystemPermission): string => `This API key was not issued with the permission ${permission}`;
