import { BellOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge, Button, Popover } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxQuery, unreadCountQuery } from '../notifications/notifications-api';
import { NotificationList } from '../notifications/NotificationList';
import { useNotificationStream } from '../notifications/notification-stream';

/** The bell: the unread count, live over the stream; opens the latest five and a link to the inbox. */
export function NotificationBell() {
  const { t } = useTranslation();
  useNotificationStream();
  const [open, setOpen] = useState(false);
  const unread = useQuery(unreadCountQuery()).data ?? 0;
  const latest = useInfiniteQuery({ ...inboxQuery(5), enabled: open });
  const label = unread > 0 ? t('header.unread', { count: unread }) : t('header.noUnread');
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t('notifications.latest')}
      content={
        <div style={{ width: 'min(360px, 85vw)' }} data-testid="notification-popover">
          <NotificationList items={latest.data?.pages[0]?.items ?? []} loading={latest.isLoading} compact />
          <Link to="/notifications" onClick={() => setOpen(false)}>
            {t('notifications.seeAll')}
          </Link>
        </div>
      }
    >
      <Badge count={unread} size="small" offset={[-6, 6]}>
        <Button type="text" shape="circle" icon={<BellOutlined aria-hidden />} aria-label={label} title={label} aria-expanded={open} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
