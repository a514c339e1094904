import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keepStreamOpen } from '../api/live-stream';
import type { ChannelView, MessageView } from '../api/generated/types.gen';
import { channelsQuery, messagesKey, receiveMessage, sessionsQuery } from './room-api';

/**
 * Keeps the room connected to GET /cases/{id}/mediation/stream while it is open (see
 * keepStreamOpen for the tickets and reconnecting): each message posted in a channel I am in
 * arrives as a `message` event — the API sends me those of my channels only; a session I take
 * part in that changed (scheduled, moved, cancelled, started, ended, its record written or
 * confirmed) as a `sessions` event naming it, on which the sessions are read again. `ready`
 * carries the channels with their unread counts.
 */
export function useRoomStream(caseId: string): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      keepStreamOpen(`/api/v1/cases/${encodeURIComponent(caseId)}/mediation/stream`, {
        ready: (data) => {
          queryClient.setQueryData(channelsQuery(caseId).queryKey, (data as { channels: ChannelView[] }).channels);
          // A message posted before the stream was listening (or while it was down) is in the lists.
          void queryClient.invalidateQueries({ queryKey: messagesKey(caseId) });
          void queryClient.invalidateQueries({ queryKey: sessionsQuery(caseId).queryKey });
        },
        message: (data) => receiveMessage(queryClient, caseId, data as MessageView),
        sessions: () => void queryClient.invalidateQueries({ queryKey: sessionsQuery(caseId).queryKey }),
      }),
    [caseId, queryClient],
  );
}
