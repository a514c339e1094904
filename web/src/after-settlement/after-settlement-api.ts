import { queryOptions } from '@tanstack/react-query';
import { getPerformance, listConfirmationApplications, listCourtOptions } from '../api/generated/sdk.gen';
import type { ApplicationView, CaseView } from '../api/generated/types.gen';

export type Side = 'applicant' | 'respondent';

/** The applications of a case, newest first (a declined or withdrawn one may be followed by another). */
export const applicationsQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'confirmation-applications'],
    queryFn: async ({ signal }) =>
      (await listConfirmationApplications({ path: { id: caseId }, signal, throwOnError: true })).data.items.toSorted((a, b) => b.startedAt.localeCompare(a.startedAt)),
  });

export const courtOptionsQuery = (caseId: string, region: string | undefined) =>
  queryOptions({
    queryKey: ['cases', caseId, 'confirmation', 'court-options', region ?? ''],
    queryFn: async ({ signal }) =>
      (await listCourtOptions({ path: { id: caseId }, query: region ? { subjectMatterRegion: region } : undefined, signal, throwOnError: true })).data.items,
  });

export const performanceQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'performance'],
    queryFn: async ({ signal }) => (await getPerformance({ path: { id: caseId }, signal, throwOnError: true })).data,
  });

/** The applications still with the parties or the court (src/confirmation/confirmation-application.entity.ts OPEN_APPLICATION). */
export const OPEN_APPLICATION = ['collecting_consents', 'lodged', 'docketed'];

/** Once one of these is reached the court's answer stands; anything else ended and may be followed by a new application. */
export const DECIDED = ['confirmed', 'rejected'];

/** The side this person acts for in the case (a party or its agent), if any. */
export function sideOf(view: Pick<CaseView, 'yourRoles'>): Side | undefined {
  if (view.yourRoles.some((r) => r === 'applicant' || r === 'applicant_agent')) return 'applicant';
  if (view.yourRoles.some((r) => r === 'respondent' || r === 'respondent_agent')) return 'respondent';
  return undefined;
}

/** Does the application still wait for the consent of a party on `side`? */
export function awaitsConsentOf(application: Pick<ApplicationView, 'status' | 'parties'>, side: Side | undefined): boolean {
  return application.status === 'collecting_consents' && side !== undefined && application.parties.some((p) => p.side === side && !p.consentedAt);
}

/** The agreement is being carried out, or was: the performance screen has something to show. */
export function performanceShown(view: Pick<CaseView, 'status' | 'outcome'>): boolean {
  if (['settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed'].includes(view.status)) return true;
  return (view.status === 'closed' || view.status === 'archived') && (view.outcome === 'fulfilled' || view.outcome === 'defaulted');
}
/** Statuses in which court confirmation has something to show or do. */
export const CONFIRMATION_STATUSES = ['settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed'];
