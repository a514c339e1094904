import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disableWebhookSubscription, listWebhookSubscriptions, rotateWebhookSecret, subscribeWebhook } from '../../api/generated/sdk.gen';
import type { AdminSubscribeWebhookRequest, CourtSystemKeyView, WebhookSubscriptionView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { ShownOnceModal } from './ShownOnceModal';
import { WideTable } from './WideTable';
import { ADMIN_KEY, WEBHOOK_EVENT_TYPES } from './admin-api';

interface WebhookSubscriptionsProps {
  /** The courts' systems are known through their keys. */
  keys: readonly CourtSystemKeyView[];
  courtName: (courtId: string) => string;
}

/**
 * Where each court's system hears of its cases' events: subscribe a system's https address to the
 * events it wants (the signing secret is shown once), rotate the secret (the old one keeps signing
 * for an overlap, so the system can switch without losing a delivery), or stop the deliveries.
 */
export function WebhookSubscriptions({ keys, courtName }: WebhookSubscriptionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [subscribing, setSubscribing] = useState(false);
  const [secret, setSecret] = useState<{ value: string; url: string }>();
  const subscriptions = useQuery({
    queryKey: [ADMIN_KEY, 'webhook-subscriptions'],
    queryFn: async ({ signal }) => (await listWebhookSubscriptions({ query: { limit: 100 }, signal, throwOnError: true })).data,
  });
  const systems = new Map(keys.map((k) => [k.courtSystemId, `${k.courtSystemName} · ${courtName(k.courtId)}`]));
  const systemName = (id: string) => systems.get(id) ?? id;

  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (problem) {
      const text = handleProblem(problem);
      if (text) void message.error(text);
    }
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY, 'webhook-subscriptions'] });
  };
  const rotate = (s: WebhookSubscriptionView) =>
    act(async () => {
      const { data } = await rotateWebhookSecret({ path: { id: s.id }, throwOnError: true });
      setSecret({ value: data.secret, url: data.url });
    });
  const disable = (s: WebhookSubscriptionView) =>
    act(async () => {
      await disableWebhookSubscription({ path: { id: s.id }, throwOnError: true });
      void message.success(t('adminPortal.courtSystems.webhooks.disabled', { url: s.url }));
    });

  return (
    <section aria-labelledby="webhook-subscriptions" style={{ marginTop: 32 }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ maxWidth: 720 }}>
          <Typography.Title level={2} id="webhook-subscriptions" style={{ fontSize: 20 }}>
            {t('adminPortal.courtSystems.webhooks.title')}
          </Typography.Title>
          <Typography.Paragraph>{t('adminPortal.courtSystems.webhooks.intro')}</Typography.Paragraph>
        </div>
        <Button onClick={() => setSubscribing(true)} disabled={systems.size === 0}>
          {t('adminPortal.courtSystems.webhooks.subscribe')}
        </Button>
      </Flex>
      {subscriptions.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(subscriptions.error), t)} />}
      <WideTable label={t('adminPortal.courtSystems.webhooks.title')}>
        <Table<WebhookSubscriptionView>
          rowKey="id"
          loading={subscriptions.isLoading}
          dataSource={subscriptions.data?.items ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.courtSystems.webhooks.empty')}</Typography.Text> }}
          pagination={false}
          columns={[
            { title: t('adminPortal.courtSystems.system'), dataIndex: 'courtSystemId', render: (id: string) => systemName(id) },
            {
              title: t('adminPortal.courtSystems.webhooks.url'),
              dataIndex: 'url',
              // Broken anywhere (an address has no spaces), but never narrower than a readable run
              // of it: on a phone the table scrolls sideways instead of the address going one
              // character per line.
              render: (url: string) => <Typography.Text style={{ display: 'block', minWidth: 200, wordBreak: 'break-all' }}>{url}</Typography.Text>,
            },
            {
              title: t('adminPortal.courtSystems.webhooks.events'),
              dataIndex: 'events',
              render: (events: WebhookSubscriptionView['events']) => events.map((e) => <Tag key={e}>{t(`adminPortal.webhooks.events.${e}`)}</Tag>),
            },
            {
              title: t('adminPortal.courtSystems.webhooks.state'),
              key: 'state',
              render: (_: unknown, s: WebhookSubscriptionView) =>
                s.disabledAt ? (
                  <Tag>{t('adminPortal.courtSystems.webhooks.disabledOn', { date: dayjs(s.disabledAt).format('LL') })}</Tag>
                ) : (
                  <Flex vertical gap={4} align="start">
                    <Tag color="green">{t('adminPortal.courtSystems.webhooks.active')}</Tag>
                    {s.previousSecretValidUntil && dayjs(s.previousSecretValidUntil).isAfter(dayjs()) && (
                      <Typography.Text type="secondary">
                        {t('adminPortal.courtSystems.webhooks.overlap', { until: dayjs(s.previousSecretValidUntil).format('LLL') })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
            },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_: unknown, s: WebhookSubscriptionView) =>
                !s.disabledAt && (
                  <Space wrap>
                    <Popconfirm
                      title={t('adminPortal.courtSystems.webhooks.rotateTitle')}
                      description={t('adminPortal.courtSystems.webhooks.rotateText')}
                      okText={t('adminPortal.courtSystems.webhooks.rotate')}
                      cancelText={t('adminPortal.cancel')}
                      onConfirm={() => rotate(s)}
                    >
                      <Button>{t('adminPortal.courtSystems.webhooks.rotate')}</Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('adminPortal.courtSystems.webhooks.disableTitle')}
                      description={t('adminPortal.courtSystems.webhooks.disableText', { url: s.url })}
                      okText={t('adminPortal.courtSystems.webhooks.disable')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('adminPortal.cancel')}
                      onConfirm={() => disable(s)}
                    >
                      <Button danger>{t('adminPortal.courtSystems.webhooks.disable')}</Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </WideTable>

      <ActionModal<AdminSubscribeWebhookRequest>
        title={t('adminPortal.courtSystems.webhooks.subscribeTitle')}
        open={subscribing}
        onClose={() => setSubscribing(false)}
        onSubmit={async (body) => {
          const { data } = await subscribeWebhook({ body, throwOnError: true });
          setSecret({ value: data.secret, url: data.url });
        }}
        done={t('adminPortal.courtSystems.webhooks.subscribed')}
        submitText={t('adminPortal.courtSystems.webhooks.subscribe')}
        initialValues={{ events: [...WEBHOOK_EVENT_TYPES] }}
      >
        <Form.Item name="courtSystemId" label={t('adminPortal.courtSystems.system')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Select options={[...systems].map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('adminPortal.courtSystems.webhooks.url')}
          extra={t('adminPortal.courtSystems.webhooks.urlHelp')}
          rules={[{ required: true, whitespace: true, message: t('adminPortal.required') }]}
        >
          <Input inputMode="url" placeholder="https://" maxLength={2000} />
        </Form.Item>
        {/* `min` rather than `required`: a required rule puts aria-required on the group's div, which ARIA does not allow there. */}
        <Form.Item
          name="events"
          label={t('adminPortal.courtSystems.webhooks.events')}
          rules={[{ type: 'array', min: 1, message: t('adminPortal.courtSystems.webhooks.eventsRequired') }]}
        >
          <Checkbox.Group options={WEBHOOK_EVENT_TYPES.map((e) => ({ value: e, label: t(`adminPortal.webhooks.events.${e}`) }))} />
        </Form.Item>
      </ActionModal>

      <ShownOnceModal
        title={t('adminPortal.courtSystems.webhooks.secretTitle')}
        secret={secret?.value}
        description={secret ? t('adminPortal.courtSystems.webhooks.secretFor', { url: secret.url }) : ''}
        label={t('adminPortal.courtSystems.webhooks.theSecret')}
        onClose={() => setSecret(undefined)}
      />
    </section>
  );
}
