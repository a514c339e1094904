import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Input, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { usePageTitle } from '../shell/use-page-title';
import { myCasesQuery, type CaseSummary } from './cases-api';
import { CaseStatusWithNext } from './CaseStatus';

const route = getRouteApi('/signed-in/cases');

/** The parties' home: every case I am in. The search is in the URL (?q=), so it can be shared and survives a reload. */
export function MyCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.myCases'));
  const { q } = route.useSearch();
  const navigate = route.useNavigate();
  const cases = useInfiniteQuery(myCasesQuery(q));
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('cases.myCases')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cases.intro')}</Typography.Paragraph>
      <Input.Search
        aria-label={t('cases.search')}
        placeholder={t('cases.search')}
        defaultValue={q}
        allowClear
        onSearch={(value) => void navigate({ search: { q: value.trim() || undefined } })}
        style={{ maxWidth: 400, marginBottom: 16 }}
      />
      {cases.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(cases.error), t)} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        loading={cases.isLoading}
        dataSource={rows}
        pagination={false}
        // Ant Design's own empty text is 25 % grey: too faint to read.
        locale={{ emptyText: <Typography.Text type="secondary">{t('cases.empty')}</Typography.Text> }}
        columns={[
          {
            title: t('cases.number'),
            dataIndex: 'number',
            render: (number: string, row) => (
              <Link to="/cases/$caseId" params={{ caseId: row.id }}>
                {number}
              </Link>
            ),
          },
          { title: t('cases.title'), dataIndex: 'title' },
          { title: t('cases.status'), dataIndex: 'status', render: (status: string) => <CaseStatusWithNext status={status} /> },
          // Phones show the three columns that matter, so the table never scrolls sideways.
          { title: t('cases.updated'), dataIndex: 'updatedAt', responsive: ['md'], render: (at: string) => dayjs(at).format('LL') },
        ]}
      />
      {cases.hasNextPage && (
        <Button onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage} style={{ marginTop: 16 }}>
          {t('cases.loadMore')}
        </Button>
      )}
    </>
  );
}
