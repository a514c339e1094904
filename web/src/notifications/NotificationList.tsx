import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge, Button, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { markNotificationRead } from '../api/generated/sdk.gen';
import { NOTIFICATIONS_KEY, type Notification } from './notifications-api';

/** Marks one notification read; the bell and the inbox then fetch again. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await markNotificationRead({ path: { id }, throwOnError: true })).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/**
 * Notifications as a list: unread ones marked (a dot and "Unread"), each linking to the case it is
 * about, with "Mark as read". Used by the inbox and the bell's popover.
 */
export function NotificationList({ items, loading, compact = false }: { items: Notification[]; loading?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  return (
    <List
      loading={loading}
      dataSource={items}
      // Ant's own empty text is too faint (contrast): plain text instead.
      locale={{ emptyText: <Typography.Text>{t('notifications.empty')}</Typography.Text> }}
      renderItem={(n) => {
        const unread = n.readAt === null;
        const title = n.caseId ? (
          <Link to="/cases/$caseId" params={{ caseId: n.caseId }} onClick={() => unread && markRead.mutate(n.id)}>
            {n.title}
          </Link>
        ) : (
          n.title
        );
        return (
          <List.Item
            data-testid="notification-item"
            data-unread={unread}
            actions={
              unread
                ? [
                    <Button key="read" size="small" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending && markRead.variables === n.id}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              avatar={<Badge status={unread ? 'processing' : 'default'} />}
              title={
                <span style={{ fontWeight: unread ? 600 : 400 }}>
                  {unread && <Tag color="blue">{t('notifications.unread')}</Tag>}
                  {title}
                </span>
              }
              description={
                <>
                  {!compact && <Typography.Paragraph style={{ marginBottom: 4 }}>{n.text}</Typography.Paragraph>}
                  <time dateTime={n.createdAt}>{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</time>
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
