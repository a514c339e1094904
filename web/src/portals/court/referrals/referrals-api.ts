import { infiniteQueryOptions } from '@tanstack/react-query';
import { authorisedFetch } from '../../../api/client';
import { listReferredCases } from '../../../api/generated/sdk.gen';
import type { ListReferredCasesData, ReferredCaseView } from '../../../api/generated/types.gen';
import { toApiProblem } from '../../../api/problem';
import { saveBlob } from '../../../api/save-file';
import type { ReferralFilters } from './referral-filters';

export { REFERRAL_STATUSES, REFERRAL_TYPES, type ReferralFilters } from './referral-filters';
export type ReferredCase = ReferredCaseView;
type Query = NonNullable<ListReferredCasesData['query']>;

const apiQuery = (f: ReferralFilters): Query => ({ q: f.q, status: f.status && [f.status], referralType: f.type });

/** The court's referred cases, newest first, a page at a time (keyset cursor). */
export const referredCasesQuery = (filters: ReferralFilters) =>
  infiniteQueryOptions({
    queryKey: ['court-referrals', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const { data } = await listReferredCases({ query: { ...apiQuery(filters), cursor: pageParam, limit: 20 }, signal, throwOnError: true });
      return data;
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** Saves what an API address answers as a file. */
export async function saveDownload(path: string, params: Record<string, string | undefined>, filename: string): Promise<void> {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await authorisedFetch(`${path}?${search}`);
  if (!response.ok) throw toApiProblem(await response.json().catch(() => undefined), response);
  saveBlob(await response.blob(), filename);
}

/** Every referred case the filters select, as CSV (UTF-8 with a BOM, so Excel shows Chinese). */
export const downloadReferredCsv = (filters: ReferralFilters, lang: 'zh-CN' | 'en') =>
  saveDownload('/api/v1/court-referrals/export', { lang, q: filters.q, status: filters.status, referralType: filters.type }, `referred-cases-${lang}.csv`);

export const downloadTemplate = (lang: 'zh-CN' | 'en', format: 'xlsx' | 'csv') =>
  saveDownload('/api/v1/court-referrals/import-template', { lang, format }, `referral-template-${lang}.${format}`);
