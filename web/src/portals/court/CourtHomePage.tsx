import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntryView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { usePageTitle } from '../../shell/use-page-title';
import { ClerkActions } from './ClerkActions';
import { Countdown } from './countdown';
import { courtQueueQuery, type QueueFilter } from './court-api';
import { CourtNav } from './CourtNav';
import { useApplicationStatusText } from './status-words';

const route = getRouteApi('/signed-in/court');

/**
 * The court portal's home: the confirmation queue, the most urgent first (the API orders it by
 * the court's own next deadline), each row with its countdown and the clerk's next step.
 */
export function CourtHomePage() {
  const { t } = useTranslation();
  const statusText = useApplicationStatusText();
  const { show = 'open' } = route.useSearch();
  const navigate = route.useNavigate();
  const queue = useQuery(courtQueueQuery(show));
  const [docketed, setDocketed] = useState<string>();
  usePageTitle(t('courtDesk.queue.title'));

  return (
    <>
      <CourtNav current="queue" />
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('courtDesk.queue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('courtDesk.queue.intro')}</Typography.Paragraph>
      {docketed && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={<span data-testid="docketed-number">{t('courtDesk.clerk.docketed', { number: docketed })}</span>}
          closable={{ onClose: () => setDocketed(undefined), 'aria-label': t('courtDesk.file.close') }}
          style={{ marginBottom: 16 }}
        />
      )}
      {queue.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(queue.error), t)} style={{ marginBottom: 16 }} />}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text id="queue-filter-label">{t('courtDesk.queue.show')}</Typography.Text>
          <Segmented<QueueFilter>
            aria-labelledby="queue-filter-label"
            value={show}
            onChange={(value) => void navigate({ search: { show: value === 'open' ? undefined : value }, replace: true })}
            options={[
              { value: 'open', label: t('courtDesk.queue.open') },
              { value: 'all', label: t('courtDesk.queue.all') },
            ]}
          />
        </Space>
        {queue.data && show === 'open' && <Typography.Text data-testid="queue-count">{t('courtDesk.queue.count', { count: queue.data.length })}</Typography.Text>}
      </Flex>
      <Table<QueueEntryView>
        rowKey="applicationId"
        loading={queue.isLoading}
        dataSource={queue.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="confirmation-queue"
        locale={{ emptyText: <Typography.Text type="secondary">{t('courtDesk.queue.empty')}</Typography.Text> }}
        columns={[
          {
            title: t('courtDesk.queue.caseNumber'),
            dataIndex: 'caseNumber',
            render: (number: string, entry) => (
              <Link to="/court/applications/$applicationId" params={{ applicationId: entry.applicationId }}>
                {number}
              </Link>
            ),
          },
          { title: t('courtDesk.queue.caseTitle'), dataIndex: 'caseTitle', responsive: ['md'] },
          {
            title: t('courtDesk.queue.stage'),
            dataIndex: 'status',
            render: (status: string, entry) => (
              <Space direction="vertical" size={2}>
                <Tag>{statusText(status)}</Tag>
                {entry.supplementDueAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('courtDesk.queue.waitingMaterial', { date: dayjs(entry.supplementDueAt).format('LL') })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('courtDesk.queue.timeLeft'),
            key: 'left',
            render: (_: unknown, entry) => (entry.courtDueAt ? <Countdown dueAt={entry.courtDueAt} /> : '—'),
          },
          { title: t('courtDesk.queue.docketNumber'), dataIndex: 'docketNumber', render: (n: string | null) => n ?? '—' },
          {
            title: t('courtDesk.queue.actions'),
            key: 'actions',
            render: (_: unknown, entry) => (
              <ClerkActions
                size="small"
                target={{ applicationId: entry.applicationId, caseNumber: entry.caseNumber, status: entry.status, awaitingMaterial: !!entry.supplementDueAt }}
                onDocketed={setDocketed}
              />
            ),
          },
        ]}
      />
    </>
  );
}
