import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { casesControllerGetV1, casesControllerListV1 } from '../api/generated/sdk.gen';
import type { CaseView } from '../api/generated/types.gen';

/** A row of GET /cases (the API's CaseSummaryView). */
export interface CaseSummary {
  id: string;
  number: string;
  status: string;
  version: number;
  title: string;
  disputeType: string;
  source: string;
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
}

interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

/** Cases I may see, newest first, a page at a time (keyset cursor). */
export const myCasesQuery = (q: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['cases', 'mine', { q }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const { data } = await casesControllerListV1({ query: { q, cursor: pageParam, limit: 20 }, signal, throwOnError: true });
      // The list's item schema is not declared yet (items: unknown[][]); this is its real shape.
      return data as unknown as CasePage;
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['cases', id],
    queryFn: async ({ signal }): Promise<CaseView> => (await casesControllerGetV1({ path: { id }, signal, throwOnError: true })).data,
  });
