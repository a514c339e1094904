import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../shell/use-page-title';

/** Stands in for a portal that is not built yet: says so, and where its data already is. */
export function PortalPlaceholder({ titleKey }: { titleKey: 'nav.mediator' | 'nav.court' | 'nav.admin' }) {
  const { t } = useTranslation();
  const title = t(titleKey);
  usePageTitle(title);
  return <Result status="info" title={<h1 className="ant-result-title">{title}</h1>} subTitle={t('portal.comingText')} />;
}
