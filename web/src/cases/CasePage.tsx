import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { usePageTitle } from '../shell/use-page-title';
import { caseQuery } from './cases-api';
import { CaseStatusWithNext } from './CaseStatus';

const route = getRouteApi('/signed-in/cases/$caseId');

/**
 * The case page. For now its header (number, title, status); the tabs (overview, timeline,
 * documents, service, deadlines) and the "next steps" menu come next. E-mails link here.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const found = useQuery(caseQuery(caseId));
  const view = found.data;
  usePageTitle(view ? t('cases.caseHeader', { number: view.number }) : undefined);

  return (
    <>
      <Typography.Paragraph>
        <Link to="/cases">{t('cases.back')}</Link>
      </Typography.Paragraph>
      {found.isLoading && <Skeleton active />}
      {found.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={toApiProblem(found.error).status === 404 ? t('cases.notFound') : describeProblem(toApiProblem(found.error), t)}
        />
      )}
      {view && (
        <>
          <Typography.Title level={1} style={{ fontSize: 28 }}>
            {view.title}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'number', label: t('cases.number'), children: <span data-testid="case-number">{view.number}</span> },
              { key: 'status', label: t('cases.status'), children: <CaseStatusWithNext status={view.status} /> },
            ]}
          />
        </>
      )}
    </>
  );
}
