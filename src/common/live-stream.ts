import { applyDecorators, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';

/** Proxies close a silent connection; a comment-like event every so often keeps it open. */
export const HEARTBEAT_MS = 25_000;

/**
 * Documents a server-sent event stream: `text/event-stream`, each event a named JSON `data`
 * line. `events` says which events come, for the generated client's readers.
 */
export const ApiEventStream = (events: string): MethodDecorator =>
  applyDecorators(
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description: `Server-sent events: ${events}`,
      content: { 'text/event-stream': { schema: { type: 'string', description: 'event: <name>\\ndata: <JSON>\\n\\n, per the SSE format' } } },
    }),
  );

/**
 * A server-sent event stream: starts listening, then sends `ready` (once nothing can be missed
 * between the two), then whatever the listener emits, with a `heartbeat` every 25 s. Closing
 * the connection stops the listener.
 */
export function liveStream(listen: (emit: (event: MessageEvent) => void) => Promise<() => void>, ready: () => Promise<MessageEvent['data']>): Observable<MessageEvent> {
  const live = new Observable<MessageEvent>((subscriber) => {
    let stop: (() => void) | undefined;
    let closed = false;
    listen((event) => subscriber.next(event))
      .then(async (unlisten) => {
        if (closed) return unlisten();
        stop = unlisten;
        subscriber.next({ type: 'ready', data: await ready() });
      })
      .catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      stop?.();
    };
  });
  return merge(live, interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} }))));
}
