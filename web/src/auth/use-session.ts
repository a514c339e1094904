import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { meQuery, type Me, type Role } from './auth-api';
import { session, type SessionSnapshot } from './session';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** The signed-in person (GET /me), or undefined while signed out or loading. */
export function useMe(): Me | undefined {
  const { status } = useSession();
  return useQuery({ ...meQuery(), enabled: status === 'signed-in' }).data;
}

/** The portals, in the order the navigation shows them; each role opens one. */
export const PORTALS = [
  { path: '/cases', roles: ['party'], label: 'nav.myCases' },
  { path: '/mediator', roles: ['mediator'], label: 'nav.mediator' },
  { path: '/court', roles: ['court_clerk', 'judge'], label: 'nav.court' },
  { path: '/admin', roles: ['admin'], label: 'nav.admin' },
] as const satisfies readonly { path: string; roles: readonly Role[]; label: string }[];

export type PortalPath = (typeof PORTALS)[number]['path'];

export function portalsOf(roles: readonly Role[]): (typeof PORTALS)[number][] {
  const mine = PORTALS.filter((p) => p.roles.some((r) => roles.includes(r)));
  // Everyone with an account can be a party to a case: with no other role, "My cases".
  return mine.length > 0 ? mine : [PORTALS[0]];
}

/** Where "home" is for this person: the first of their portals. */
export function homeOf(roles: readonly Role[]): PortalPath {
  return portalsOf(roles)[0].path;
}
