import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { issueStreamTicket } from '../api/generated/sdk.gen';
import type { ChannelView, MessageView } from '../api/generated/types.gen';
import { reconnectDelay } from '../notifications/notification-stream';
import { channelsQuery, messagesKey, receiveMessage } from './room-api';

/**
 * Keeps the room connected to GET /cases/{id}/mediation/stream while it is open: each message
 * posted in a channel I am in arrives as a `message` event (the API sends me those of my
 * channels only). As with the notification stream, EventSource cannot send the bearer header:
 * every connection starts with a one-time ticket, and on any error a new one after a growing
 * delay. `ready` carries the channels with their unread counts; anything missed while
 * disconnected is fetched again.
 */
export function useRoomStream(caseId: string): void {
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
      source = new EventSource(`/api/v1/cases/${encodeURIComponent(caseId)}/mediation/stream?ticket=${encodeURIComponent(ticket)}`);
      source.addEventListener('ready', (e) => {
        failures = 0;
        const { channels } = JSON.parse((e as MessageEvent<string>).data) as { channels: ChannelView[] };
        queryClient.setQueryData(channelsQuery(caseId).queryKey, channels);
        // A message posted before the stream was listening (or while it was down) is in the lists.
        void queryClient.invalidateQueries({ queryKey: messagesKey(caseId) });
      });
      source.addEventListener('message', (e) => receiveMessage(queryClient, caseId, JSON.parse((e as MessageEvent<string>).data) as MessageView));
      // The browser's own retry would reuse the spent ticket: take over.
      source.onerror = retry;
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [caseId, queryClient]);
}
