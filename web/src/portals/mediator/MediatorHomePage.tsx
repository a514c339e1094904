import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../../api/problem';
import { describeProblem } from '../../api/use-problem';
import { useMe } from '../../auth/use-session';
import { usePageTitle } from '../../shell/use-page-title';
import { ActiveCases } from './ActiveCases';
import { AvailabilityAndProfile } from './AvailabilityCard';
import { OffersSection } from './OffersSection';
import { mediatorQueueQuery } from './queue-api';

/**
 * The mediator's work queue (/mediator): first the cases offered to me, to accept or decline
 * before their deadline; then my active cases by urgency; beside them whether I take new cases
 * and my profile.
 */
export function MediatorHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('mediatorQueue.title'));
  const me = useMe();
  const queue = useQuery(mediatorQueueQuery());

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('mediatorQueue.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mediatorQueue.intro')}</Typography.Paragraph>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          {queue.isLoading && <Skeleton active />}
          {queue.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(queue.error), t)} />}
          {queue.data && (
            <>
              <OffersSection offers={queue.data.offers} />
              <ActiveCases cases={queue.data.cases} />
            </>
          )}
        </Col>
        <Col xs={24} xl={8}>
          {me && <AvailabilityAndProfile userId={me.id} />}
        </Col>
      </Row>
    </>
  );
}
