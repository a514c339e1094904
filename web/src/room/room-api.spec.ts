import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import type { ListMessagesResponses, MessageView, ParticipantView } from '../api/generated/types.gen';
import { channelsQuery, chronological, firstUnreadId, messagesQuery, mySide, receiveMessage, startBlockers, withMessage } from './room-api';

type Page = ListMessagesResponses[200];

const message = (seq: number, authorId = 'a', channel: MessageView['channel'] = 'joint'): MessageView => ({
  id: `m${seq}`,
  seq,
  caseId: 'c1',
  channel,
  authorId,
  authorName: authorId,
  authorRole: 'applicant',
  text: `text ${seq}`,
  attachments: [],
  createdAt: new Date(2026, 0, 1, 0, seq).toISOString(),
});

const pages = (...lists: number[][]): InfiniteData<Page, string | undefined> => ({
  pages: lists.map((seqs, i) => ({ items: seqs.map((s) => message(s)), nextCursor: i < lists.length - 1 ? `cursor${i}` : null })),
  pageParams: lists.map((_, i) => (i === 0 ? undefined : `cursor${i - 1}`)),
});

describe('the room’s messages', () => {
  it('reads oldest first across pages that the API gives newest first', () => {
    expect(chronological(pages([5, 4], [3, 2])).map((m) => m.seq)).toEqual([2, 3, 4, 5]);
    expect(chronological(undefined)).toEqual([]);
  });

  it('puts a live message on the newest page once, in order', () => {
    const data = pages([5, 4], [3]);
    const once = withMessage(data, message(6));
    expect(once!.pages[0].items.map((m) => m.seq)).toEqual([6, 5, 4]);
    expect(withMessage(once, message(6))).toBe(once);
    // A message that overtook another on the wire still lands in its place.
    expect(withMessage(pages([7, 5]), message(6))!.pages[0].items.map((m) => m.seq)).toEqual([7, 6, 5]);
    // A channel not loaded yet is fetched when opened, not patched.
    expect(withMessage(undefined, message(1))).toBeUndefined();
  });

  it('a live message updates only its own channel and refreshes the unread counts', () => {
    const client = new QueryClient();
    client.setQueryData(messagesQuery('c1', 'joint').queryKey, pages([1]));
    client.setQueryData(messagesQuery('c1', 'caucus_applicant').queryKey, pages([2]));
    client.setQueryData(channelsQuery('c1').queryKey, []);
    receiveMessage(client, 'c1', message(3, 'b', 'caucus_applicant'));
    expect(chronological(client.getQueryData(messagesQuery('c1', 'joint').queryKey)).map((m) => m.seq)).toEqual([1]);
    expect(chronological(client.getQueryData(messagesQuery('c1', 'caucus_applicant').queryKey)).map((m) => m.seq)).toEqual([2, 3]);
    expect(client.getQueryState(channelsQuery('c1').queryKey)?.isInvalidated).toBe(true);
  });

  it('marks where the unread messages of others begin', () => {
    const list = [message(1, 'me'), message(2, 'b'), message(3, 'me'), message(4, 'b'), message(5, 'b')];
    expect(firstUnreadId(list, 2, 'me')).toBe('m4');
    expect(firstUnreadId(list, 3, 'me')).toBe('m2');
    expect(firstUnreadId(list, 9, 'me')).toBe('m2');
    expect(firstUnreadId(list, 0, 'me')).toBeUndefined();
  });

  it('knows the side of a party or agent; the mediator has none', () => {
    expect(mySide({ yourRoles: ['applicant_agent'] })).toBe('applicant');
    expect(mySide({ yourRoles: ['respondent'] })).toBe('respondent');
    expect(mySide({ yourRoles: ['mediator'] })).toBeNull();
  });
});

describe('what keeps a session from starting', () => {
  const person = (over: Partial<ParticipantView>): ParticipantView => ({
    userId: 'u',
    name: 'P',
    side: 'applicant',
    capacity: 'party',
    identityVerified: true,
    warningAcknowledged: true,
    ...over,
  });

  it('names each party or agent with what they lack, and never the mediator', () => {
    expect(
      startBlockers([
        person({ name: 'Mediator', capacity: 'mediator', side: 'mediator', warningAcknowledged: null }),
        person({ name: 'Ready' }),
        person({ name: 'Jia', warningAcknowledged: false }),
        person({ name: 'Yi', side: 'respondent', identityVerified: false, warningAcknowledged: false }),
        person({ name: 'No account', userId: null, identityVerified: false, warningAcknowledged: null }),
      ]),
    ).toEqual([
      { name: 'Jia', missing: ['sham_mediation_warning'] },
      { name: 'Yi', missing: ['identity_verification', 'sham_mediation_warning'] },
      { name: 'No account', missing: ['account'] },
    ]);
  });
});
