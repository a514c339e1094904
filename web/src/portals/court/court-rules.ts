import type { ApplicationView, MemberView, MeView } from '../../api/generated/types.gen';

/** The courts this person administers (a membership with the admin role): their staff are this person's to manage. */
export const administeredOrganisations = (me: Pick<MeView, 'memberships'> | undefined): string[] =>
  (me?.memberships ?? []).filter((m) => m.role === 'admin').map((m) => m.organisationId);

/** Whether the application waits for material the court asked for (neither supplied nor expired). */
export const awaitingMaterial = (view: Pick<ApplicationView, 'supplements'>): boolean => view.supplements.some((s) => !s.supplementedAt && !s.expiredAt);

/** Only accounts that are nothing but clerks or judges are a court's to disable (the API says the same). */
export const isCourtStaffOnly = (m: Pick<MemberView, 'roles'>): boolean => m.roles.length > 0 && m.roles.every((r) => r === 'court_clerk' || r === 'judge');
