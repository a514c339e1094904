import { DISPUTE_TYPES } from '../../api/dispute-types';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Button, Card, Col, Form, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { QueueCaseView } from '../../api/generated/types.gen';
import { useDaysLeftText } from '../../case-page/plain-words';
import { CaseStatusTag, useStatusText } from '../../cases/CaseStatus';
import { filterAndSort, groupByUrgency, QUEUE_SORTS, URGENCY_GROUPS, type QueueSearch, type QueueSort } from './queue-rules';
import { useQueueWords } from './queue-words';

const route = getRouteApi('/signed-in/mediator');

/** The states a mediator's own case can be in (closed and archived cases leave the queue). */
const MEDIATOR_STATUSES = ['awaiting_respondent', 'mediating', 'signing', 'settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed'];
/** The room opens once the other side agrees to mediate (the case page links it in the same states). */
const ROOM_OPEN_IN = MEDIATOR_STATUSES.slice(1);

/**
 * My active cases grouped by how soon their next deadline falls, with counts per group. The
 * filters and the sort are in the URL (?status=&type=&q=&sort=), so a reload or a shared link
 * keeps them. Each row links to the case and, once open, its room.
 */
export function ActiveCases({ cases }: { cases: QueueCaseView[] }) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const words = useQueueWords();
  const statusText = useStatusText();
  const shown = filterAndSort(cases, search);
  const groups = groupByUrgency(shown);
  const filtered = Boolean(search.status || search.type || search.q || search.sort);

  const setSearch = (change: Partial<QueueSearch>) => void navigate({ search: (prev) => ({ ...prev, ...change }) });

  return (
    <section aria-labelledby="mq-cases" data-testid="active-cases">
      <Typography.Title level={2} id="mq-cases" style={{ fontSize: 22 }}>
        {t('mediatorQueue.cases.title')}
      </Typography.Title>

      <Row gutter={[12, 12]} role="list" aria-label={t('mediatorQueue.cases.countsLabel')} style={{ marginBottom: 16 }}>
        {URGENCY_GROUPS.map((group) => (
          <Col key={group} xs={8} xl={4} role="listitem">
            <Card size="small" data-testid={`count-${group}`}>
              <Statistic title={t(`mediatorQueue.cases.groups.${group}`)} value={groups[group].length} styles={{ content: { fontSize: 20 } }} />
            </Card>
          </Col>
        ))}
      </Row>

      <Form layout="vertical" role="search" aria-label={t('mediatorQueue.cases.filtersLabel')}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('mediatorQueue.cases.status')} htmlFor="mq-status">
              <Select
                id="mq-status"
                value={search.status ?? ''}
                onChange={(value: string) => setSearch({ status: value || undefined })}
                options={[{ value: '', label: t('mediatorQueue.cases.anyStatus') }, ...MEDIATOR_STATUSES.map((s) => ({ value: s, label: statusText(s).label }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('mediatorQueue.cases.type')} htmlFor="mq-type">
              <Select
                id="mq-type"
                value={search.type ?? ''}
                onChange={(value: string) => setSearch({ type: value || undefined })}
                options={[{ value: '', label: t('mediatorQueue.cases.anyType') }, ...DISPUTE_TYPES.map((d) => ({ value: d, label: words.disputeType(d) }))]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('mediatorQueue.cases.search')} htmlFor="mq-q">
              <Input.Search
                id="mq-q"
                // A new key per URL value: the box shows the URL's text after a reload or a cleared filter.
                key={search.q ?? ''}
                defaultValue={search.q}
                allowClear
                onSearch={(value) => setSearch({ q: value.trim() || undefined })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('mediatorQueue.cases.sort')} htmlFor="mq-sort">
              <Select
                id="mq-sort"
                value={search.sort ?? 'deadline'}
                onChange={(value: QueueSort) => setSearch({ sort: value === 'deadline' ? undefined : value })}
                options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`mediatorQueue.cases.sorts.${s}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {filtered && (
          <Button style={{ marginBottom: 16 }} onClick={() => void navigate({ search: {} })}>
            {t('mediatorQueue.cases.clear')}
          </Button>
        )}
      </Form>

      {cases.length === 0 && <Typography.Paragraph type="secondary">{t('mediatorQueue.cases.noCases')}</Typography.Paragraph>}
      {cases.length > 0 && shown.length === 0 && <Typography.Paragraph type="secondary">{t('mediatorQueue.cases.noMatch')}</Typography.Paragraph>}
      {URGENCY_GROUPS.filter((group) => groups[group].length > 0).map((group) => (
        <UrgencyGroup key={group} group={group} rows={groups[group]} />
      ))}
    </section>
  );
}

function UrgencyGroup({ group, rows }: { group: (typeof URGENCY_GROUPS)[number]; rows: QueueCaseView[] }) {
  const { t } = useTranslation();
  const words = useQueueWords();
  const left = useDaysLeftText();
  const label = t(`mediatorQueue.cases.groups.${group}`);
  return (
    <section aria-labelledby={`mq-group-${group}`} data-testid={`group-${group}`} style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id={`mq-group-${group}`} style={{ fontSize: 18 }} type={group === 'overdue' ? 'danger' : undefined}>
        {t('mediatorQueue.cases.groupCount', { group: label, count: rows.length })}
      </Typography.Title>
      <Table<QueueCaseView>
        rowKey="caseId"
        dataSource={rows}
        pagination={false}
        size="middle"
        columns={[
          {
            title: t('mediatorQueue.cases.number'),
            dataIndex: 'number',
            render: (number: string, row) => (
              <Link to="/cases/$caseId" params={{ caseId: row.caseId }} search={{}}>
                {number}
              </Link>
            ),
          },
          { title: t('mediatorQueue.cases.caseTitle'), dataIndex: 'title' },
          { title: t('mediatorQueue.cases.status'), dataIndex: 'status', render: (status: string) => <CaseStatusTag status={status} /> },
          { title: t('mediatorQueue.cases.type'), dataIndex: 'disputeType', responsive: ['lg'], render: (type: string) => words.disputeType(type) },
          {
            title: t('mediatorQueue.cases.nextDeadline'),
            dataIndex: 'nextDeadline',
            responsive: ['md'],
            render: (at: string | null, row) =>
              at ? (
                <>
                  {dayjs(at).format('LL')} ({left(at)})
                  {row.nextDeadlineKind && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {words.deadlineKind(row.nextDeadlineKind)}
                    </Typography.Text>
                  )}
                </>
              ) : (
                t('mediatorQueue.cases.noDeadline')
              ),
          },
          {
            title: t('mediatorQueue.cases.room'),
            key: 'room',
            // Phones keep number, title and status; the case page links its room.
            responsive: ['sm'],
            render: (_, row) =>
              ROOM_OPEN_IN.includes(row.status) ? (
                <Link to="/cases/$caseId/room" params={{ caseId: row.caseId }} search={{}} aria-label={t('mediatorQueue.cases.openRoomOf', { number: row.number })}>
                  {t('mediatorQueue.cases.openRoom')}
                </Link>
              ) : (
                <Typography.Text type="secondary">{t('mediatorQueue.cases.roomNotYet')}</Typography.Text>
              ),
          },
        ]}
      />
    </section>
  );
}
