import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Badge, Button, Card, Input, List, Space, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { listCases } from '../api/generated/sdk.gen';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { usePlainWords, useDaysLeftText } from '../case-page/plain-words';
import { usePageTitle } from '../shell/use-page-title';
import { caseQuery, myCasesQuery, type CaseSummary } from './cases-api';
import { CaseStatusWithNext } from './CaseStatus';
import { STATUS_GROUPS, STATUS_TABS, type StatusGroup } from './my-cases-groups';

const route = getRouteApi('/signed-in/cases');

/**
 * The parties' home: first what I must do now, then every case I am in by status. The search and
 * the status tab are in the URL (?q=, ?status=), so they can be shared and survive a reload.
 */
export function MyCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.myCases'));
  const { q, status: group = 'all' } = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const cases = useInfiniteQuery(myCasesQuery(q, STATUS_GROUPS[group]));
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];

  /** A full case number opens the case; anything else searches. */
  const search = async (value: string) => {
    const text = value.trim();
    if (text) {
      const { data } = await listCases({ query: { q: text, limit: 5 } });
      const exact = data?.items.find((c) => c.number.toLowerCase() === text.toLowerCase());
      if (exact) {
        await navigate({ to: '/cases/$caseId', params: { caseId: exact.id }, search: {} });
        return;
      }
    }
    await navigate({ search: (prev) => ({ ...prev, q: text || undefined }) });
  };

  return (
    <>
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 28 }}>
          {t('cases.myCases')}
        </Typography.Title>
        <Button type="primary" onClick={() => void navigate({ to: '/cases/new' })}>
          {t('myCases.fileApplication')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('cases.intro')}</Typography.Paragraph>
      <MustDo />
      <Input.Search
        aria-label={t('cases.search')}
        placeholder={t('cases.search')}
        defaultValue={q}
        allowClear
        onSearch={(value) => void search(value)}
        style={{ maxWidth: 400, marginBottom: 4 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('myCases.openHelp')}
      </Typography.Paragraph>
      <Tabs
        className="wrapping-tabs"
        activeKey={group}
        aria-label={t('myCases.statusTabs')}
        onChange={(key) => void navigate({ search: (prev) => ({ ...prev, status: key === 'all' ? undefined : (key as StatusGroup) }) })}
        items={STATUS_TABS.map((key) => ({ key, label: t(`myCases.${key}`) }))}
      />
      {cases.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(cases.error), t)} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        loading={cases.isLoading}
        dataSource={rows}
        pagination={false}
        // Ant Design's own empty text is 25 % grey: too faint to read.
        locale={{ emptyText: <Typography.Text type="secondary">{t('cases.empty')}</Typography.Text> }}
        onRow={(row) => ({ onMouseEnter: () => void queryClient.prefetchQuery(caseQuery(row.id)) })}
        columns={[
          {
            title: t('cases.number'),
            dataIndex: 'number',
            render: (number: string, row) => (
              <Link to="/cases/$caseId" params={{ caseId: row.id }} search={{}}>
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

/**
 * Cases that ask something of me now (correct, respond, sign, consent, supplement…), with the
 * deadline: the list's summaries say both (pendingActions, nextDeadline), so this is one request.
 */
function MustDo() {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const left = useDaysLeftText();
  const open = useInfiniteQuery(myCasesQuery(undefined, STATUS_GROUPS.open));
  const waiting = (open.data?.pages[0]?.items ?? []).filter((c) => c.pendingActions.length > 0);
  const loading = open.isLoading;

  return (
    <Card
      title={
        <Space>
          {t('myCases.mustDo')}
          <Badge count={waiting.length} showZero={false} color="#b42318" />
        </Space>
      }
      style={{ marginBottom: 24 }}
      data-testid="must-do"
    >
      <List
        loading={loading}
        dataSource={waiting}
        locale={{ emptyText: <Typography.Text type="secondary">{t('myCases.mustDoEmpty')}</Typography.Text> }}
        renderItem={(view) => {
          const due = view.nextDeadline;
          const actions = view.pendingActions.map((event) => plain('actions', event));
          return (
            <List.Item>
              <List.Item.Meta
                title={
                  // The title is the link: the table below links the case number already.
                  <Space wrap size={8}>
                    <Link to="/cases/$caseId" params={{ caseId: view.id }} search={{}}>
                      {view.title}
                    </Link>
                    <Typography.Text type="secondary">{view.number}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <Typography.Text strong>{actions.join(' / ')}</Typography.Text>
                    {due && <Typography.Text type="secondary">{` — ${t('myCases.due', { date: dayjs(due.dueAt).format('LL') })} (${left(due.dueAt)})`}</Typography.Text>}
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
