import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiProblem } from '../api/problem';
import { describeProblem } from '../api/use-problem';
import { usePageTitle } from '../shell/use-page-title';
import { inboxQuery } from './notifications-api';
import { NotificationList } from './NotificationList';

/** `/notifications`: everything the platform told me, newest first; unread ones marked. Live. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const inbox = useInfiniteQuery(inboxQuery());
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 28 }}>
        {t('notifications.title')}
      </Typography.Title>
      {inbox.error && <Alert type="error" showIcon role="alert" title={describeProblem(toApiProblem(inbox.error), t)} />}
      <section aria-live="polite" aria-label={t('notifications.title')}>
        <NotificationList items={items} loading={inbox.isLoading} />
      </section>
      {inbox.hasNextPage && (
        <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {t('notifications.more')}
        </Button>
      )}
    </>
  );
}
