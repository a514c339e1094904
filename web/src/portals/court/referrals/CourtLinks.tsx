import { Link } from '@tanstack/react-router';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';

/** The way back: the court portal, then the referred list (on the pages below it). */
export function CourtLinks({ current }: { current: 'list' | 'new' | 'import' }) {
  const { t } = useTranslation();
  const items = [{ title: <Link to="/court">{t('courtReferral.back')}</Link> }];
  if (current === 'list') items.push({ title: <span aria-current="page">{t('courtReferral.list.title')}</span> });
  else {
    items.push({
      title: (
        <Link to="/court/referrals" search={{}}>
          {t('courtReferral.list.title')}
        </Link>
      ),
    });
    items.push({ title: <span aria-current="page">{current === 'new' ? t('courtReferral.form.title') : t('courtReferral.import.title')}</span> });
  }
  return (
    <nav aria-label={t('courtReferral.linksLabel')}>
      <Breadcrumb items={items} style={{ marginBottom: 12 }} />
    </nav>
  );
}
