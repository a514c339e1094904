import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { getConfirmationApplication, getCourtQueue, getOrganisation, listOrganisationMembers, previewRuling } from '../../api/generated/sdk.gen';
import type { ApplicationView, RulingPreviewRequest } from '../../api/generated/types.gen';

export type QueueFilter = 'open' | 'all';
export type RejectionGround = NonNullable<RulingPreviewRequest['grounds']>[number];

/** The grounds of Interp. 358, in the order the ruling lists them. */
export const REJECTION_GROUNDS: readonly RejectionGround[] = [
  'violates_mandatory_law',
  'harms_state_public_or_others_interests',
  'against_public_order_and_good_morals',
  'not_voluntary',
  'content_unclear',
  'other',
];

export const courtQueueQuery = (include: QueueFilter) =>
  queryOptions({
    queryKey: ['court', 'queue', include],
    queryFn: async ({ signal }) => (await getCourtQueue({ query: { include }, signal, throwOnError: true })).data.items,
  });

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['court', 'applications', id],
    queryFn: async ({ signal }) => (await getConfirmationApplication({ path: { id }, signal, throwOnError: true })).data,
  });

export const courtQuery = (id: string) =>
  queryOptions({
    queryKey: ['organisations', id],
    queryFn: async ({ signal }) => (await getOrganisation({ path: { id }, signal, throwOnError: true })).data,
    staleTime: 5 * 60_000,
  });

export const membersQuery = (organisationId: string) =>
  queryOptions({
    queryKey: ['organisations', organisationId, 'members'],
    queryFn: async ({ signal }) => (await listOrganisationMembers({ path: { id: organisationId }, signal, throwOnError: true })).data.items,
  });

/** After a court step: the answer is the application now; the queue and the case change with it. */
export async function applied(queryClient: QueryClient, view: ApplicationView): Promise<void> {
  queryClient.setQueryData(applicationQuery(view.id).queryKey, view);
  await Promise.all([queryClient.invalidateQueries({ queryKey: ['court'] }), queryClient.invalidateQueries({ queryKey: ['cases', view.caseId] })]);
}

/** The ruling as it would be issued now (a PDF the judge reads first; nothing is stored). */
export async function fetchRulingPreview(applicationId: string, body: RulingPreviewRequest): Promise<Blob> {
  const { data } = await previewRuling({ path: { id: applicationId }, body, parseAs: 'blob', throwOnError: true });
  return data as Blob;
}
