import type { Role } from '../auth/auth-api';

/** Who has a statistics dashboard (the API's src/access/statistics-scope.policy.ts decides what it counts). */
export const STATISTICS_ROLES: readonly Role[] = ['admin', 'court_clerk', 'judge', 'mediator'];

export const seesStatistics = (roles: readonly Role[]): boolean => roles.some((r) => STATISTICS_ROLES.includes(r));
