import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keepStreamOpen } from '../api/live-stream';
import { NOTIFICATIONS_KEY, unreadCountQuery } from './notifications-api';

export { reconnectDelay } from '../api/live-stream';

/** What the stream sends with each `notification` event (a NotificationView). */
interface Pushed {
  id: string;
  caseId: string | null;
}

/** A new notification: the bell and the inbox fetch again; an open page about its case refreshes. */
export function onNotification(queryClient: QueryClient, pushed: Pushed): void {
  void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  if (pushed.caseId) {
    // ['cases', id] prefixes every query about the case (its view, documents, timeline …).
    void queryClient.invalidateQueries({ queryKey: ['cases', pushed.caseId] });
    void queryClient.invalidateQueries({ queryKey: ['cases', 'mine'] });
  }
}

/**
 * Keeps this tab connected to GET /notifications/stream while it is mounted (once, in the
 * signed-in header); see keepStreamOpen for the tickets and reconnecting. `ready` carries the
 * unread count.
 */
export function useNotificationStream(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      keepStreamOpen('/api/v1/notifications/stream', {
        ready: (data) => {
          queryClient.setQueryData(unreadCountQuery().queryKey, (data as { unread: number }).unread);
          // Anything missed while disconnected is in the inbox: fetch it again.
          void queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'inbox'] });
        },
        notification: (data) => onNotification(queryClient, data as Pushed),
      }),
    [queryClient],
  );
}
