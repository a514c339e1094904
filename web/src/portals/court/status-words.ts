import { useTranslation } from 'react-i18next';

/** An application's status in the court's plain words; an unknown one shows as itself. */
export function useApplicationStatusText(): (status: string) => string {
  const { t, i18n } = useTranslation();
  return (status) => {
    const key = `courtDesk.statuses.${status}`;
    // Checked just above; i18next's typed keys cannot see through a computed key.
    return i18n.exists(key) ? t(key as 'courtDesk.statuses.lodged') : status.replaceAll('_', ' ');
  };
}
