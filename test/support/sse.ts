/** One server-sent event as a client sees it. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events from a real HTTP connection, as a browser's EventSource would. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  if (res.ok && res.body) {
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
            const data = /^data: (.*)$/m.exec(block)?.[1];
            events.push({ event, data: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
          }
        }
      } catch {
        // aborted by the test
      }
    })();
  } else {
    // A refused stream's problem document: read it so the connection is freed.
    await res.body?.cancel();
  }
  return { status: res.status, events, close: () => abort.abort() };
}
