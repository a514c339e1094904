import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { getCase, listCases } from '../api/generated/sdk.gen';
import type { CaseSummaryView, CaseView, ListCasesData } from '../api/generated/types.gen';

type CaseStatusCode = NonNullable<NonNullable<ListCasesData['query']>['status']>[number];

/** A row of GET /cases. */
export type CaseSummary = CaseSummaryView;

/** Cases I may see, newest first, a page at a time (keyset cursor). */
export const myCasesQuery = (q: string | undefined, status?: readonly CaseStatusCode[]) =>
  infiniteQueryOptions({
    queryKey: ['cases', 'mine', { q, status }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const { data } = await listCases({ query: { q, status: status && [...status], cursor: pageParam, limit: 20 }, signal, throwOnError: true });
      return data;
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id],
    queryFn: async ({ signal }): Promise<CaseView> => (await getCase({ path: { id }, signal, throwOnError: true })).data,
  });
