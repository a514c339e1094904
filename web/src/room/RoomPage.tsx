import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Alert, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { AgreementPanel } from '../agreement/AgreementPanel';
import { caseQuery } from '../cases/cases-api';
import { CaseStatusWithNext } from '../cases/CaseStatus';
import { BiddingPanel } from '../negotiation/BiddingPanel';
import { EndingPanel } from '../negotiation/EndingPanel';
import { OffersPanel } from '../negotiation/OffersPanel';
import { PeriodPanel } from '../negotiation/PeriodPanel';
import { usePageTitle } from '../shell/use-page-title';
import { MessagesPanel } from './MessagesPanel';
import { channelsQuery } from './room-api';
import { isInRoom, type RoomPanel, type RoomPanelProps } from './room-panel';
import { useRoomStream } from './room-stream';
import { SessionsPanel } from './SessionsPanel';
import { UnreadBadge } from './UnreadBadge';
import { WarningBanner } from './WarningBanner';

const route = getRouteApi('/signed-in/cases/$caseId/room');

/**
 * The mediation room: one screen per case for the mediator and the parties. Its parts are
 * tabs held in the URL (?panel=offers), each owned by its feature's folder.
 */
export function RoomPage() {
  const { t } = useTranslation();
  const { caseId } = route.useParams();
  const { panel = 'messages' } = route.useSearch();
  const navigate = route.useNavigate();
  const found = useQuery(caseQuery(caseId));
  const view = found.data;
  usePageTitle(view ? t('room.title', { number: view.number }) : undefined);

  const back = (
    <Typography.Paragraph>
      <Link to="/cases/$caseId" params={{ caseId }} search={{}}>
        {t('room.backToCase')}
      </Link>
    </Typography.Paragraph>
  );
  if (found.isLoading) return <Skeleton active />;
  if (found.error || !view) {
    const problem = toApiProblem(found.error);
    return <Alert type="error" showIcon role="alert" title={problem.status === 404 ? t('cases.notFound') : describeProblem(problem, t)} />;
  }
  if (!isInRoom(view)) return <Result status="403" title={t('room.notForYou')} extra={back} />;

  const props: RoomPanelProps = { view, isMediator: view.yourRoles.includes('mediator') };
  return (
    <>
      {back}
      <Flex justify="space-between" align="baseline" gap={16} wrap>
        <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
          {t('room.title', { number: view.number })}
        </Typography.Title>
        <CaseStatusWithNext status={view.status} />
      </Flex>
      <RoomStream caseId={caseId} />
      {!props.isMediator && <WarningBanner caseId={caseId} />}
      <Tabs
        className="wrapping-tabs"
        activeKey={panel}
        onChange={(key) => void navigate({ search: { panel: key === 'messages' ? undefined : (key as RoomPanel) }, replace: true })}
        aria-label={t('room.panelsLabel')}
        destroyOnHidden
        items={[
          { key: 'messages', label: <MessagesTabLabel caseId={caseId} />, children: <MessagesPanel {...props} /> },
          { key: 'sessions', label: t('room.panels.sessions'), children: <SessionsPanel {...props} /> },
          { key: 'offers', label: t('room.panels.offers'), children: <OffersPanel {...props} /> },
          { key: 'bidding', label: t('room.panels.bidding'), children: <BiddingPanel {...props} /> },
          { key: 'period', label: t('room.panels.period'), children: <PeriodPanel {...props} /> },
          { key: 'agreement', label: t('room.panels.agreement'), children: <AgreementPanel {...props} /> },
          { key: 'ending', label: t('room.panels.ending'), children: <EndingPanel {...props} /> },
        ]}
      />
    </>
  );
}

/** Live messages for every panel while the room is open (only for those in it: others would be refused). */
function RoomStream({ caseId }: { caseId: string }) {
  useRoomStream(caseId);
  return null;
}

/** "Messages", with what is unread in all my channels (kept current by the stream). */
function MessagesTabLabel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const unread = (useQuery(channelsQuery(caseId)).data ?? []).reduce((sum, c) => sum + c.unread, 0);
  return (
    <Space size={6}>
      <span>{t('room.panels.messages')}</span>
      <UnreadBadge count={unread} />
    </Space>
  );
}
