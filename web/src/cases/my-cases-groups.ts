import type { ListCasesData } from '../api/generated/types.gen';

type Status = NonNullable<NonNullable<ListCasesData['query']>['status']>[number];

/** The status tabs of My cases, in a party's words: each a set of the API's states. */
export const STATUS_GROUPS = {
  all: undefined,
  drafts: ['draft', 'needs_correction'],
  inProgress: ['submitted', 'assigning', 'awaiting_respondent'],
  mediating: ['mediating', 'signing'],
  settled: ['settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed'],
  closed: ['closed', 'archived'],
  /** Where a case can still ask something of a party (for "What I must do now"). */
  open: [
    'draft',
    'needs_correction',
    'submitted',
    'assigning',
    'awaiting_respondent',
    'mediating',
    'signing',
    'settled',
    'under_court_review',
    'confirmation_rejected',
    'confirmed',
  ],
} as const satisfies Record<string, readonly Status[] | undefined>;

export type StatusGroup = Exclude<keyof typeof STATUS_GROUPS, 'open'>;
export const STATUS_TABS: readonly StatusGroup[] = ['all', 'drafts', 'inProgress', 'mediating', 'settled', 'closed'];
