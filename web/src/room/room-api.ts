import { infiniteQueryOptions, queryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { getShamMediationWarning, listChannels, listMessages, listSessions } from '../api/generated/sdk.gen';
import type { CaseView, ChannelView, ListMessagesResponses, MessageView, ParticipantView } from '../api/generated/types.gen';

export type Channel = ChannelView['channel'];
export type Side = 'applicant' | 'respondent';
type MessagePage = ListMessagesResponses[200];

/** Every query of the room starts with the case's key, so a notification about the case refreshes them too. */
const roomKey = (caseId: string) => ['cases', caseId, 'room'] as const;

export const channelsQuery = (caseId: string) =>
  queryOptions({
    queryKey: [...roomKey(caseId), 'channels'],
    queryFn: async ({ signal }) => (await listChannels({ path: { id: caseId }, signal, throwOnError: true })).data.items,
  });

export const messagesKey = (caseId: string) => [...roomKey(caseId), 'messages'] as const;

/** A channel's messages, newest first, a page at a time; older pages by the API's cursor. */
export const messagesQuery = (caseId: string, channel: Channel) =>
  infiniteQueryOptions({
    queryKey: [...messagesKey(caseId), channel],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => (await listMessages({ path: { id: caseId, channel }, query: { cursor: pageParam, limit: 30 }, signal, throwOnError: true })).data,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const sessionsQuery = (caseId: string) =>
  queryOptions({
    queryKey: [...roomKey(caseId), 'sessions'],
    queryFn: async ({ signal }) => (await listSessions({ path: { id: caseId }, signal, throwOnError: true })).data.items,
  });

export const warningQuery = (caseId: string) =>
  queryOptions({
    queryKey: [...roomKey(caseId), 'warning'],
    queryFn: async ({ signal }) => (await getShamMediationWarning({ path: { id: caseId }, signal, throwOnError: true })).data,
  });

/** Oldest first, as a conversation reads. */
export function chronological(data: InfiniteData<MessagePage> | undefined): MessageView[] {
  return (data?.pages ?? []).flatMap((page) => page.items).reverse();
}

/** A message arrived live: it goes on top of the newest page once (a retry or our own post may bring it twice). */
export function withMessage<P>(data: InfiniteData<MessagePage, P> | undefined, message: MessageView): InfiniteData<MessagePage, P> | undefined {
  if (!data || data.pages.length === 0) return data;
  if (data.pages.some((page) => page.items.some((m) => m.id === message.id))) return data;
  const [newest, ...older] = data.pages;
  const items = [...newest.items, message].sort((a, b) => b.seq - a.seq);
  return { ...data, pages: [{ ...newest, items }, ...older] };
}

/** Puts a message into its channel's list, if that list is loaded, and refreshes the unread counts. */
export function receiveMessage(queryClient: QueryClient, caseId: string, message: MessageView): void {
  queryClient.setQueryData(messagesQuery(caseId, message.channel).queryKey, (data) => withMessage(data, message));
  void queryClient.invalidateQueries({ queryKey: channelsQuery(caseId).queryKey });
}

/** The side a party (or its agent) is on; null for the mediator, who is in every channel. */
export function mySide(view: Pick<CaseView, 'yourRoles'>): Side | null {
  if (view.yourRoles.includes('mediator')) return null;
  if (view.yourRoles.some((r) => r === 'applicant' || r === 'applicant_agent')) return 'applicant';
  if (view.yourRoles.some((r) => r === 'respondent' || r === 'respondent_agent')) return 'respondent';
  return null;
}

/**
 * Where the "new since you last read" line goes: before the oldest of the last `unread`
 * messages written by others (your own are read by writing them). Undefined: nothing new.
 */
export function firstUnreadId(messages: readonly Pick<MessageView, 'id' | 'authorId'>[], unread: number, me: string | undefined): string | undefined {
  if (unread <= 0) return undefined;
  const others = messages.filter((m) => m.authorId !== me);
  return others[Math.max(0, others.length - unread)]?.id;
}

export type Missing = 'account' | 'identity_verification' | 'sham_mediation_warning';

/**
 * Who still keeps a session from starting, and why, as the API will check on start: every party
 * and agent taking part must have an account, be verified by real name and have acknowledged the
 * sham-mediation warning for this case. The mediator is never missing anything.
 */
export function startBlockers(participants: readonly ParticipantView[]): { name: string; missing: Missing[] }[] {
  return participants
    .filter((p) => p.capacity !== 'mediator')
    .map((p) => {
      const missing: Missing[] = [];
      if (!p.userId) missing.push('account');
      else {
        if (!p.identityVerified) missing.push('identity_verification');
        if (p.warningAcknowledged !== true) missing.push('sham_mediation_warning');
      }
      return { name: p.name, missing };
    })
    .filter((b) => b.missing.length > 0);
}
