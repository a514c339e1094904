import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { countUnreadNotifications, listNotifications } from '../api/generated/sdk.gen';
import type { NotificationView } from '../api/generated/types.gen';

export type Notification = NotificationView;

/** Every notifications query starts with this key, so one invalidation refreshes them all. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The bell's count. The live stream keeps it current (its `ready` event and each `notification`). */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: async ({ signal }) => (await countUnreadNotifications({ signal, throwOnError: true })).data.unread,
  });

/** The inbox, newest first, a page at a time (keyset cursor); the unread ones are marked. */
export const inboxQuery = (limit = 20) =>
  infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'inbox', { limit }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => (await listNotifications({ query: { cursor: pageParam, limit }, signal, throwOnError: true })).data,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
