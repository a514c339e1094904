import { useTranslation } from 'react-i18next';

/**
 * Codes of the queue in plain words: a code this app has no words for yet (the API grew) shows
 * as itself with underscores turned to spaces, never as a missing key. Dispute types and
 * deadline kinds reuse the words the respondent's and the case page's screens already have.
 */
export function useQueueWords() {
  const { t, i18n } = useTranslation();
  const known = (key: string, code: string): string =>
    // The key was checked just before; i18next's typed keys cannot see through a computed key.
    i18n.exists(key) ? t(key as 'mediatorQueue.title') : code.replaceAll('_', ' ');
  return {
    disputeType: (code: string) => known(`respondent.disputeTypes.${code}`, code),
    deadlineKind: (code: string) => known(`casePage.deadlines.kinds.${code}`, code),
    filter: (code: string) => known(`mediatorQueue.offers.filters.${code}`, code),
    language: (code: string) => known(`languages.${code}`, code),
  };
}
