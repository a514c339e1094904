import { issueStreamTicket } from './generated/sdk.gen';

/** Waits before reconnecting: 1 s, 2 s, 4 s … up to 30 s; the count resets once connected. */
export function reconnectDelay(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** What to do with each named event of a stream; the event's data arrives parsed from JSON. */
export type StreamListeners = Record<string, (data: unknown) => void>;

/**
 * Keeps a server-sent event stream of the API (`path`, e.g. /api/v1/notifications/stream) open
 * until the returned function is called. EventSource cannot send the bearer header, so each
 * connection starts with a one-time ticket; a ticket works once, so on any error the source is
 * closed and a new one opened with a fresh ticket, after a growing delay. The streams send
 * `ready` first: a listener for it is the place to fetch again what was missed meanwhile.
 */
export function keepStreamOpen(path: string, listeners: StreamListeners): () => void {
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
    source = new EventSource(`${path}?ticket=${encodeURIComponent(ticket)}`);
    source.onopen = () => {
      failures = 0;
    };
    for (const [name, listener] of Object.entries(listeners)) {
      source.addEventListener(name, (e) => listener(JSON.parse((e as MessageEvent<string>).data)));
    }
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
}
