import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueCourtSystemKey, listCourtSystemKeys, listOrganisations, revokeCourtSystemKey } from '../../api/generated/sdk.gen';
import type { CourtSystemKeyView, IssueCourtSystemKeyRequest, IssuedCourtSystemKeyView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { ShownOnceModal } from './ShownOnceModal';
import { WebhookSubscriptions } from './WebhookSubscriptions';
import { WideTable } from './WideTable';
import { ADMIN_KEY, COURT_SYSTEM_PERMISSIONS } from './admin-api';

/**
 * Courts' own case-management systems: their API keys (issue one, shown once, to be stored in the
 * court's system at once; see when each was last used; revoke one, refused from the next request
 * on) and their webhook subscriptions. Every change and every key's use is in the security log.
 */
export function CourtSystemsSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedCourtSystemKeyView>();
  const keys = useQuery({
    queryKey: [ADMIN_KEY, 'court-system-keys'],
    queryFn: async ({ signal }) => (await listCourtSystemKeys({ query: { limit: 100 }, signal, throwOnError: true })).data,
  });
  const courts = useQuery({
    queryKey: [ADMIN_KEY, 'organisations', 'court'],
    queryFn: async ({ signal }) => (await listOrganisations({ query: { kind: 'court', limit: 100 }, signal, throwOnError: true })).data.items,
  });
  const courtName = (id: string) => courts.data?.find((c) => c.id === id)?.name ?? id;

  const revoke = async (key: CourtSystemKeyView) => {
    try {
      await revokeCourtSystemKey({ path: { id: key.id }, throwOnError: true });
      void message.success(t('adminPortal.courtSystems.revoked', { label: key.label }));
    } catch (problem) {
      const text = handleProblem(problem);
      if (text) void message.error(text);
    }
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
  };

  const error = keys.error ?? courts.error;
  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(error), t)} />}
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Typography.Paragraph style={{ maxWidth: 720 }}>{t('adminPortal.courtSystems.intro')}</Typography.Paragraph>
        <Button type="primary" onClick={() => setIssuing(true)}>
          {t('adminPortal.courtSystems.issue')}
        </Button>
      </Flex>
      <WideTable label={t('adminPortal.courtSystems.keys')}>
        <Table<CourtSystemKeyView>
          rowKey="id"
          loading={keys.isLoading}
          dataSource={keys.data?.items ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.courtSystems.empty')}</Typography.Text> }}
          pagination={false}
          columns={[
            { title: t('adminPortal.courtSystems.system'), dataIndex: 'courtSystemName' },
            { title: t('adminPortal.courtSystems.court'), dataIndex: 'courtId', render: (id: string) => courtName(id) },
            {
              title: t('adminPortal.courtSystems.label'),
              dataIndex: 'label',
              render: (label: string, key) => (
                <Typography.Text title={key.prefix} style={{ whiteSpace: 'nowrap' }}>
                  {label}
                </Typography.Text>
              ),
            },
            {
              title: t('adminPortal.courtSystems.permissions'),
              dataIndex: 'permissions',
              render: (permissions: CourtSystemKeyView['permissions']) => permissions.map((p) => <Tag key={p}>{t(`adminPortal.courtSystems.permission.${p}`)}</Tag>),
            },
            { title: t('adminPortal.courtSystems.created'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('LL') },
            {
              title: t('adminPortal.courtSystems.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (at: string | null) => (at ? dayjs(at).format('LLL') : t('adminPortal.courtSystems.neverUsed')),
            },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_, key) =>
                key.revokedAt ? (
                  <Tag color="default">{t('adminPortal.courtSystems.revokedOn', { date: dayjs(key.revokedAt).format('LL') })}</Tag>
                ) : (
                  <Popconfirm
                    title={t('adminPortal.courtSystems.revokeTitle', { label: key.label })}
                    description={t('adminPortal.courtSystems.revokeText', { system: key.courtSystemName })}
                    okText={t('adminPortal.courtSystems.revoke')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('adminPortal.cancel')}
                    onConfirm={() => revoke(key)}
                  >
                    <Button danger>{t('adminPortal.courtSystems.revoke')}</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </WideTable>

      <ActionModal<IssueCourtSystemKeyRequest>
        title={t('adminPortal.courtSystems.issueTitle')}
        open={issuing}
        onClose={() => setIssuing(false)}
        onSubmit={async (body) => setIssued((await issueCourtSystemKey({ body, throwOnError: true })).data)}
        done={t('adminPortal.courtSystems.issuedDone')}
        submitText={t('adminPortal.courtSystems.issue')}
        initialValues={{ permissions: ['refer_cases', 'read_cases'] }}
      >
        <Form.Item name="courtId" label={t('adminPortal.courtSystems.court')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={courts.isLoading}
            options={(courts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            placeholder={t('adminPortal.courtSystems.courtPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="courtSystemName"
          label={t('adminPortal.courtSystems.system')}
          extra={t('adminPortal.courtSystems.systemHelp')}
          rules={[{ required: true, whitespace: true, message: t('adminPortal.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('adminPortal.courtSystems.label')}
          extra={t('adminPortal.courtSystems.labelHelp')}
          rules={[{ required: true, whitespace: true, message: t('adminPortal.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {/* `min` rather than `required`: a required rule puts aria-required on the group's div, which ARIA does not allow there. */}
        <Form.Item
          name="permissions"
          label={t('adminPortal.courtSystems.permissions')}
          rules={[{ type: 'array', min: 1, message: t('adminPortal.courtSystems.permissionsRequired') }]}
        >
          <Checkbox.Group options={COURT_SYSTEM_PERMISSIONS.map((p) => ({ value: p, label: t(`adminPortal.courtSystems.permission.${p}`) }))} />
        </Form.Item>
      </ActionModal>

      <ShownOnceModal
        title={t('adminPortal.courtSystems.issuedTitle')}
        secret={issued?.key}
        description={issued ? t('adminPortal.courtSystems.issuedFor', { system: issued.courtSystemName, court: courtName(issued.courtId) }) : ''}
        label={t('adminPortal.courtSystems.theKey')}
        onClose={() => setIssued(undefined)}
      />

      <WebhookSubscriptions keys={keys.data?.items ?? []} courtName={courtName} />
    </>
  );
}
