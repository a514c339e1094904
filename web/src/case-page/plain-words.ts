import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type Group = 'roles' | 'actions' | 'events' | 'kinds' | 'visibilities' | 'claimKinds' | 'offlineSteps';

/**
 * An API code (role, event, document kind…) in plain words. A code this app has no words for
 * yet (the API grew) shows as itself with underscores turned to spaces, never as a missing key.
 */
export function usePlainWords(): (group: Group, code: string) => string {
  const { t, i18n } = useTranslation();
  return (group, code) => {
    const key = `casePage.${group}.${code}`;
    if (!i18n.exists(key)) return code.replaceAll('_', ' ');
    // The key was checked just above; i18next's typed keys cannot see through a computed key.
    return t(key as 'casePage.roles.applicant');
  };
}

/** Whole days from now until `at`, rounded up (due later today = 1 day left); negative when past. */
export function daysLeft(at: string, now: dayjs.Dayjs = dayjs()): number {
  return Math.ceil(dayjs(at).diff(now, 'hour', true) / 24);
}

export function useDaysLeftText(): (at: string) => string {
  const { t } = useTranslation();
  return (at) => {
    const days = daysLeft(at);
    return days < 0 ? t('casePage.overdue') : t('casePage.daysLeft', { count: days });
  };
}

export const when = (at: string | null | undefined): string | undefined => (at ? dayjs(at).format('LLL') : undefined);
