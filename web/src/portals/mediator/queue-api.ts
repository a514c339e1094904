import { queryOptions } from '@tanstack/react-query';
import { getMediatorProfile, getMediatorQueue } from '../../api/generated/sdk.gen';
import type { MediatorProfileRecord, MediatorQueueView } from '../../api/generated/types.gen';

/** The mediator's queue: its open offers and its active cases (one request; a caseload is bounded by its capacity). */
export const mediatorQueueQuery = () =>
  queryOptions({
    queryKey: ['mediator', 'queue'],
    queryFn: async ({ signal }): Promise<MediatorQueueView> => (await getMediatorQueue({ signal, throwOnError: true })).data,
    // An offer's countdown runs on the screen; a new offer or a case's next deadline can change meanwhile.
    refetchInterval: 60_000,
  });

export const mediatorProfileQuery = (userId: string) =>
  queryOptions({
    queryKey: ['mediator', 'profile', userId],
    queryFn: async ({ signal }): Promise<MediatorProfileRecord> => (await getMediatorProfile({ path: { userId }, signal, throwOnError: true })).data,
  });
