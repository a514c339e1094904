import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCases, transitionCase } from '../../api/generated/sdk.gen';
import type { CaseSummaryView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem, useProblemHandler } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { WideTable } from './WideTable';
import { ADMIN_KEY, lines } from './admin-api';

type Dialog = { kind: 'correction' | 'reject'; item: CaseSummaryView } | undefined;

/** Submitted applications and referrals waiting for intake, the longest waiting first. */
export function IntakeSection() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const handleProblem = useProblemHandler();
  const [dialog, setDialog] = useState<Dialog>();
  const queue = useQuery({
    queryKey: [ADMIN_KEY, 'intake'],
    queryFn: async ({ signal }) => (await listCases({ query: { status: ['submitted'], order: 'oldest', limit: 100 }, signal, throwOnError: true })).data,
  });

  const accept = (item: CaseSummaryView) =>
    modal.confirm({
      title: t('adminPortal.intake.acceptTitle', { number: item.number }),
      content: t('adminPortal.intake.acceptText'),
      okText: t('adminPortal.intake.accept'),
      cancelText: t('adminPortal.cancel'),
      onOk: async () => {
        try {
          await transitionCase({ path: { id: item.id }, body: { event: 'accept', expectedVersion: item.version }, throwOnError: true });
          void message.success(t('adminPortal.intake.accepted', { number: item.number }));
        } catch (problem) {
          const text = handleProblem(problem);
          if (text) void message.error(text);
        }
        await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
      },
    });

  return (
    <>
      <Typography.Paragraph>{t('adminPortal.intake.intro')}</Typography.Paragraph>
      {queue.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(queue.error), t)} />}
      <WideTable label={t('adminPortal.sections.intake')}>
        <Table<CaseSummaryView>
          rowKey="id"
          loading={queue.isLoading}
          dataSource={queue.data?.items}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.intake.empty')}</Typography.Text> }}
          columns={[
            {
              title: t('cases.number'),
              dataIndex: 'number',
              render: (number: string, item) => (
                <Link to="/cases/$caseId" params={{ caseId: item.id }}>
                  {number}
                </Link>
              ),
            },
            { title: t('cases.title'), dataIndex: 'title' },
            {
              title: t('adminPortal.intake.source'),
              dataIndex: 'source',
              render: (s: string) => t(s === 'court_referral' ? 'adminPortal.intake.referral' : 'adminPortal.intake.online'),
            },
            { title: t('adminPortal.intake.filed'), dataIndex: 'createdAt', render: (at: string) => dayjs(at).format('LL') },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_, item) => (
                <Flex gap={8} wrap>
                  <Button type="primary" onClick={() => accept(item)}>
                    {t('adminPortal.intake.accept')}
                  </Button>
                  <Button onClick={() => setDialog({ kind: 'correction', item })}>{t('adminPortal.intake.requestCorrection')}</Button>
                  <Button danger onClick={() => setDialog({ kind: 'reject', item })}>
                    {t('adminPortal.intake.reject')}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      </WideTable>
      <ActionModal<{ items: string; reason: string; correctionDays: number }>
        title={t('adminPortal.intake.correctionTitle', { number: dialog?.item.number ?? '' })}
        open={dialog?.kind === 'correction'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.intake.sendCorrection')}
        done={t('adminPortal.intake.correctionSent')}
        initialValues={{ correctionDays: 7 }}
        onSubmit={async ({ items, reason, correctionDays }) => {
          await transitionCase({
            path: { id: dialog!.item.id },
            body: { event: 'request_correction', expectedVersion: dialog!.item.version, items: lines(items), reason, correctionDays },
            throwOnError: true,
          });
        }}
      >
        <Form.Item name="items" label={t('adminPortal.intake.items')} extra={t('adminPortal.intake.itemsHelp')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="reason" label={t('adminPortal.intake.correctionReason')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="correctionDays"
          label={t('adminPortal.intake.days')}
          extra={t('adminPortal.intake.daysHelp')}
          rules={[{ required: true, message: t('adminPortal.required') }]}
        >
          <InputNumber min={1} max={60} />
        </Form.Item>
      </ActionModal>
      <ActionModal<{ reason: string }>
        title={t('adminPortal.intake.rejectTitle', { number: dialog?.item.number ?? '' })}
        open={dialog?.kind === 'reject'}
        onClose={() => setDialog(undefined)}
        submitText={t('adminPortal.intake.reject')}
        danger
        done={t('adminPortal.intake.rejected')}
        onSubmit={async ({ reason }) => {
          await transitionCase({ path: { id: dialog!.item.id }, body: { event: 'reject', expectedVersion: dialog!.item.version, reason }, throwOnError: true });
        }}
      >
        <Form.Item
          name="reason"
          label={t('adminPortal.intake.rejectReason')}
          extra={t('adminPortal.intake.rejectHelp')}
          rules={[{ required: true, message: t('adminPortal.required') }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </ActionModal>
    </>
  );
}
