import { GlobalRole, Language } from './roles';

/** The signed-in person as every guard, policy and handler sees it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  roles: GlobalRole[];
  preferredLanguage: Language;
  identityVerified: boolean;
  /** Organisations the person belongs to, with its role in each. */
  memberships: { organisationId: string; role: 'admin' | 'member' }[];
  /** The account's session generation: tokens derived from this sign-in (the queue board's) carry it. */
  sessionGeneration: number;
}

export const hasRole = (user: AuthUser, ...roles: GlobalRole[]): boolean => roles.some((r) => user.roles.includes(r));
