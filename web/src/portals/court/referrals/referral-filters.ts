import type { ListReferredCasesData } from '../../../api/generated/types.gen';

/** The referred list's filters and their values: pure, so the router can read the URL without the API client. */
type Query = NonNullable<ListReferredCasesData['query']>;
export type ReferralStatus = NonNullable<Query['status']>[number];
export type ReferralType = NonNullable<Query['referralType']>;

export const REFERRAL_TYPES: readonly ReferralType[] = ['pre_filing', 'post_filing_ordinary', 'post_filing_simplified'];
/** The states a referred case can be in (it arrives submitted: never a draft). */
export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'submitted',
  'needs_correction',
  'assigning',
  'awaiting_respondent',
  'mediating',
  'signing',
  'settled',
  'confirmation_requested',
  'under_court_review',
  'confirmation_rejected',
  'confirmed',
  'closed',
  'archived',
];

/** The list's filters, as the URL holds them (?q=&status=&type=). */
export interface ReferralFilters {
  q?: string;
  status?: ReferralStatus;
  type?: ReferralType;
}
