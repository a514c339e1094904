import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, DatePicker, Form, Input, Select, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listDeliveries, listExhaustedServices, listFailedDeliveries, listServices, recordOfflineService } from '../../api/generated/sdk.gen';
import type { FailedDeliveryView, ServiceView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { WideTable } from './WideTable';
import { ADMIN_KEY, caseByNumber } from './admin-api';

const METHODS = ['post', 'in_person', 'court', 'other'] as const;

type Row = ServiceView & { caseNumber?: string };

/**
 * What service of process needs a person for: services no channel could make effective, any
 * case's services to serve on paper, and notifications that never arrived with every attempt.
 */
export function ServiceSection() {
  const { t } = useTranslation();
  const [offline, setOffline] = useState<Row>();
  const [number, setNumber] = useState<string>();
  const exhausted = useQuery({
    queryKey: [ADMIN_KEY, 'exhausted-services'],
    queryFn: async ({ signal }) => (await listExhaustedServices({ query: { limit: 100 }, signal, throwOnError: true })).data.items,
  });
  const found = useQuery({
    queryKey: [ADMIN_KEY, 'services-of', number],
    enabled: !!number,
    queryFn: async ({ signal }) => {
      const c = await caseByNumber(number!);
      if (!c) return null;
      const services = (await listServices({ path: { id: c.id }, signal, throwOnError: true })).data.items;
      return services.map((s): Row => ({ ...s, caseNumber: c.number }));
    },
  });
  const failed = useQuery({
    queryKey: [ADMIN_KEY, 'failed-deliveries'],
    queryFn: async ({ signal }) => (await listFailedDeliveries({ query: { limit: 100 }, signal, throwOnError: true })).data.items,
  });

  const serviceColumns = [
    {
      title: t('cases.number'),
      key: 'case',
      render: (_: unknown, s: Row) => (
        <Link to="/cases/$caseId" params={{ caseId: s.caseId }} search={{ tab: 'service' }}>
          {s.caseNumber ?? s.caseId}
        </Link>
      ),
    },
    { title: t('adminPortal.service.recipient'), dataIndex: 'recipientName' },
    { title: t('adminPortal.service.purpose'), dataIndex: 'purpose', render: (p: string) => p.replaceAll('_', ' ') },
    { title: t('adminPortal.service.channels'), dataIndex: 'channels', render: (c: string[]) => c.join(', ') },
    {
      title: t('adminPortal.service.state'),
      key: 'state',
      render: (_: unknown, s: Row) =>
        s.offline ? (
          <Tag>{t('adminPortal.service.servedOffline')}</Tag>
        ) : s.effectiveAt ? (
          <Tag>{t('adminPortal.service.served', { date: dayjs(s.effectiveAt).format('LLL') })}</Tag>
        ) : s.exhaustedAt ? (
          <Tag color="red">{t('adminPortal.service.exhausted', { date: dayjs(s.exhaustedAt).format('LLL') })}</Tag>
        ) : (
          <Tag>{t('adminPortal.service.notYet')}</Tag>
        ),
    },
    {
      title: t('adminPortal.actions'),
      key: 'actions',
      render: (_: unknown, s: Row) =>
        !s.offline &&
        !s.effectiveAt && (
          <Button size="small" onClick={() => setOffline(s)}>
            {t('adminPortal.service.serveOffline')}
          </Button>
        ),
    },
  ];

  const error = exhausted.error ?? failed.error ?? found.error;
  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(error), t)} />}
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('adminPortal.service.exhaustedTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('adminPortal.service.exhaustedIntro')}</Typography.Paragraph>
      <WideTable label={t('adminPortal.service.exhaustedTitle')}>
        <Table<Row>
          rowKey="id"
          loading={exhausted.isLoading}
          dataSource={exhausted.data}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.service.noneExhausted')}</Typography.Text> }}
          columns={serviceColumns}
        />
      </WideTable>

      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 32 }}>
        {t('adminPortal.service.findTitle')}
      </Typography.Title>
      <Input.Search
        aria-label={t('cases.number')}
        placeholder={t('cases.number')}
        enterButton={t('adminPortal.service.find')}
        onSearch={(value) => setNumber(value.trim() || undefined)}
        style={{ maxWidth: 400 }}
      />
      {found.data === null && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('adminPortal.noSuchCase', { number: number ?? '' })} />}
      {found.data && (
        <WideTable label={t('adminPortal.service.findTitle')}>
          <Table<Row>
            style={{ marginTop: 16 }}
            rowKey="id"
            dataSource={found.data}
            locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
            pagination={false}
            columns={serviceColumns}
          />
        </WideTable>
      )}

      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 32 }}>
        {t('adminPortal.service.failedTitle')}
      </Typography.Title>
      <WideTable label={t('adminPortal.service.failedTitle')}>
        <Table<FailedDeliveryView>
          rowKey="id"
          loading={failed.isLoading}
          dataSource={failed.data}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.service.noneFailed')}</Typography.Text> }}
          expandable={{ expandedRowRender: (d) => <Attempts notificationId={d.notificationId} /> }}
          columns={[
            { title: t('adminPortal.service.when'), dataIndex: 'startedAt', render: (at: string) => dayjs(at).format('LLL') },
            { title: t('adminPortal.service.what'), dataIndex: 'template', render: (x: string) => x.replaceAll('_', ' ') },
            { title: t('adminPortal.service.channel'), dataIndex: 'channel' },
            { title: t('adminPortal.service.address'), dataIndex: 'address' },
            { title: t('adminPortal.service.error'), key: 'error', render: (_, d) => d.error ?? d.providerResponse },
          ]}
        />
      </WideTable>

      <ActionModal<{ method: (typeof METHODS)[number]; reason: string; servedAt?: Dayjs }>
        title={t('adminPortal.service.offlineTitle', { name: offline?.recipientName ?? '' })}
        open={!!offline}
        onClose={() => setOffline(undefined)}
        submitText={t('adminPortal.service.record')}
        done={t('adminPortal.service.recorded')}
        onSubmit={async ({ method, reason, servedAt }) => {
          await recordOfflineService({ path: { id: offline!.id }, body: { method, reason, servedAt: servedAt?.toISOString() }, throwOnError: true });
        }}
      >
        <Form.Item name="method" label={t('adminPortal.service.method')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Select options={METHODS.map((m) => ({ value: m, label: t(`adminPortal.service.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('adminPortal.service.reason')}
          extra={t('adminPortal.service.reasonHelp')}
          rules={[{ required: true, message: t('adminPortal.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="servedAt" label={t('adminPortal.service.servedAt')} extra={t('adminPortal.service.servedAtHelp')}>
          <DatePicker showTime />
        </Form.Item>
      </ActionModal>
    </>
  );
}

/** Every attempt to deliver one notification, on every channel. */
function Attempts({ notificationId }: { notificationId: string }) {
  const { t } = useTranslation();
  const attempts = useQuery({
    queryKey: [ADMIN_KEY, 'deliveries', notificationId],
    queryFn: async ({ signal }) => (await listDeliveries({ path: { id: notificationId }, signal, throwOnError: true })).data.items,
  });
  if (attempts.error) return <Alert type="error" showIcon title={describeProblem(toApiProblem(attempts.error), t)} />;
  return (
    <Timeline
      items={(attempts.data ?? []).map((a) => ({
        key: a.id,
        color: a.status === 'delivered' ? 'green' : a.status === 'failed' ? 'red' : 'gray',
        content: t('adminPortal.service.attempt', {
          n: a.attempt,
          channel: a.channel,
          address: a.address,
          when: dayjs(a.startedAt).format('LLL'),
          outcome: t(`adminPortal.service.outcomes.${a.status}`),
          detail: a.error ?? a.providerResponse ?? '',
        }),
      }))}
    />
  );
}
