import { getRouteApi } from '@tanstack/react-router';
import { App, Button, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { openQueueBoardSession } from '../../api/generated/sdk.gen';
import { useProblemHandler } from '../../api/use-problem';
import { usePageTitle } from '../../shell/use-page-title';
import type { AdminSection } from './admin-api';
import { ArchiveSection } from './ArchiveSection';
import { AssignmentSection } from './AssignmentSection';
import { CourtSystemsSection } from './CourtSystemsSection';
import { IntakeSection } from './IntakeSection';
import { PeopleSection } from './PeopleSection';
import { SecuritySection } from './SecuritySection';
import { ServiceSection } from './ServiceSection';
import { WebhooksSection } from './WebhooksSection';

const route = getRouteApi('/signed-in/admin');

/**
 * The administrators' portal: intake, assignment, people, service problems, the security log,
 * archive verification, courts' systems (API keys) and their webhooks as sections held in the URL (?section=people), with the queue board and the
 * statistics one click away. Administrators never see a mediation room from here.
 */
export function AdminHomePage() {
  const { t } = useTranslation();
  const { section = 'intake' } = route.useSearch();
  const navigate = route.useNavigate();
  const { message } = App.useApp();
  const handleProblem = useProblemHandler();
  usePageTitle(`${t(`adminPortal.sections.${section}`)} – ${t('adminPortal.title')}`);

  // The board is another app (bull-board) behind a short-lived cookie that this call sets.
  const openQueueBoard = async () => {
    try {
      const { data } = await openQueueBoardSession({ throwOnError: true });
      window.open(data.url, '_blank', 'noopener');
    } catch (problem) {
      const text = handleProblem(problem);
      if (text) void message.error(text);
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
          {t('adminPortal.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Button onClick={() => void openQueueBoard()}>{t('adminPortal.queueBoard')}</Button>
          {/* Built in its own feature (web/src/statistics); a plain link so this page does not depend on its route. */}
          <Button href="/statistics">{t('adminPortal.statistics')}</Button>
        </Flex>
      </Flex>
      <Tabs
        className="wrapping-tabs"
        activeKey={section}
        onChange={(key) => void navigate({ search: { section: key === 'intake' ? undefined : (key as AdminSection) }, replace: true })}
        aria-label={t('adminPortal.sectionsLabel')}
        destroyOnHidden
        items={[
          { key: 'intake', label: t('adminPortal.sections.intake'), children: <IntakeSection /> },
          { key: 'assignment', label: t('adminPortal.sections.assignment'), children: <AssignmentSection /> },
          { key: 'people', label: t('adminPortal.sections.people'), children: <PeopleSection /> },
          { key: 'service', label: t('adminPortal.sections.service'), children: <ServiceSection /> },
          { key: 'security', label: t('adminPortal.sections.security'), children: <SecuritySection /> },
          { key: 'archive', label: t('adminPortal.sections.archive'), children: <ArchiveSection /> },
          { key: 'courtSystems', label: t('adminPortal.sections.courtSystems'), children: <CourtSystemsSection /> },
          { key: 'webhooks', label: t('adminPortal.sections.webhooks'), children: <WebhooksSection /> },
        ]}
      />
    </>
  );
}
