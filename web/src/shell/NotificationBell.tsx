import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { countUnreadNotifications } from '../api/generated/sdk.gen';

const unreadCountQuery = {
  queryKey: ['notifications', 'unread-count'],
  queryFn: async ({ signal }: { signal: AbortSignal }) => {
    const { data } = await countUnreadNotifications({ signal, throwOnError: true });
    return data.unread;
  },
  // Until the inbox listens to the live stream (GET /notifications/stream), poll.
  refetchInterval: 60_000,
};

/** The unread count. The inbox and live updates come with the notifications screen. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery(unreadCountQuery).data ?? 0;
  const label = unread > 0 ? t('header.unread', { count: unread }) : t('header.noUnread');
  return (
    <Badge count={unread} size="small" offset={[-6, 6]}>
      <Button type="text" shape="circle" icon={<BellOutlined aria-hidden />} aria-label={label} title={label} data-testid="notification-bell" />
    </Badge>
  );
}
