import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { issueStreamTicket } from '../api/generated/sdk.gen';
import { NOTIFICATIONS_KEY, unreadCountQuery } from './notifications-api';

/** What the stream sends with each `notification` event (a NotificationView). */
interface Pushed {
  id: string;
  caseId: string | null;
}

/** Waits before reconnecting: 1 s, 2 s, 4 s … up to 30 s; the count resets once connected. */
export function reconnectDelay(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
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
 * signed-in header). EventSource cannot send the bearer header, so each connection starts with a
 * one-time ticket; a ticket works once, so on any error the source is closed and a new one opened
 * with a fresh ticket, after a growing delay. `ready` carries the unread count.
 */
export function useNotificationStream(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const retry = () => {
      source?.close();
      source = undefined;
      if (stopped) return;
      failures += 1;
      timer = setTimeout(() => void connect(), reconnectDelay(failures));
    };

    const connect = async () => {
      let ticket: string;
      try {
        ticket = (await issueStreamTicket({ throwOnError: true })).data.ticket;
      } catch {
        retry();
        return;
      }
      if (stopped) return;
      source = new EventSource(`/api/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
      source.addEventListener('ready', (e) => {
        failures = 0;
        const { unread } = JSON.parse((e as MessageEvent<string>).data) as { unread: number };
        queryClient.setQueryData(unreadCountQuery().queryKey, unread);
        // Anything missed while disconnected is in the inbox: fetch it again.
        void queryClient.invalidateQueries({ queryKey: [...NOTIFICATIONS_KEY, 'inbox'] });
      });
      source.addEventListener('notification', (e) => onNotification(queryClient, JSON.parse((e as MessageEvent<string>).data) as Pushed));
      // The browser's own retry would reuse the spent ticket: take over.
      source.onerror = retry;
    };

    // A connection that outlived a network change (laptop asleep, phone switching networks) can
    // hang without an error: back online, start afresh at once.
    const reconnectNow = () => {
      clearTimeout(timer);
      source?.close();
      source = undefined;
      failures = 0;
      void connect();
    };
    const dropWhileOffline = () => {
      clearTimeout(timer);
      source?.close();
      source = undefined;
    };
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', dropWhileOffline);

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
      window.removeEventListener('online', reconnectNow);
      window.removeEventListener('offline', dropWhileOffline);
    };
  }, [queryClient]);
}
