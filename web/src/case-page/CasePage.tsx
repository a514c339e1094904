import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Flex, Skeleton, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { caseQuery } from '../cases/cases-api';
import { CaseStatusWithNext } from '../cases/CaseStatus';
import { isInRoom } from '../room/room-panel';
import { usePageTitle } from '../shell/use-page-title';
import { deadlinesQuery, nextDeadline } from './case-page-api';
import { DeadlinesTab, OverviewTab, ServiceTab, TimelineTab } from './CaseTabs';
import { CONFIRMATION_STATUSES, performanceShown, sideOf } from '../after-settlement/after-settlement-api';
import { DocumentsTab } from './DocumentsTab';
import { NextSteps } from './NextSteps';
import { useDaysLeftText, usePlainWords } from './plain-words';

/** The room is open from the mediator's acceptance until the agreement is settled; afterwards it is the record. */
const ROOM_OPEN_IN = ['mediating', 'signing', 'settled', 'confirmation_requested', 'under_court_review', 'confirmation_rejected', 'confirmed', 'closed'];

type CaseTab = 'overview' | 'timeline' | 'documents' | 'service' | 'deadlines';

const route = getRouteApi('/signed-in/cases/$caseId');

/**
 * The case page, for every role: who I am in it, where it stands, what I can do next, and its
 * parts in tabs. The tab is in the URL (?tab=documents), so a link can open it. E-mails link here.
 */
export function CasePage() {
  const { t } = useTranslation();
  const plain = usePlainWords();
  const left = useDaysLeftText();
  const { caseId } = route.useParams();
  const { tab = 'overview' } = route.useSearch();
  const navigate = route.useNavigate();
  const found = useQuery(caseQuery(caseId));
  const deadlines = useQuery({ ...deadlinesQuery(caseId), enabled: found.isSuccess });
  const view = found.data;
  const next = nextDeadline(deadlines.data ?? []);
  usePageTitle(view ? t('cases.caseHeader', { number: view.number }) : undefined);

  return (
    <>
      <Typography.Paragraph>
        <Link to="/cases">{t('cases.back')}</Link>
      </Typography.Paragraph>
      {found.isLoading && <Skeleton active />}
      {found.error && (
        <Alert type="error" showIcon role="alert" title={toApiProblem(found.error).status === 404 ? t('cases.notFound') : describeProblem(toApiProblem(found.error), t)} />
      )}
      {view && (
        <>
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
              {view.title}
            </Typography.Title>
            <Flex gap={8} wrap>
              {isInRoom(view) && ROOM_OPEN_IN.includes(view.status) && (
                <Button onClick={() => void navigate({ to: '/cases/$caseId/room', params: { caseId }, search: {} })}>{t('room.open')}</Button>
              )}
              {sideOf(view) && CONFIRMATION_STATUSES.includes(view.status) && (
                <Button onClick={() => void navigate({ to: '/cases/$caseId/confirmation', params: { caseId } })}>{t('afterSettlement.toConfirmation')}</Button>
              )}
              {sideOf(view) && performanceShown(view) && (
                <Button onClick={() => void navigate({ to: '/cases/$caseId/performance', params: { caseId } })}>{t('afterSettlement.toPerformance')}</Button>
              )}
              <NextSteps view={view} />
            </Flex>
          </Flex>
          <Descriptions
            style={{ marginTop: 16 }}
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { key: 'number', label: t('cases.number'), children: <span data-testid="case-number">{view.number}</span> },
              { key: 'status', label: t('cases.status'), children: <CaseStatusWithNext status={view.status} /> },
              {
                key: 'role',
                label: t('casePage.myRole'),
                children: <span data-testid="my-role">{view.yourRoles.map((r) => plain('roles', r)).join(', ')}</span>,
              },
              {
                key: 'deadline',
                label: t('casePage.nextDeadline'),
                children: next ? (
                  <span data-testid="next-deadline">{t('casePage.dueOn', { date: dayjs(next.dueAt).format('LL'), left: left(next.dueAt) })}</span>
                ) : (
                  <Typography.Text type="secondary">{t('casePage.noDeadline')}</Typography.Text>
                ),
              },
            ]}
          />
          <Tabs
            className="wrapping-tabs"
            activeKey={tab}
            onChange={(key) => void navigate({ search: { tab: key === 'overview' ? undefined : (key as CaseTab) }, replace: true })}
            aria-label={t('casePage.tabsLabel')}
            destroyOnHidden
            items={[
              { key: 'overview', label: t('casePage.tabs.overview'), children: <OverviewTab view={view} /> },
              { key: 'timeline', label: t('casePage.tabs.timeline'), children: <TimelineTab caseId={caseId} /> },
              { key: 'documents', label: t('casePage.tabs.documents'), children: <DocumentsTab caseId={caseId} /> },
              { key: 'service', label: t('casePage.tabs.service'), children: <ServiceTab caseId={caseId} /> },
              { key: 'deadlines', label: t('casePage.tabs.deadlines'), children: <DeadlinesTab caseId={caseId} /> },
            ]}
          />
        </>
      )}
    </>
  );
}
