import { useCallback, useRef } from 'react';

/**
 * The API files a create once per Idempotency-Key. One key per form submission: a double click
 * or a retry after a dropped connection sends the same key, so the server files once and
 * answers the retry with the first result. Call `done()` once the create succeeded, so the
 * next submission of the same form is a new one.
 *
 *   const idempotency = useIdempotencyKey();
 *   await createThing({ body, headers: { 'Idempotency-Key': idempotency.key() } });
 *   idempotency.done();
 */
export function useIdempotencyKey(): { key: () => string; done: () => void } {
  const current = useRef<string | undefined>(undefined);
  const key = useCallback(() => (current.current ??= newKey()), []);
  const done = useCallback(() => {
    current.current = undefined;
  }, []);
  return { key, done };
}

/** crypto.randomUUID needs a secure context; getRandomValues does not (a plain-http test install). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
