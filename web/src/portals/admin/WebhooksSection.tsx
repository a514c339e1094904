import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, App, Button, Select, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listWebhookAttempts, listWebhookDeliveries, replayWebhookDelivery } from '../../api/generated/sdk.gen';
import type { WebhookDeliveryView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { WideTable } from './WideTable';
import { ADMIN_KEY } from './admin-api';

type Status = WebhookDeliveryView['status'];
const STATUSES: readonly Status[] = ['failed', 'pending', 'sending', 'delivered'];
const STATUS_COLOUR: Record<Status, string | undefined> = { failed: 'red', pending: 'gold', sending: 'blue', delivered: 'green' };

/**
 * Courts' systems' webhooks: every delivery, newest first (given up ones by the filter), each
 * with its attempts (status code or error, duration), and a replay for one delivered or given up.
 */
export function WebhooksSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [status, setStatus] = useState<Status>();
  const deliveries = useInfiniteQuery({
    queryKey: [ADMIN_KEY, 'webhook-deliveries', status],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => (await listWebhookDeliveries({ query: { status, cursor: pageParam, limit: 50 }, signal, throwOnError: true })).data,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  const replay = async (d: WebhookDeliveryView) => {
    try {
      await replayWebhookDelivery({ path: { id: d.id }, throwOnError: true });
      void message.success(t('adminPortal.webhooks.replayed'));
    } catch (problem) {
      const text = handleProblem(problem);
      if (text) void message.error(text);
    }
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY, 'webhook-deliveries'] });
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY, 'webhook-attempts', d.id] });
  };

  return (
    <>
      <Typography.Paragraph>{t('adminPortal.webhooks.intro')}</Typography.Paragraph>
      <Select<Status | 'all'>
        aria-label={t('adminPortal.webhooks.filter')}
        value={status ?? 'all'}
        onChange={(value) => setStatus(value === 'all' ? undefined : value)}
        options={[{ value: 'all' as const, label: t('adminPortal.webhooks.all') }, ...STATUSES.map((x) => ({ value: x, label: t(`adminPortal.webhooks.statuses.${x}`) }))]}
        style={{ width: 280, marginBottom: 16 }}
      />
      {deliveries.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(deliveries.error), t)} />}
      <WideTable label={t('adminPortal.sections.webhooks')}>
        <Table<WebhookDeliveryView>
          rowKey="id"
          loading={deliveries.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
          expandable={{ expandedRowRender: (d) => <Attempts deliveryId={d.id} /> }}
          columns={[
            { title: t('adminPortal.webhooks.when'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('LLL') },
            { title: t('adminPortal.webhooks.event'), dataIndex: 'type', render: (x: WebhookDeliveryView['type']) => t(`adminPortal.webhooks.events.${x}`) },
            {
              title: t('adminPortal.webhooks.case'),
              key: 'case',
              render: (_: unknown, d: WebhookDeliveryView) => (
                <Link to="/cases/$caseId" params={{ caseId: d.caseId }}>
                  {t('adminPortal.webhooks.caseEvent', { sequence: d.sequence })}
                </Link>
              ),
            },
            {
              title: t('adminPortal.webhooks.status'),
              key: 'status',
              render: (_: unknown, d: WebhookDeliveryView) => <Tag color={STATUS_COLOUR[d.status]}>{t(`adminPortal.webhooks.statuses.${d.status}`)}</Tag>,
            },
            { title: t('adminPortal.webhooks.attempts'), dataIndex: 'attempts' },
            {
              title: t('adminPortal.webhooks.lastResult'),
              key: 'last',
              render: (_: unknown, d: WebhookDeliveryView) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''),
            },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_: unknown, d: WebhookDeliveryView) =>
                (d.status === 'delivered' || d.status === 'failed') && (
                  <Button size="small" onClick={() => void replay(d)}>
                    {t('adminPortal.webhooks.replay')}
                  </Button>
                ),
            },
          ]}
        />
      </WideTable>
      {deliveries.hasNextPage && (
        <Button style={{ marginTop: 16 }} loading={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
          {t('adminPortal.more')}
        </Button>
      )}
    </>
  );
}

/** Every attempt of one delivery, first first. */
function Attempts({ deliveryId }: { deliveryId: string }) {
  const { t } = useTranslation();
  const attempts = useQuery({
    queryKey: [ADMIN_KEY, 'webhook-attempts', deliveryId],
    queryFn: async ({ signal }) => (await listWebhookAttempts({ path: { id: deliveryId }, signal, throwOnError: true })).data.items,
  });
  if (attempts.error) return <Alert type="error" showIcon title={describeProblem(toApiProblem(attempts.error), t)} />;
  return (
    <Timeline
      items={(attempts.data ?? []).map((a) => ({
        key: a.attempt,
        color: a.error ? 'red' : a.finishedAt ? 'green' : 'gray',
        content: t(a.replay ? 'adminPortal.webhooks.replayAttempt' : 'adminPortal.webhooks.attempt', {
          n: a.attempt,
          when: dayjs(a.startedAt).format('LLL'),
          outcome: a.statusCode ? `HTTP ${a.statusCode}` : t('adminPortal.webhooks.noAnswer'),
          ms: a.durationMs ?? '—',
          detail: a.error ?? '',
        }),
      }))}
    />
  );
}
