import { queryOptions } from '@tanstack/react-query';
import { getBlindBidding, getFailureReport, getMediationPeriod, getNegotiation } from '../api/generated/sdk.gen';
import type { BlindBidMediatorViewDoc, BlindBidSideViewDoc, CaseView } from '../api/generated/types.gen';
import { toApiProblem } from '../api/problem';

export type Side = 'applicant' | 'respondent';

/**
 * The other side acts from its own screen: these views are read afresh whenever a panel opens
 * and, while it stays open, every so often (the room's live stream carries messages, not these).
 */
const LIVE = { staleTime: 0, refetchInterval: 15_000 } as const;

/** Something that does not exist yet (the API answers 404) is null, not an error. */
async function nullWhenMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (toApiProblem(error).status === 404) return null;
    throw error;
  }
}

export const offersQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'offers'],
    ...LIVE,
    queryFn: async ({ signal }) => (await getNegotiation({ path: { id: caseId }, signal, throwOnError: true })).data,
  });

/** The blind bidding as this person may see it; null while none was started (the API answers 404). */
export const biddingQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'blind-bidding'],
    ...LIVE,
    queryFn: ({ signal }): Promise<BlindBidSideViewDoc | BlindBidMediatorViewDoc | null> =>
      nullWhenMissing(async () => (await getBlindBidding({ path: { id: caseId }, signal, throwOnError: true })).data),
  });

export const periodQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'mediation-period'],
    ...LIVE,
    queryFn: async ({ signal }) => (await getMediationPeriod({ path: { id: caseId }, signal, throwOnError: true })).data,
  });

/** The failure report once the mediation has ended without agreement; null before. */
export const failureReportQuery = (caseId: string) =>
  queryOptions({
    queryKey: ['cases', caseId, 'failure-report'],
    ...LIVE,
    queryFn: ({ signal }) => nullWhenMissing(async () => (await getFailureReport({ path: { id: caseId }, signal, throwOnError: true })).data),
  });

/** The mediator's view has no side; a party's has its own figures (and never the other side's). */
export function isSideView(view: BlindBidSideViewDoc | BlindBidMediatorViewDoc): view is BlindBidSideViewDoc {
  return 'side' in view;
}

/** The side a party or agent acts for; undefined for the mediator (who names a side per act). */
export function ownSide(view: Pick<CaseView, 'yourRoles'>): Side | undefined {
  if (view.yourRoles.some((r) => r === 'applicant' || r === 'applicant_agent')) return 'applicant';
  if (view.yourRoles.some((r) => r === 'respondent' || r === 'respondent_agent')) return 'respondent';
  return undefined;
}

export const otherSide = (side: Side): Side => (side === 'applicant' ? 'respondent' : 'applicant');

/** The parties of a side, by id (to find which pending answers are this person's). */
export function partiesOf(view: Pick<CaseView, 'applicants' | 'respondents'>, side: Side): { id: string; name: string }[] {
  return side === 'applicant' ? view.applicants : view.respondents;
}

/** Whether mediation is still going on: offers, bidding and the period can change only then. */
export const inMediation = (view: Pick<CaseView, 'status'>): boolean => view.status === 'mediating';

/**
 * Tag colours that pass WCAG AA: Ant Design's light green and orange tags (#389e0d, #d46b08 on
 * their pale backgrounds) are about 3:1, so positive and waiting states use solid dark tags.
 */
export const TAG = { positive: '#237804', waiting: '#ad4e00', active: 'blue', negative: 'red', neutral: undefined } as const;
