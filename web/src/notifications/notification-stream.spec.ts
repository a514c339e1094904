import { QueryClient } from '@tanstack/react-query';
import { onNotification, reconnectDelay } from './notification-stream';

describe('the notification stream', () => {
  it('waits longer after each failed connection, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('a notification refreshes the bell, the inbox and every query about its case, and nothing else', () => {
    const client = new QueryClient();
    const keys = [
      ['notifications', 'unread-count'],
      ['notifications', 'inbox', { limit: 20 }],
      ['cases', 'c1'],
      ['cases', 'c1', 'agents'],
      ['cases', 'c2'],
      ['cases', 'mine', {}],
      ['me'],
    ];
    for (const key of keys) client.setQueryData(key, 1);
    onNotification(client, { id: 'n1', caseId: 'c1' });
    const stale = keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => JSON.stringify(key));
    expect(stale).toEqual([keys[0], keys[1], keys[2], keys[3], keys[5]].map((key) => JSON.stringify(key)));
  });
});
