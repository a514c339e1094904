import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Drawer, Flex, Form, Input, List, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignManually, listAssignmentOffers, listMediatorWorkload, listUnassignedCases, reassignCase } from '../../api/generated/sdk.gen';
import type { AssignmentOffer, UnassignedCaseView, WorkloadView } from '../../api/generated/types.gen';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { ActionModal } from './ActionModal';
import { WideTable } from './WideTable';
import { ADMIN_KEY, caseByNumber, noSuchCase } from './admin-api';
import { explanationLines } from './explanation';

/**
 * The assignment console: cases no mediator has taken (flagged, or with no offer out), each
 * candidate the matcher considered and why; manual assignment and reassignment with a reason;
 * and every mediator's load.
 */
export function AssignmentSection() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<UnassignedCaseView>();
  const [reassigning, setReassigning] = useState(false);
  const unassigned = useQuery({
    queryKey: [ADMIN_KEY, 'unassigned'],
    queryFn: async ({ signal }) => (await listUnassignedCases({ signal, throwOnError: true })).data.items,
  });
  const workload = useQuery({
    queryKey: [ADMIN_KEY, 'workload'],
    queryFn: async ({ signal }) => (await listMediatorWorkload({ signal, throwOnError: true })).data.items,
  });
  const mediators = (workload.data ?? []).map((m) => ({ value: m.mediatorId, label: m.name }));
  const error = unassigned.error ?? workload.error;

  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(error), t)} />}
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('adminPortal.assignment.unassignedTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('adminPortal.assignment.unassignedIntro')}</Typography.Paragraph>
      <WideTable label={t('adminPortal.assignment.unassignedTitle')}>
        <Table<UnassignedCaseView>
          rowKey="caseId"
          loading={unassigned.isLoading}
          dataSource={unassigned.data}
          pagination={false}
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.assignment.noneUnassigned')}</Typography.Text> }}
          columns={[
            {
              title: t('cases.number'),
              dataIndex: 'number',
              render: (number: string, item) => (
                <Link to="/cases/$caseId" params={{ caseId: item.caseId }}>
                  {number}
                </Link>
              ),
            },
            { title: t('cases.title'), dataIndex: 'title' },
            {
              title: t('adminPortal.assignment.state'),
              key: 'state',
              render: (_, item) => (item.needsManualAssignment ? <Tag color="red">{t('adminPortal.assignment.flagged')}</Tag> : <Tag>{t('adminPortal.assignment.noOffer')}</Tag>),
            },
            { title: t('adminPortal.assignment.since'), dataIndex: 'since', render: (at: string) => dayjs(at).format('LLL') },
            { title: t('adminPortal.assignment.offersMade'), dataIndex: 'offersMade' },
            {
              title: t('adminPortal.actions'),
              key: 'actions',
              render: (_, item) => (
                <Button type="primary" onClick={() => setOpen(item)}>
                  {t('adminPortal.assignment.assign')}
                </Button>
              ),
            },
          ]}
        />
      </WideTable>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginTop: 32 }}>
        <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
          {t('adminPortal.assignment.workloadTitle')}
        </Typography.Title>
        <Button onClick={() => setReassigning(true)}>{t('adminPortal.assignment.reassign')}</Button>
      </Flex>
      <WideTable label={t('adminPortal.assignment.workloadTitle')}>
        <Table<WorkloadView>
          style={{ marginTop: 16 }}
          rowKey="mediatorId"
          locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.none')}</Typography.Text> }}
          loading={workload.isLoading}
          dataSource={workload.data}
          pagination={false}
          columns={[
            { title: t('adminPortal.assignment.mediator'), dataIndex: 'name' },
            { title: t('adminPortal.assignment.available'), dataIndex: 'active', render: (active: boolean) => (active ? t('adminPortal.yes') : t('adminPortal.no')) },
            { title: t('adminPortal.assignment.openCases'), key: 'load', render: (_, m) => t('adminPortal.assignment.ofCapacity', { open: m.openCases, capacity: m.capacity }) },
            { title: t('adminPortal.assignment.pendingOffers'), dataIndex: 'pendingOffers' },
            { title: t('adminPortal.assignment.last30'), dataIndex: 'assignmentsLast30Days' },
            { title: t('adminPortal.assignment.declined'), dataIndex: 'declined' },
          ]}
        />
      </WideTable>
      <Drawer title={open ? t('adminPortal.assignment.drawerTitle', { number: open.number }) : undefined} open={!!open} onClose={() => setOpen(undefined)} destroyOnHidden>
        {open && <CaseAssignment item={open} mediators={mediators} names={new Map(mediators.map((m) => [m.value, m.label]))} onDone={() => setOpen(undefined)} />}
      </Drawer>
      <ActionModal<{ number: string; reason: string; mediatorId?: string }>
        title={t('adminPortal.assignment.reassignTitle')}
        open={reassigning}
        onClose={() => setReassigning(false)}
        submitText={t('adminPortal.assignment.reassign')}
        done={t('adminPortal.assignment.reassigned')}
        onSubmit={async ({ number, reason, mediatorId }) => {
          const found = await caseByNumber(number);
          if (!found) throw noSuchCase(t('adminPortal.noSuchCase', { number }));
          await reassignCase({ path: { id: found.id }, body: { reason, mediatorId }, throwOnError: true });
        }}
      >
        <Form.Item name="number" label={t('cases.number')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="mediatorId" label={t('adminPortal.assignment.newMediator')} extra={t('adminPortal.assignment.newMediatorHelp')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={mediators} />
        </Form.Item>
        <Form.Item name="reason" label={t('adminPortal.assignment.reason')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </ActionModal>
    </>
  );
}

function CaseAssignment({
  item,
  mediators,
  names,
  onDone,
}: {
  item: UnassignedCaseView;
  mediators: { value: string; label: string }[];
  names: Map<string, string>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const offers = useQuery({
    queryKey: [ADMIN_KEY, 'offers', item.caseId],
    queryFn: async ({ signal }) => (await listAssignmentOffers({ path: { id: item.caseId }, signal, throwOnError: true })).data.items,
  });
  const [assigning, setAssigning] = useState(false);
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('adminPortal.assignment.candidates')}
      </Typography.Title>
      {offers.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(offers.error), t)} />}
      <List<AssignmentOffer>
        loading={offers.isLoading}
        dataSource={offers.data ?? []}
        locale={{ emptyText: <Typography.Text type="secondary">{t('adminPortal.assignment.noOffers')}</Typography.Text> }}
        renderItem={(offer) => (
          <List.Item>
            <Descriptions
              size="small"
              column={1}
              title={names.get(offer.mediatorId) ?? offer.mediatorId}
              items={[
                { key: 'status', label: t('adminPortal.assignment.offerStatus'), children: t(`adminPortal.assignment.offerStatuses.${offer.status}`) },
                { key: 'when', label: t('adminPortal.assignment.offeredAt'), children: dayjs(offer.offeredAt).format('LLL') },
                {
                  key: 'why',
                  label: t('adminPortal.assignment.why'),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {explanationLines(offer, names, t).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          </List.Item>
        )}
      />
      <Button type="primary" style={{ marginTop: 16 }} onClick={() => setAssigning(true)}>
        {t('adminPortal.assignment.assignManually')}
      </Button>
      <ActionModal<{ mediatorId: string; reason: string }>
        title={t('adminPortal.assignment.manualTitle', { number: item.number })}
        open={assigning}
        onClose={() => setAssigning(false)}
        submitText={t('adminPortal.assignment.assign')}
        done={t('adminPortal.assignment.assigned', { number: item.number })}
        onSubmit={async (body) => {
          await assignManually({ path: { id: item.caseId }, body, throwOnError: true });
          onDone();
        }}
      >
        <Form.Item name="mediatorId" label={t('adminPortal.assignment.mediator')} rules={[{ required: true, message: t('adminPortal.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={mediators} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('adminPortal.assignment.reason')}
          extra={t('adminPortal.assignment.reasonHelp')}
          rules={[{ required: true, message: t('adminPortal.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </ActionModal>
    </>
  );
}
