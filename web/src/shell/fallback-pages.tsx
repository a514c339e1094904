import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './use-page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('app.notFoundTitle'));
  return (
    <Result status="404" title={<h1 className="ant-result-title">{t('app.notFoundTitle')}</h1>} subTitle={t('app.notFoundText')} extra={<Link to="/">{t('app.goHome')}</Link>} />
  );
}

export function RouteErrorPage({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  usePageTitle(t('app.crashTitle'));
  // Shown to the person; the details stay in the console for whoever debugs it.
  console.error(error);
  return (
    <Result
      status="error"
      title={<h1 className="ant-result-title">{t('app.crashTitle')}</h1>}
      subTitle={t('app.crashText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </Button>
      }
    />
  );
}
