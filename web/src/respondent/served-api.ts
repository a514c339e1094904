import { queryOptions } from '@tanstack/react-query';
import { answerNoticeOfMediation, claimServedParty, confirmAddressForService, getServedNotice } from '../api/generated/sdk.gen';
import type { AddressForServiceRequest, CaseView, ServedNoticeView } from '../api/generated/types.gen';

/**
 * The respondent's first contact: the served link's summary, claiming the served party,
 * the address for service and the answer to the notice of mediation (src/service-of-process).
 */
export type ServedNotice = ServedNoticeView;

export const servedNoticeQuery = (token: string) =>
  queryOptions({
    queryKey: ['served', token],
    queryFn: async ({ signal }): Promise<ServedNotice> => (await getServedNotice({ path: { token }, signal, throwOnError: true })).data,
    retry: false,
  });

/** The served document itself: the same signed link, on the API. Opening it records the reading. */
export const servedDocumentUrl = (token: string): string => `/api/v1/service-links/${encodeURIComponent(token)}`;

/** Takes the served party into the signed-in account; answers the case. */
export async function claimServed(token: string): Promise<CaseView> {
  return (await claimServedParty({ path: { token }, throwOnError: true })).data;
}

export async function confirmAddress(caseId: string, body: AddressForServiceRequest): Promise<void> {
  await confirmAddressForService({ path: { id: caseId }, body, throwOnError: true });
}

export async function answerNotice(caseId: string, body: { agree: boolean; reason?: string; consentOnline?: boolean }): Promise<CaseView> {
  return (await answerNoticeOfMediation({ path: { id: caseId }, body, throwOnError: true })).data;
}
